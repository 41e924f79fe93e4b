package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.config.TallyConfig;
import io.tally.deadletter.DeadLetterHeaders;
import io.tally.kafka.CountsTopicReader;
import io.tally.kafka.EndOffsets;
import io.tally.kafka.KafkaClients;
import io.tally.kafka.TopicSetup;
import io.tally.producer.DirectCount;
import io.tally.producer.LineSource;
import io.tally.producer.StreamLines;
import io.tally.producer.TextProducer;
import io.tally.shared.SharedCounters;
import io.tally.shared.SharedCountingService;
import io.tally.streams.StreamsService;
import io.tally.testing.MultilingualText;
import io.tally.testing.TextFiles;
import io.tally.testing.TopicRecords;
import io.tally.tokenizer.Tokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end contract on a real broker: both paths, fed the same multilingual input with
 * invalid lines, end equal to a direct count, and the dead-letter topic holds exactly the
 * invalid lines. Subclasses say which broker: the embedded one, or a container.
 */
abstract class EndToEndScenario {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    Path folder;

    /** The cluster the scenario runs against. */
    protected abstract String bootstrapServers();

    @Test
    void shouldCountBothPathsEqualToADirectCountAndDeadLetterEachInvalidLine() throws Exception {
        TallyConfig config = isolatedConfig();
        List<byte[]> lines = MultilingualText.corpus(3_000, 7L);
        DirectCount expected = directCount(config, lines);
        assertThat(expected.invalidRecords()).isGreaterThan(20);

        try (Admin admin = Admin.create(KafkaClients.admin(config))) {
            TopicSetup.ensureTopics(admin, config);
            new TextProducer(config, 2).run(source(lines), length -> { });
            Map<TopicPartition, Long> targets = EndOffsets.of(admin, config.inputTopic());
            assertThat(EndOffsets.total(targets)).isEqualTo(lines.size());

            runShared(config, admin, targets);
            runStreams(config, admin, targets);

            assertThat(CountsTopicReader.readAll(config, admin, config.sharedCountsTopic()))
                .isEqualTo(expected.counts());
            assertThat(CountsTopicReader.readAll(config, admin, config.streamsCountsTopic()))
                .isEqualTo(expected.counts());
            assertDeadLettersAreTheInvalidLinesOncePerPath(config, admin, lines);
        }
    }

    @Test
    void shouldProduceFilesCountUntilCaughtUpAndPrintEqualCountsFromTheCommandLine()
            throws IOException {
        TallyConfig config = isolatedConfig();
        List<byte[]> lines = MultilingualText.corpus(2_000, 11L);
        Path file = folder.resolve("corpus.txt");
        Files.write(file, TextFiles.joined(lines));
        Map<String, Long> expected = directCount(config, lines).counts();
        List<String> common = commonArguments(config);

        assertThat(cli(common, "produce", "--producers", "2", file.toString()).exitCode())
            .isZero();
        CliRun shared = cli(common, "shared", "--until-caught-up", "--consumers", "2");
        assertThat(shared.exitCode()).as(shared.err()).isZero();
        CliRun streams = cli(common, "streams", "--until-caught-up");
        assertThat(streams.exitCode()).as(streams.err()).isZero();

        assertThat(parseCsv(cli(common, "counts", "--source", "shared", "--format", "csv")))
            .isEqualTo(expected);
        assertThat(parseCsv(cli(common, "counts", "--source", "streams", "--format", "csv")))
            .isEqualTo(expected);
        CliRun one = cli(common, "counts", "--source", "streams", "--word", "KAFKA", "--format",
            "csv");
        assertThat(one.out()).isEqualTo("word,count\nkafka," + expected.get("kafka") + "\n");
    }

    @Test
    void shouldSplitThePartitionsBetweenTwoConsumerThreadsAndBetweenTwoStreamThreads()
            throws Exception {
        TallyConfig config = isolatedConfig();
        try (Admin admin = Admin.create(KafkaClients.admin(config))) {
            TopicSetup.ensureTopics(admin, config);
            try (SharedCountingService shared = new SharedCountingService(config,
                    SharedCounters.create("concurrent"), 2)) {
                shared.start(admin);
                assertThat(shared.assignments()).hasSize(2)
                    .allSatisfy((thread, partitions) -> assertThat(partitions).hasSize(2));
                assertThat(shared.awaitAssigned(CountingPartitions.of(config), TIMEOUT))
                    .isTrue();
            }
            try (StreamsService streams = new StreamsService(config)) {
                streams.start(admin);
                assertThat(awaitTwoThreadsWithTasks(streams.streams())).isTrue();
            }
        }
    }

    private TallyConfig isolatedConfig() {
        String run = "-" + getClass().getSimpleName().toLowerCase() + "-" + RUNS.incrementAndGet();
        return TallyConfig.fromProperties(Map.of(
            "bootstrap.servers", bootstrapServers(),
            TallyConfig.INPUT_TOPIC_CONFIG, "text-lines" + run,
            TallyConfig.STREAMS_COUNTS_TOPIC_CONFIG, "word-counts" + run,
            TallyConfig.SHARED_COUNTS_TOPIC_CONFIG, "word-counts-shared" + run,
            TallyConfig.DEAD_LETTER_TOPIC_CONFIG, "text-lines-dlq" + run,
            TallyConfig.STREAMS_APPLICATION_ID_CONFIG, "tally-streams" + run,
            TallyConfig.SHARED_FLUSH_INTERVAL_MS_CONFIG, "200",
            "state.dir", folder.resolve("state").toString()));
    }

    /** The input partitions of a run, as Tally creates them. */
    private static final class CountingPartitions {
        static List<TopicPartition> of(TallyConfig config) {
            return java.util.stream.IntStream.range(0, config.topicPartitions())
                .mapToObj(p -> new TopicPartition(config.inputTopic(), p)).toList();
        }
    }

    private static List<String> commonArguments(TallyConfig config) {
        List<String> arguments = new ArrayList<>(List.of("-b", config.clientProperties()
            .get("bootstrap.servers")));
        config.originalsStrings().forEach((key, value) -> {
            if (!key.equals("bootstrap.servers")) {
                arguments.add("--set");
                arguments.add(key + "=" + value);
            }
        });
        return arguments;
    }

    private static CliRun cli(List<String> common, String command, String... rest) {
        List<String> arguments = new ArrayList<>();
        arguments.add(command);
        arguments.addAll(common);
        arguments.addAll(List.of(rest));
        return CliRun.run(arguments.toArray(new String[0]));
    }

    private static Map<String, Long> parseCsv(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return TextFiles.countsFromCsv(run.out());
    }

    private static DirectCount directCount(TallyConfig config, List<byte[]> lines)
            throws IOException {
        return DirectCount.of(source(lines), new Tokenizer(config.wordMaxLength()),
            config.producerMaxLineBytes());
    }

    private static LineSource source(List<byte[]> lines) {
        byte[] bytes = TextFiles.joined(lines);
        return new StreamLines(List.of(() -> new ByteArrayInputStream(bytes)));
    }

    private static void runShared(TallyConfig config, Admin admin,
            Map<TopicPartition, Long> targets) throws InterruptedException {
        try (SharedCountingService shared = new SharedCountingService(config,
                SharedCounters.create("locked-map"), 2)) {
            shared.start(admin);
            assertThat(shared.awaitCommitted(targets, TIMEOUT, done -> { })).isTrue();
        }
    }

    private static void runStreams(TallyConfig config, Admin admin,
            Map<TopicPartition, Long> targets) throws InterruptedException {
        try (StreamsService streams = new StreamsService(config)) {
            streams.start(admin);
            assertThat(streams.awaitCaughtUp(admin, targets, TIMEOUT, done -> { })).isTrue();
        }
    }

    private static void assertDeadLettersAreTheInvalidLinesOncePerPath(TallyConfig config,
            Admin admin, List<byte[]> lines) {
        Map<String, Integer> expected = new HashMap<>();
        for (int offset = 0; offset < lines.size(); offset++) {
            if (MultilingualText.INVALID_UTF8.contains(lines.get(offset))) {
                expected.merge(latin1(lines.get(offset)), 2, Integer::sum);
            }
        }
        Map<String, Integer> actual = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicRecords.readAll(config, admin,
                config.deadLetterTopic(), TIMEOUT)) {
            actual.merge(latin1(record.value()), 1, Integer::sum);
            assertThat(DeadLetterHeaders.read(record.headers(), DeadLetterHeaders.REASON))
                .isEqualTo(DeadLetterHeaders.REASON_INVALID_UTF8);
            assertThat(DeadLetterHeaders.read(record.headers(), DeadLetterHeaders.SOURCE_TOPIC))
                .isEqualTo(config.inputTopic());
            assertThat(DeadLetterHeaders.read(record.headers(), DeadLetterHeaders.SOURCE_OFFSET))
                .isNotNull();
        }
        assertThat(actual).isEqualTo(expected);
    }

    /** Bytes as text one for one, so that invalid UTF-8 can be compared as strings. */
    private static String latin1(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static boolean awaitTwoThreadsWithTasks(KafkaStreams streams)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (streams.state() == KafkaStreams.State.RUNNING) {
                List<ThreadMetadata> threads = new ArrayList<>(streams.metadataForLocalThreads());
                if (threads.size() == 2
                        && threads.stream().allMatch(t -> !t.activeTasks().isEmpty())) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }
}
