package io.tally.http;

import java.util.Map;

/**
 * An answer other than success, with the status and a message that names the cause and the
 * fix; thrown by routes and views, written by the handler as {@code {"error": message}}.
 */
public final class HttpProblem extends RuntimeException {

    /** Seconds a client should wait before it asks again after a 503. */
    public static final int RETRY_AFTER_SECONDS = 1;

    private final int status;
    private final Map<String, String> headers;

    private HttpProblem(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    /** 400: the request itself is wrong. */
    public static HttpProblem badRequest(String message) {
        return new HttpProblem(400, message, Map.of());
    }

    /** 421: the request names a host this server does not answer for. */
    public static HttpProblem misdirected(String message) {
        return new HttpProblem(421, message, Map.of());
    }

    /** 404: nothing is served there. */
    public static HttpProblem notFound(String message) {
        return new HttpProblem(404, message, Map.of());
    }

    /** 405: only GET and HEAD are served. */
    public static HttpProblem methodNotAllowed(String method) {
        return new HttpProblem(405, "Method " + method + " is not allowed: this server only"
            + " reads. Use GET (or HEAD).", Map.of("Allow", "GET, HEAD"));
    }

    /** 413: requests take no body. */
    public static HttpProblem bodyNotAllowed() {
        return new HttpProblem(413, "Requests to this server take no body. Send the question"
            + " in the path and query string only.", Map.of("Connection", "close"));
    }

    /** 500: a fault of this server's own; its log has the details. */
    public static HttpProblem internal(String message) {
        return new HttpProblem(500, message, Map.of());
    }

    /** 502: another instance answered with something this one cannot use. */
    public static HttpProblem badGateway(String message) {
        return new HttpProblem(502, message, Map.of());
    }

    /** 503 with Retry-After: the answer exists but cannot be given right now. */
    public static HttpProblem unavailable(String message) {
        return new HttpProblem(503, message,
            Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
    }

    public int status() {
        return status;
    }

    /** Headers the answer must carry, such as Allow or Retry-After. */
    public Map<String, String> headers() {
        return headers;
    }
}
