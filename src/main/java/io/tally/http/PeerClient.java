package io.tally.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the same Streams application for what it owns, over its query API
 * with {@code scope=local}, so that the other instance answers from its own stores and never
 * forwards again. A peer that cannot be reached, or is itself rebalancing, makes the answer a
 * 503: the owner's count exists, it just cannot be read right now.
 *
 * <p>Concurrency: one client serves every request thread; the JDK's client is thread-safe,
 * and a semaphore counts the forwards in flight.
 *
 * <p>A forward holds one of the server's threads while it waits. So that two instances that
 * forward to each other can never use up both thread pools and wait on each other, at most
 * {@value #MAX_FORWARDS} forwards are in flight at once; a question beyond that is a 503.
 *
 * <p>Note: the JDK's client keeps one idle selector thread (a daemon) for the life of the
 * JVM; Java 17's client cannot be closed.
 */
final class PeerClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** Well under the server's threads, so that some always answer questions from peers. */
    static final int MAX_FORWARDS = 8;

    private final Semaphore forwards = new Semaphore(MAX_FORWARDS);

    private final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();

    long count(HostInfo owner, String word) {
        JsonNode answer = get(owner, "counts/" + encode(word) + "?scope=local");
        JsonNode count = answer.get("count");
        if (count == null || !count.canConvertToLong()) {
            throw HttpProblem.badGateway("Instance " + owner + " answered without a count."
                + " Run the same Tally version on every instance.");
        }
        return count.asLong();
    }

    List<WordCount> top(HostInfo owner, int n) {
        JsonNode answer = get(owner, "top?n=" + n + "&scope=local");
        List<WordCount> words = new ArrayList<>();
        for (JsonNode row : answer) {
            words.add(new WordCount(row.path("word").asText(), row.path("count").asLong()));
        }
        return words;
    }

    private JsonNode get(HostInfo owner, String pathAndQuery) {
        if (!forwards.tryAcquire()) {
            throw HttpProblem.unavailable("This instance already waits on " + MAX_FORWARDS
                + " answers from other instances. Ask again shortly, or ask " + owner
                + " directly.");
        }
        try {
            return send(owner, pathAndQuery);
        } finally {
            forwards.release();
        }
    }

    private JsonNode send(HostInfo owner, String pathAndQuery) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/" + pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw HttpProblem.unavailable("Instance " + owner + ", which owns the answer, cannot"
                + " be reached (" + e + "); it may be stopping, in which case its partitions"
                + " move to another instance. Ask again shortly.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpProblem.unavailable("Interrupted while asking instance " + owner + ".");
        }
        return parse(owner, response);
    }

    private static JsonNode parse(HostInfo owner, HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw HttpProblem.badGateway("Instance " + owner + " answered " + response.statusCode()
                + " with no JSON. Check that " + owner + " is a Tally query API.");
        }
        if (response.statusCode() == 200) {
            return json;
        }
        String error = json.path("error").asText("status " + response.statusCode());
        if (response.statusCode() == 503) {
            throw HttpProblem.unavailable("Instance " + owner + " cannot answer yet: " + error);
        }
        throw HttpProblem.badGateway("Instance " + owner + " refused the forwarded question: "
            + error);
    }

    /** Percent-encodes every byte that is not unreserved, so the word is one path segment. */
    static String encode(String word) {
        StringBuilder out = new StringBuilder();
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
