package io.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the server turns away, sent byte for byte over a socket. */
class QueryServerSecurityTest {

    private static GuardedServer server;

    @BeforeAll
    static void start() {
        server = GuardedServer.shared().count("kafka", "kafka", "stream");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldListenOnLoopbackOnlyUnlessToldOtherwise() throws IOException {
        InetSocketAddress bound = server.server.localAddress();

        assertThat(QueryServer.DEFAULT_HOST).isEqualTo("127.0.0.1");
        assertThat(bound.getAddress().isLoopbackAddress()).as(bound.toString()).isTrue();
        assertThat(bound.getAddress().isAnyLocalAddress()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/counts/%zz", "/counts/ab%4", "/counts/%", "/top?n=%G1",
        "/top?%ZZ=1"})
    void shouldRejectBadPercentEncodingWith400(String target) throws IOException {
        RawHttp answer = RawHttp.get(server.port(), target);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("percent-encoding").contains("%25");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/counts/%FF", "/counts/caf%C3%28", "/counts/%C0%AF",
        "/counts/%ED%A0%80", "/counts/%F4%90%80%80", "/top?path=%C3"})
    void shouldRejectInvalidUtf8With400(String target) throws IOException {
        RawHttp answer = RawHttp.get(server.port(), target);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/counts/../metrics", "/counts/%2e%2e/metrics", "/counts/%2E%2E",
        "/counts/.", "/./top", "/top/..", "/counts/.%2E/metrics"})
    void shouldRejectPathTraversalWith400(String target) throws IOException {
        RawHttp answer = RawHttp.get(server.port(), target);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"attacker.example", "attacker.example:80", "10.0.0.1",
        "localhost.attacker.example"})
    void shouldRefuseAHostOtherThanLoopbackWith421AgainstDnsRebinding(String host)
            throws IOException {
        RawHttp answer = RawHttp.send(server.port(), host, "GET", "/top", "", new byte[0]);

        assertThat(answer.status()).as(answer.body()).isEqualTo(421);
        assertThat(answer.body()).contains("loopback");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST:8080", "127.0.0.1", "127.0.0.1:9", "[::1]"})
    void shouldAnswerRequestsAddressedToThisMachine(String host) throws IOException {
        RawHttp answer = RawHttp.send(server.port(), host, "GET", "/top", "", new byte[0]);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void shouldRejectHeadersOver8KiBWith431() throws IOException {
        String big = "X-Filler: " + "a".repeat(QueryServer.MAX_HEADER_BYTES) + "\r\n";

        RawHttp answer = RawHttp.send(server.port(), "GET", "/top", big, new byte[0]);

        assertThat(answer.status()).isEqualTo(431);
    }

    @Test
    void shouldAcceptHeadersJustUnder8KiB() throws IOException {
        String filler = "X-Filler: " + "a".repeat(QueryServer.MAX_HEADER_BYTES - 200) + "\r\n";

        RawHttp answer = RawHttp.send(server.port(), "GET", "/top", filler, new byte[0]);

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void shouldRejectARequestBodyWith413() throws IOException {
        byte[] body = "n=10".getBytes(StandardCharsets.US_ASCII);

        RawHttp answer = RawHttp.send(server.port(), "GET", "/top",
            "Content-Length: " + body.length + "\r\n", body);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("no body");
    }

    @Test
    void shouldRejectAChunkedBodyWith413() throws IOException {
        byte[] body = "4\r\nn=10\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        RawHttp answer = RawHttp.send(server.port(), "GET", "/top",
            "Transfer-Encoding: chunked\r\n", body);

        assertThat(answer.status()).isEqualTo(413);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"})
    void shouldAnswer405ToAnyMethodButGetAndHead(String method) throws IOException {
        RawHttp answer = RawHttp.send(server.port(), method, "/top", "Content-Length: 0\r\n",
            new byte[0]);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void shouldAnswerHeadWithTheHeadersOfGetAndNoBody() throws IOException {
        RawHttp get = RawHttp.get(server.port(), "/counts/kafka");
        RawHttp head = RawHttp.send(server.port(), "HEAD", "/counts/kafka", "", new byte[0]);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
        assertThat(head.body()).isEmpty();
        assertThat(get.body()).isEqualTo("{\"word\":\"kafka\",\"count\":2}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/counts", "/counts/a/b", "/top/", "/etc/passwd",
        "/metrics/x", "/api/dashboard", "/WEB-INF/web.xml"})
    void shouldAnswer404OutsideItsRoutes(String target) throws IOException {
        RawHttp answer = RawHttp.get(server.port(), target);

        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.body()).contains("/counts/{word}").contains("/top");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/counts%2Fkafka", "/top%2F", "//top", "/counts//kafka"})
    void shouldRejectAmbiguousPathsWith400(String target) throws IOException {
        RawHttp answer = RawHttp.get(server.port(), target);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("encoded slashes");
    }

    @Test
    void shouldSendNoServerVersionAndForbidContentSniffing() throws IOException {
        RawHttp answer = RawHttp.get(server.port(), "/top");

        assertThat(answer.header("Server")).isNull();
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

}
