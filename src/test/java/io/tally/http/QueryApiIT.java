package io.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.config.TallyConfig;
import io.tally.kafka.EndOffsets;
import io.tally.kafka.KafkaClients;
import io.tally.kafka.TopicSetup;
import io.tally.metrics.Registries;
import io.tally.metrics.SharedPathMeters;
import io.tally.metrics.StreamsPathMeters;
import io.tally.producer.CorpusGenerator;
import io.tally.producer.DirectCount;
import io.tally.producer.LineSource;
import io.tally.producer.StreamLines;
import io.tally.producer.TextProducer;
import io.tally.shared.SharedCounters;
import io.tally.shared.SharedCountingService;
import io.tally.streams.StreamsService;
import io.tally.streams.WordCountTopology;
import io.tally.testing.EmbeddedBrokerExtension;
import io.tally.testing.MultilingualText;
import io.tally.tokenizer.Tokenizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The query API on a real broker: live counts of both paths, two Streams instances that split
 * the partitions and forward to each other, and answers during a rebalance.
 */
class QueryApiIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final EmbeddedBrokerExtension broker = new EmbeddedBrokerExtension();

    @TempDir
    Path folder;

    @Test
    void shouldAnswerEveryWordRightThroughEitherOfTwoInstancesAndOnly503WhileOneLeaves()
            throws Exception {
        TallyConfig config = isolatedConfig();
        List<byte[]> lines = corpus();
        DirectCount expected = directCount(config, lines);
        try (Admin admin = Admin.create(KafkaClients.admin(config));
                Instance first = new Instance(config, "first");
                Instance second = new Instance(config, "second")) {
            TopicSetup.ensureTopics(admin, config);
            first.start(admin);
            second.start(admin);
            await("both instances own counting partitions", () -> bothOwnPartitions(first));

            new TextProducer(config, 2).run(source(lines), length -> { });
            Map<TopicPartition, Long> targets = EndOffsets.of(admin, config.inputTopic());
            assertThat(first.streams.awaitCaughtUp(admin, targets, TIMEOUT, n -> { })).isTrue();

            for (Instance instance : List.of(first, second)) {
                assertThat(countsOfEveryWord(instance, expected)).isEqualTo(expected.counts());
                assertThat(rows(get(instance.port(), "/top?n=10"))).isEqualTo(top(expected, 10));
            }
            assertThat(wordsCounted(first) + wordsCounted(second)).isEqualTo(expected.words());

            second.close();
            assertOnlyRightCountsOr503Until(first, expected);
        }
    }

    @Test
    void shouldAnswer503WithRetryAfterUntilTheStreamsPathRuns() throws Exception {
        TallyConfig config = isolatedConfig();
        try (Instance instance = new Instance(config, "idle")) {
            instance.views.serve(new StreamsCountsView(instance.streams.streams(),
                new HostInfo("127.0.0.1", instance.port())));

            HttpResponse<String> count = send(instance.port(), "/counts/kafka");
            HttpResponse<String> top = send(instance.port(), "/top");

            assertThat(count.statusCode()).isEqualTo(503);
            assertThat(count.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(JSON.readTree(count.body()).get("error").asText())
                .contains("The streams path is CREATED");
            assertThat(top.statusCode()).isEqualTo(503);
        }
    }

    @Test
    void shouldAnswerLiveCountsOfTheSharedPathAndExposeItsMeters() throws Exception {
        TallyConfig config = isolatedConfig();
        List<byte[]> lines = corpus();
        DirectCount expected = directCount(config, lines);
        PrometheusMeterRegistry registry = Registries.prometheus();
        PathViews views = new PathViews(List.of("shared"));
        try (Admin admin = Admin.create(KafkaClients.admin(config));
                QueryServer server = QueryServer.start("127.0.0.1", 0, QueryApi.forService(views,
                    Tokenizer.withDefaults(), registry));
                SharedCountingService shared = new SharedCountingService(config,
                    SharedCounters.create("locked-batch"), 2);
                SharedPathMeters meters = SharedPathMeters.bind(registry, shared,
                    config.inputTopic())) {
            TopicSetup.ensureTopics(admin, config);
            new TextProducer(config, 2).run(source(lines), length -> { });
            Map<TopicPartition, Long> targets = EndOffsets.of(admin, config.inputTopic());
            shared.start(admin);
            meters.bindKafkaClients();
            views.serve(new SharedCountsView(shared::committedCounts));
            assertThat(shared.awaitCommitted(targets, TIMEOUT, n -> { })).isTrue();

            assertThat(countsOfEveryWord(server.port(), expected)).isEqualTo(expected.counts());
            assertThat(rows(get(server.port(), "/top?n=10"))).isEqualTo(top(expected, 10));
            String metrics = send(server.port(), "/metrics").body();
            assertThat(sample(metrics, "tally_words_counted_total{path=\"shared\"}"))
                .isEqualTo(expected.words());
            assertThat(sample(metrics, "tally_records_in_total{path=\"shared\"}"))
                .isEqualTo(lines.size());
            assertThat(sample(metrics, "tally_dead_letters_total{path=\"shared\"}"))
                .isEqualTo(expected.invalidRecords());
            assertThat(sample(metrics, "tally_count_latency_seconds_count{path=\"shared\"}"))
                .isPositive();
            assertThat(metrics).contains("tally_lock_hold_seconds_total{path=\"shared\"}")
                .contains("tally_lock_wait_seconds_total{path=\"shared\"}")
                .contains("tally_consumer_lag_records{path=\"shared\"}")
                .contains("kafka_consumer_fetch_manager_records_consumed_total");
        }
    }

    /** One instance of the Streams application with its own query server, as a service runs. */
    private final class Instance implements AutoCloseable {

        final PrometheusMeterRegistry registry = Registries.prometheus();
        final PathViews views = new PathViews(List.of("streams"));
        final QueryServer server;
        final StreamsService streams;
        final StreamsPathMeters meters;
        private boolean closed;

        Instance(TallyConfig config, String name) {
            server = QueryServer.start("127.0.0.1", 0, QueryApi.forService(views,
                Tokenizer.withDefaults(), registry));
            // A Streams member does not leave its group on close: the group notices after the
            // session timeout, here the broker's shortest, so that the test does not wait 45 s.
            streams = new StreamsService(config.with(Map.of(
                    StreamsConfig.STATE_DIR_CONFIG, folder.resolve(name).toString(),
                    StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1",
                    StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "6000",
                    StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                    "1000")),
                Map.of(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + server.port()));
            meters = StreamsPathMeters.bind(registry, streams);
        }

        void start(Admin admin) {
            streams.start(admin);
            views.serve(new StreamsCountsView(streams.streams(),
                new HostInfo("127.0.0.1", server.port())));
        }

        int port() {
            return server.port();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            server.close();
            streams.close();
            meters.close();
        }
    }

    private static boolean bothOwnPartitions(Instance instance) {
        if (instance.streams.streams().state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        List<StreamsMetadata> hosts = new ArrayList<>(instance.streams.streams()
            .streamsMetadataForStore(WordCountTopology.STORE));
        return hosts.size() == 2 && hosts.stream().allMatch(h -> !h.topicPartitions().isEmpty());
    }

    private static Map<String, Long> countsOfEveryWord(Instance instance, DirectCount expected)
            throws Exception {
        return countsOfEveryWord(instance.port(), expected);
    }

    private static Map<String, Long> countsOfEveryWord(int port, DirectCount expected)
            throws Exception {
        Map<String, Long> answers = new HashMap<>();
        for (String word : expected.counts().keySet()) {
            JsonNode answer = get(port, "/counts/" + PeerClient.encode(word));
            answers.put(answer.get("word").asText(), answer.get("count").asLong());
        }
        return answers;
    }

    /**
     * After an instance left, asks the other for every word until it answers them all: every
     * answer must be the right count or a 503 with Retry-After, never a wrong number.
     */
    private static void assertOnlyRightCountsOr503Until(Instance survivor, DirectCount expected)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        boolean allAnswered = false;
        int unavailable = 0;
        while (!allAnswered) {
            assertThat(System.nanoTime()).as("every word answered in time").isLessThan(deadline);
            allAnswered = true;
            for (Map.Entry<String, Long> word : expected.counts().entrySet()) {
                HttpResponse<String> answer = send(survivor.port(),
                    "/counts/" + PeerClient.encode(word.getKey()));
                if (answer.statusCode() == 503) {
                    assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                    allAnswered = false;
                    unavailable++;
                    continue;
                }
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(JSON.readTree(answer.body()).get("count").asLong())
                    .as(word.getKey()).isEqualTo(word.getValue());
            }
        }
        LoggerFactory.getLogger(QueryApiIT.class).info("While an instance left, {} answers"
            + " were 503 and none was wrong", unavailable);
    }

    private static long wordsCounted(Instance instance) throws Exception {
        return sample(send(instance.port(), "/metrics").body(),
            "tally_words_counted_total{path=\"streams\"}");
    }

    /** The value of one sample line of Prometheus text. */
    private static long sample(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " "))
            .map(line -> (long) Double.parseDouble(line.substring(series.length() + 1)))
            .findFirst().orElseThrow(() -> new AssertionError("no " + series + " in metrics"));
    }

    private static List<WordCount> top(DirectCount expected, int n) {
        return expected.counts().entrySet().stream()
            .map(e -> new WordCount(e.getKey(), e.getValue()))
            .sorted(WordCount.BY_COUNT_THEN_WORD).limit(n).toList();
    }

    private static List<WordCount> rows(JsonNode array) {
        List<WordCount> rows = new ArrayList<>();
        array.forEach(row -> rows.add(new WordCount(row.get("word").asText(),
            row.get("count").asLong())));
        return rows;
    }

    private static JsonNode get(int port, String target) throws Exception {
        HttpResponse<String> answer = send(port, target);
        assertThat(answer.statusCode()).as(target + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> send(int port, String target) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + target)).timeout(Duration.ofSeconds(30)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void await(String what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Generated words over the whole vocabulary, with multilingual lines and dead letters. */
    private static List<byte[]> corpus() {
        CorpusGenerator generator = new CorpusGenerator(6_000, 1_500, 1.0, 8, 21L);
        List<byte[]> lines = new ArrayList<>(MultilingualText.corpus(1_000, 9L));
        for (long i = 0; i < generator.lines(); i++) {
            lines.add(generator.line(i));
        }
        return lines;
    }

    private TallyConfig isolatedConfig() {
        String run = "-query-" + RUNS.incrementAndGet();
        return TallyConfig.fromProperties(Map.of(
            "bootstrap.servers", broker.bootstrapServers(),
            TallyConfig.INPUT_TOPIC_CONFIG, "text-lines" + run,
            TallyConfig.STREAMS_COUNTS_TOPIC_CONFIG, "word-counts" + run,
            TallyConfig.SHARED_COUNTS_TOPIC_CONFIG, "word-counts-shared" + run,
            TallyConfig.DEAD_LETTER_TOPIC_CONFIG, "text-lines-dlq" + run,
            TallyConfig.STREAMS_APPLICATION_ID_CONFIG, "tally-streams" + run,
            TallyConfig.SHARED_FLUSH_INTERVAL_MS_CONFIG, "200"));
    }

    private static DirectCount directCount(TallyConfig config, List<byte[]> lines)
            throws IOException {
        return DirectCount.of(source(lines), new Tokenizer(config.wordMaxLength()),
            config.producerMaxLineBytes());
    }

    private static LineSource source(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        byte[] bytes = out.toByteArray();
        return new StreamLines(List.of(() -> new ByteArrayInputStream(bytes)));
    }
}
