package io.tally.http;

import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one handler: it turns away what no route may see, then dispatches. In order:
 * on a loopback address, a Host header that names anything but this machine is a 421 (so that
 * a web page cannot read the API through DNS rebinding); a method other than GET or HEAD is a
 * 405; a request with a body (a length above zero, or chunked) is a 413; a path or query that
 * does not decode strictly (see {@link RequestTarget}) is a 400; a path no route serves is a
 * 404. Oversized headers never get here: Jetty answers them with 431.
 */
final class GuardedHandler extends Handler.Abstract {

    private static final Logger log = LoggerFactory.getLogger(GuardedHandler.class);
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1",
        "[::1]");

    private final Routes routes;
    private final boolean loopbackOnly;

    /**
     * @param loopbackOnly whether the server listens on loopback only, and so answers only
     *     requests addressed to this machine by name or loopback address
     */
    GuardedHandler(Routes routes, boolean loopbackOnly) {
        this.routes = routes;
        this.loopbackOnly = loopbackOnly;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback);
        try {
            if (loopbackOnly && !isLoopbackName(request.getHttpURI().getHost())) {
                throw HttpProblem.misdirected("This server listens on loopback and answers only"
                    + " requests for localhost or a loopback address, not for '"
                    + request.getHttpURI().getHost() + "'. Ask http://127.0.0.1:PORT/, or"
                    + " start it with --http-host to serve another address.");
            }
            String method = request.getMethod();
            if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
                throw HttpProblem.methodNotAllowed(method);
            }
            if (request.getLength() > 0
                    || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
                throw HttpProblem.bodyNotAllowed();
            }
            RequestTarget target = RequestTarget.parse(request.getHttpURI().getPath(),
                request.getHttpURI().getQuery());
            routes.find(target).handle(target, exchange);
        } catch (HttpProblem problem) {
            log.debug("{} {}: {} {}", request.getMethod(), request.getHttpURI().getPath(),
                problem.status(), problem.getMessage());
            exchange.problem(problem);
        } catch (Exception e) {
            log.warn("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), e);
            exchange.problem(HttpProblem.internal("The server failed to answer. See its log;"
                + " this is a fault of Tally's, not of the request."));
        }
        return true;
    }

    private static boolean isLoopbackName(String host) {
        return host != null && (LOOPBACK_NAMES.contains(host.toLowerCase(Locale.ROOT))
            || host.startsWith("127."));
    }
}
