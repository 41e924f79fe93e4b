package io.tally.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.broker.EmbeddedKafkaBroker;
import io.tally.config.TallyConfig;
import io.tally.kafka.CountsTopicReader;
import io.tally.kafka.KafkaClients;
import io.tally.kafka.TopicSetup;
import io.tally.producer.CorpusGenerator;
import io.tally.producer.DirectCount;
import io.tally.producer.LineSource;
import io.tally.producer.TextProducer;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills each counting path with SIGKILL at random moments while it works, restarts it, and
 * then requires its counts topic to equal a direct count of the input: no count lost, none
 * doubled. The paths run as child JVMs, as a user would run them.
 */
class CrashRecoveryIT {

    private static final int LINES = 500_000;
    private static final int KILLS = 3;
    private static final Duration FINISH_TIMEOUT = Duration.ofMinutes(5);

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path folder;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldEndWithExactSharedCountsAfterRepeatedKills() throws Exception {
        assertExactAfterKills("shared", "concurrent");
    }

    @Test
    void shouldEndWithExactStreamsCountsAfterRepeatedKills() throws Exception {
        assertExactAfterKills("streams", null);
    }

    private void assertExactAfterKills(String path, String strategy) throws Exception {
        String run = "crash-" + path;
        TallyConfig config = TallyConfig.fromProperties(Map.of(
            "bootstrap.servers", broker.bootstrapServers(),
            TallyConfig.INPUT_TOPIC_CONFIG, run + "-input",
            TallyConfig.STREAMS_COUNTS_TOPIC_CONFIG, run + "-counts",
            TallyConfig.SHARED_COUNTS_TOPIC_CONFIG, run + "-counts",
            TallyConfig.DEAD_LETTER_TOPIC_CONFIG, run + "-dlq",
            TallyConfig.STREAMS_APPLICATION_ID_CONFIG, run,
            TallyConfig.STREAMS_VARIANT_CONFIG, "combined"));
        CorpusGenerator corpus = new CorpusGenerator(LINES, 20_000, 1.0, 10, 99);
        DirectCount expected = DirectCount.of(LineSource.generated(corpus),
            new Tokenizer(config.wordMaxLength()), config.producerMaxLineBytes());

        try (Admin admin = Admin.create(KafkaClients.admin(config))) {
            TopicSetup.ensureTopics(admin, config);
            // Publish while the path works, so that every kill lands mid-stream.
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publish(
                config, corpus));
            List<String> arguments = arguments(path, strategy, config);
            Random random = new Random(path.hashCode());
            for (int kill = 1; kill <= KILLS; kill++) {
                Process child = start(arguments, "run-" + kill);
                Thread.sleep(2_500 + random.nextInt(2_500));
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

            Map<String, Long> counts =
                CountsTopicReader.readAll(config, admin, config.streamsCountsTopic());
            assertThat(counts).isEqualTo(expected.counts());
        }
    }

    private static void publish(TallyConfig config, CorpusGenerator corpus) {
        try {
            new TextProducer(config, 1).run(new PacedLines(corpus, 50_000), length -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> arguments(String path, String strategy, TallyConfig config) {
        List<String> arguments = new ArrayList<>(List.of(path, "-b", broker.bootstrapServers()));
        config.originalsStrings().forEach((key, value) -> {
            if (!key.equals("bootstrap.servers")) {
                arguments.add("--set");
                arguments.add(key + "=" + value);
            }
        });
        arguments.add("--set");
        arguments.add("state.dir=" + folder.resolve("state"));
        if (strategy != null) {
            arguments.add("--strategy");
            arguments.add(strategy);
        }
        return arguments;
    }

    /** Starts {@code tally ARGS} in a child JVM with this JVM's class path. */
    private Process start(List<String> arguments, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-cp", System.getProperty("java.class.path"),
            "io.tally.cli.TallyCli"));
        command.addAll(arguments);
        return new ProcessBuilder(command)
            .redirectOutput(folder.resolve(name + ".out").toFile())
            .redirectError(folder.resolve(name + ".err").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    }
}
