package io.tally.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of the query API, the metrics and the dashboard, on Jetty's core handler
 * API (no servlets). It listens on one address, {@value #DEFAULT_HOST} unless told otherwise,
 * takes headers of at most {@value #MAX_HEADER_BYTES} bytes (Jetty answers 431 beyond), keeps
 * Jetty's default URI rules (which reject ambiguous paths, such as encoded slashes and empty
 * segments, and bad percent-encoding, with 400), and hands every request to a
 * {@link GuardedHandler}, which checks again, strictly.
 *
 * <p>Note: plain HTTP with no authentication: bind it to a public address only behind
 * something that adds TLS and access control.
 */
public final class QueryServer implements AutoCloseable {

    /** The address listened on unless told otherwise: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Largest request line plus headers accepted. */
    public static final int MAX_HEADER_BYTES = 8 * 1024;

    private static final Logger log = LoggerFactory.getLogger(QueryServer.class);
    private static final int MAX_THREADS = 24;
    private static final int MIN_THREADS = 4;

    private final Server server;
    private final ServerConnector connector;
    private final String host;
    private int port;
    private String url;

    private QueryServer(Server server, ServerConnector connector, String host) {
        this.server = server;
        this.connector = connector;
        this.host = host;
    }

    /**
     * Starts listening on {@code host:port} ({@code port} 0 picks a free one).
     *
     * @throws IllegalStateException when the address cannot be bound, saying what to change
     */
    public static QueryServer start(String host, int port, Routes routes) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("tally-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1,
            new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new GuardedHandler(routes, isLoopback(host)));
        server.setErrorHandler(QueryServer::writeJettyError);
        QueryServer started = new QueryServer(server, connector, host);
        started.startOrExplain(port);
        started.port = connector.getLocalPort();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        started.url = "http://" + shown + ":" + started.port + "/";
        log.info("HTTP server listening on {}", started.url);
        return started;
    }

    private void startOrExplain(int port) {
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            String cause = e instanceof IOException && e.getCause() != null
                ? e.getCause().getMessage() : e.getMessage();
            throw new IllegalStateException("Cannot listen for HTTP on " + host + ":" + port
                + " (" + cause + "). Pick another --http-port (0 takes any free one), or stop"
                + " what listens there; check --http-host names an address of this machine.",
                e);
        }
    }

    /**
     * Errors that Jetty answers itself before any route runs: a 431 for oversized headers, a
     * 400 for a request its URI rules reject (bad percent-encoding, empty segments, encoded
     * slashes). Same JSON shape as every other error, with what to change.
     */
    private static boolean writeJettyError(Request request, Response response,
            Callback callback) {
        Object status = request.getAttribute(ErrorHandler.ERROR_STATUS);
        Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        String reason = status + (message == null ? "" : ": " + message);
        byte[] body = Json.bytes(Json.object().put("error", jettyErrorText(status, reason)));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Exchange.JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static String jettyErrorText(Object status, String reason) {
        if (Integer.valueOf(431).equals(status)) {
            return "The request's headers are larger than " + MAX_HEADER_BYTES + " bytes ("
                + reason + "). Send fewer or smaller headers.";
        }
        if (Integer.valueOf(400).equals(status)) {
            return "The request is malformed (" + reason + "). Check its percent-encoding"
                + " (every '%' takes two hex digits; %25 is a literal '%'), and leave out"
                + " empty, '.' and '..' segments and encoded slashes.";
        }
        if (status instanceof Integer code && code >= 400 && code < 500) {
            return "The request was refused (" + reason + "). Send a plain HTTP/1.1 GET.";
        }
        return "The server could not answer (" + status + "). See its log.";
    }

    /** Whether {@code host} names a loopback address, the default and safe place to listen. */
    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /** The port listened on, which {@code port} 0 chose. */
    public int port() {
        return port;
    }

    /** The address listened on, as given. */
    public String host() {
        return host;
    }

    /** The socket address actually bound. */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) ((ServerSocketChannel) connector.getTransport())
                .getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, ending in '/'. */
    public String url() {
        return url;
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            log.debug("Stopping the HTTP server failed", e);
        }
    }

    /** Stops listening and waits for the server's threads to end. */
    @Override
    public void close() {
        stopQuietly();
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("HTTP server on {} stopped", url);
    }
}
