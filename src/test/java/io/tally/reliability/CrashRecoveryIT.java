package io.tally.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.config.TallyConfig;
import io.tally.kafka.CountsTopicReader;
import io.tally.kafka.KafkaClients;
import io.tally.kafka.TopicSetup;
import io.tally.producer.CorpusGenerator;
import io.tally.producer.DirectCount;
import io.tally.producer.LineSource;
import io.tally.shared.SharedCountingService;
import io.tally.testing.EmbeddedBrokerExtension;
import io.tally.testing.StreamsOffsets;
import io.tally.tokenizer.Tokenizer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills each counting path with SIGKILL at random moments while it works, restarts it, and
 * then requires its counts topic to equal a direct count of the input: no count lost, none
 * doubled. The paths run as child JVMs, as a user would run them.
 */
class CrashRecoveryIT {

    private static final Logger log = LoggerFactory.getLogger(CrashRecoveryIT.class);
    private static final int LINES = 500_000;
    private static final int LINES_AT_LEAST_ONCE = 200_000;
    private static final int KILLS = 3;
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration FINISH_TIMEOUT = Duration.ofMinutes(5);

    @RegisterExtension
    static final EmbeddedBrokerExtension broker = new EmbeddedBrokerExtension();

    @TempDir
    Path folder;

    private DirectCount expected;
    private final List<Process> children = new ArrayList<>();

    /** A failed test must not leave a child counting on: it would retry for ever. */
    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldEndWithExactSharedCountsAfterRepeatedKills() throws Exception {
        Map<String, Long> counts = countAfterKills("shared", LINES, "--strategy", "concurrent");

        assertThat(counts).isEqualTo(expected.counts());
    }

    @Test
    void shouldEndWithExactStreamsCountsAfterRepeatedKills() throws Exception {
        Map<String, Long> counts = countAfterKills("streams", LINES,
            "--set", TallyConfig.STREAMS_VARIANT_CONFIG + "=combined");

        assertThat(counts).isEqualTo(expected.counts());
    }

    /**
     * The same kills under {@code at_least_once}: no count may be lost, but input processed
     * after the last commit before a kill is processed again, so counts may come out too high.
     * The test reports by how much; that over-count is why exactly-once is the default.
     */
    @Test
    void shouldNeverLoseButMayOverCountStreamsUnderAtLeastOnce() throws Exception {
        Map<String, Long> counts = countAfterKills("streams-alo", LINES_AT_LEAST_ONCE,
            "--set", "processing.guarantee=at_least_once");

        long overCount = 0;
        int wordsOver = 0;
        for (Map.Entry<String, Long> word : expected.counts().entrySet()) {
            long counted = counts.getOrDefault(word.getKey(), 0L);
            assertThat(counted).as("count of %s", word.getKey())
                .isGreaterThanOrEqualTo(word.getValue());
            overCount += counted - word.getValue();
            wordsOver += counted > word.getValue() ? 1 : 0;
        }
        assertThat(counts.keySet()).isEqualTo(expected.counts().keySet());
        log.info("at_least_once after {} kills: {} of {} words over-counted, by {} in all"
                + " ({} % of {} words)", KILLS, wordsOver, counts.size(), overCount,
            String.format("%.3f", 100.0 * overCount / expected.words()), expected.words());
    }

    /**
     * Publishes {@code lines} while {@code tally PATH} runs in a child JVM, kills it with
     * SIGKILL {@value #KILLS} times, each time once it has committed progress since the last
     * start, then finishes with {@code --until-caught-up} and returns the counts topic.
     */
    private Map<String, Long> countAfterKills(String path, int lines, String... options)
            throws Exception {
        String run = "crash-" + path;
        TallyConfig config = TallyConfig.fromProperties(Map.of(
            "bootstrap.servers", broker.bootstrapServers(),
            TallyConfig.INPUT_TOPIC_CONFIG, run + "-input",
            TallyConfig.STREAMS_COUNTS_TOPIC_CONFIG, run + "-counts",
            TallyConfig.SHARED_COUNTS_TOPIC_CONFIG, run + "-counts",
            TallyConfig.DEAD_LETTER_TOPIC_CONFIG, run + "-dlq",
            TallyConfig.STREAMS_APPLICATION_ID_CONFIG, run));
        CorpusGenerator corpus = new CorpusGenerator(lines, 20_000, 1.0, 10, 99);
        expected = DirectCount.of(LineSource.generated(corpus),
            new Tokenizer(config.wordMaxLength()), config.producerMaxLineBytes());
        boolean shared = path.equals("shared");

        try (Admin admin = Admin.create(KafkaClients.admin(config))) {
            TopicSetup.ensureTopics(admin, config);
            // The shared path makes its checkpoint topic at start; progress is read from it.
            TopicSetup.ensure(admin, config, List.of(),
                List.of(SharedCountingService.checkpointTopic(config)));
            // Publish while the path works, so that every kill lands mid-stream.
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(
                () -> PacedLines.publish(config, corpus, 50_000));
            List<String> arguments = arguments(shared ? "shared" : "streams", config, options);
            Random random = new Random(path.hashCode());
            Duration worstRecovery = Duration.ZERO;
            for (int kill = 1; kill <= KILLS; kill++) {
                long before = committed(admin, config, shared);
                long started = System.nanoTime();
                Process child = start(arguments, "run-" + kill);
                awaitProgress(admin, config, shared, before, child);
                Duration recovery = Duration.ofNanos(System.nanoTime() - started);
                if (kill > 1 && recovery.compareTo(worstRecovery) > 0) {
                    worstRecovery = recovery;
                }
                Thread.sleep(500 + random.nextInt(2_000));
                assertThat(child.isAlive()).as("%s still running before kill %d", path, kill)
                    .isTrue();
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            publishing.get(FINISH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            List<String> finish = new ArrayList<>(arguments);
            finish.add("--until-caught-up");
            Process last = start(finish, "final");
            assertThat(last.waitFor(FINISH_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(last.exitValue()).as(Files.readString(folder.resolve("final.err")))
                .isZero();
            log.info("{}: {} kills survived; slowest restart to first committed progress {} ms",
                path, KILLS, worstRecovery.toMillis());
            return CountsTopicReader.readAll(config, admin, config.streamsCountsTopic());
        }
    }

    /** Input records the path has committed: group offsets, or the shared checkpoint. */
    private static long committed(Admin admin, TallyConfig config, boolean shared)
            throws Exception {
        if (shared) {
            return CountsTopicReader.readAll(config, admin,
                SharedCountingService.checkpointTopic(config)).values().stream()
                .mapToLong(Long::longValue).sum();
        }
        return StreamsOffsets.committedInput(admin, config);
    }

    private static void awaitProgress(Admin admin, TallyConfig config, boolean shared,
            long before, Process child) throws Exception {
        long deadline = System.nanoTime() + PROGRESS_TIMEOUT.toNanos();
        while (committed(admin, config, shared) <= before) {
            assertThat(child.isAlive()).as("child alive while recovering").isTrue();
            assertThat(System.nanoTime()).as("progress within %s", PROGRESS_TIMEOUT)
                .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private List<String> arguments(String command, TallyConfig config, String... options) {
        List<String> arguments = new ArrayList<>(List.of(command, "-b",
            broker.bootstrapServers()));
        config.originalsStrings().forEach((key, value) -> {
            if (!key.equals("bootstrap.servers")) {
                arguments.add("--set");
                arguments.add(key + "=" + value);
            }
        });
        arguments.add("--set");
        arguments.add("state.dir=" + folder.resolve("state"));
        arguments.addAll(List.of(options));
        return arguments;
    }

    /** Starts {@code tally ARGS} in a child JVM with this JVM's class path. */
    private Process start(List<String> arguments, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-cp", System.getProperty("java.class.path"),
            "io.tally.cli.TallyCli"));
        command.addAll(arguments);
        Process child = new ProcessBuilder(command)
            .redirectOutput(folder.resolve(name + ".out").toFile())
            .redirectError(folder.resolve(name + ".err").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
        children.add(child);
        return child;
    }
}
