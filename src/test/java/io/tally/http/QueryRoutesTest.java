package io.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tally.tokenizer.Tokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The query API's answers, over HTTP, from a real shared map. */
class QueryRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GuardedServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldAnswerZeroForAnUnknownWord() throws IOException {
        server = GuardedServer.shared().count("kafka");

        JsonNode answer = ok("/counts/nowhere");

        assertThat(answer.get("word").asText()).isEqualTo("nowhere");
        assertThat(answer.get("count").asLong()).isZero();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"KAFKA,kafka", "Don%E2%80%99t,don't", "Cafe%CC%81,café",
        "%CE%9F%CE%94%CE%9F%CE%A3,οδος", "%27quoted%27,quoted", "%20stream%20,stream"})
    void shouldNormaliseTheWordAsTallyCountsDoes(String asked, String counted) throws IOException {
        server = GuardedServer.shared().count(counted, counted, counted);

        JsonNode answer = ok("/counts/" + asked);

        assertThat(answer.get("word").asText()).isEqualTo(counted);
        assertThat(answer.get("count").asLong()).isEqualTo(3);
        assertThat(Tokenizer.withDefaults().words(java.net.URLDecoder.decode(asked,
            java.nio.charset.StandardCharsets.UTF_8))).containsExactly(counted);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "well-known|holds 2 words by the tokenizer's rule (well, known)|/counts/well",
        "%20|holds no word|/counts/kafka",
        "!!!|holds no word|/counts/kafka"})
    void shouldRejectTextThatIsNotOneWordNamingTheCauseAndTheFix(String asked, String cause,
            String fix) throws IOException {
        server = GuardedServer.shared();

        RawHttp answer = RawHttp.get(server.port(), "/counts/" + asked);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(error(answer)).contains(cause).contains(fix);
    }

    @Test
    void shouldRejectAWordLongerThanTheLongestCounted() throws IOException {
        server = GuardedServer.shared();
        String tooLong = "a".repeat(Tokenizer.DEFAULT_MAX_WORD_LENGTH + 1);

        RawHttp answer = RawHttp.get(server.port(), "/counts/" + tooLong);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(error(answer)).contains("longer than the longest word counted (100 code points")
            .contains("tally.word.max.length");
    }

    @Test
    void shouldListTheTopWordsByCountThenWordLikeADirectSort() throws IOException {
        server = GuardedServer.shared();
        Map<String, Long> expected = new HashMap<>();
        Random random = new Random(5);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String word = "w" + (int) Math.floor(Math.pow(random.nextDouble(), 3) * 300);
            words.add(word);
            expected.merge(word, 1L, Long::sum);
        }
        server.count(words.toArray(new String[0]));

        JsonNode top = ok("/top?n=25");

        List<WordCount> sorted = expected.entrySet().stream()
            .map(e -> new WordCount(e.getKey(), e.getValue()))
            .sorted(WordCount.BY_COUNT_THEN_WORD).limit(25).toList();
        assertThat(rows(top)).isEqualTo(sorted);
        assertThat(rows(ok("/top"))).isEqualTo(sorted.subList(0, QueryRoutes.DEFAULT_TOP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "10001", "1.5", ""})
    void shouldRejectATopSizeOutsideOneToTenThousand(String n) throws IOException {
        server = GuardedServer.shared();

        RawHttp answer = RawHttp.get(server.port(), "/top?n=" + n);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(error(answer)).contains("n must be a whole number from 1 to 10000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/top?top=5", "/counts/kafka?n=3", "/top?n=1&n=2", "/top?scope=all3"})
    void shouldRejectUnknownOrRepeatedParameters(String target) throws IOException {
        server = GuardedServer.shared();

        assertThat(RawHttp.get(server.port(), target).status()).isEqualTo(400);
    }

    @Test
    void shouldAnswer503WithRetryAfterForAPathThatHasNotStarted() throws IOException {
        server = GuardedServer.bothWithSharedOnly().count("kafka");

        RawHttp both = RawHttp.get(server.port(), "/counts/kafka");
        RawHttp streams = RawHttp.get(server.port(), "/top?path=streams");

        assertThat(both.status()).isEqualTo(503);
        assertThat(both.header("Retry-After")).isEqualTo("1");
        assertThat(error(both)).contains("streams path has not started yet");
        assertThat(streams.status()).isEqualTo(503);
        assertThat(ok("/counts/kafka?path=shared").get("count").asLong()).isEqualTo(1);
    }

    @Test
    void shouldRejectAPathThisServerDoesNotCount() throws IOException {
        server = GuardedServer.shared();

        assertThat(RawHttp.get(server.port(), "/top?path=streams").status()).isEqualTo(404);
        assertThat(RawHttp.get(server.port(), "/top?path=nope").status()).isEqualTo(400);
    }

    private JsonNode ok(String target) throws IOException {
        RawHttp answer = RawHttp.get(server.port(), target);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        return JSON.readTree(answer.body());
    }

    private static String error(RawHttp answer) throws IOException {
        return JSON.readTree(answer.body()).get("error").asText();
    }

    private static List<WordCount> rows(JsonNode array) {
        List<WordCount> rows = new ArrayList<>();
        array.forEach(row -> rows.add(new WordCount(row.get("word").asText(),
            row.get("count").asLong())));
        return rows;
    }
}
