package io.tally.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request and its response, as the routes see them: they answer once, with JSON, text or
 * bytes. A HEAD request gets the same status and headers, with no body.
 */
final class Exchange {

    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    private final Request request;
    private final Response response;
    private final Callback callback;

    Exchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    /** Answers 200 with {@code value} as JSON. */
    void json(Object value) {
        send(200, JSON, Json.bytes(value), Map.of("Cache-Control", "no-store"));
    }

    /** Answers the problem as {@code {"error": message}}. */
    void problem(HttpProblem problem) {
        send(problem.status(), JSON, Json.bytes(Json.object().put("error", problem.getMessage())),
            problem.headers());
    }

    /** Answers with {@code body} of {@code contentType}, with extra {@code headers}. */
    void send(int status, String contentType, byte[] body, Map<String, String> headers) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        headers.forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
    }

    /** Answers with UTF-8 text. */
    void text(String contentType, String body) {
        send(200, contentType, body.getBytes(StandardCharsets.UTF_8),
            Map.of("Cache-Control", "no-store"));
    }
}
