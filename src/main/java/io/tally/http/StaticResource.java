package io.tally.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * A file of the jar served as it is: read once when the server is built, so that a missing
 * file fails at start rather than on the first request.
 */
final class StaticResource implements Route {

    /** For the page: scripts and styles only from this server, nothing inline. */
    static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:;"
        + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers;

    private StaticResource(String contentType, byte[] body, Map<String, String> headers) {
        this.contentType = contentType;
        this.body = body;
        this.headers = headers;
    }

    /** The page itself, with its content security policy. */
    static StaticResource page(String resource) {
        return new StaticResource("text/html; charset=utf-8", read(resource),
            Map.of("Cache-Control", "no-cache", "Content-Security-Policy", PAGE_POLICY,
                "Referrer-Policy", "no-referrer"));
    }

    /** A script or style sheet; {@code versioned} ones may be cached for a day. */
    static StaticResource asset(String resource, boolean versioned) {
        String type = resource.endsWith(".js") ? "text/javascript; charset=utf-8"
            : "text/css; charset=utf-8";
        return new StaticResource(type, read(resource),
            Map.of("Cache-Control", versioned ? "public, max-age=86400" : "no-cache"));
    }

    @Override
    public void handle(RequestTarget target, Exchange exchange) {
        target.allowOnly(Set.of());
        exchange.send(200, contentType, body, headers);
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The jar lacks " + resource + "; rebuild it with"
                    + " mvn package.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource + " from the jar", e);
        }
    }
}
