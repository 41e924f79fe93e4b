package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.broker.EmbeddedKafkaBroker;
import io.tally.config.TallyConfig;
import io.tally.producer.DirectCount;
import io.tally.producer.StreamLines;
import io.tally.testing.MultilingualText;
import io.tally.testing.TextFiles;
import io.tally.tokenizer.Tokenizer;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka client security through Tally's configuration: the embedded broker requires SASL/PLAIN;
 * with the right login both paths work end to end, with a wrong one every command fails fast
 * with an authentication error, and no password ever appears in Tally's output or logs.
 */
class SecurityIT {

    private static final String USER = "tally";
    /** Unique, so that finding it anywhere in the output can only mean it leaked. */
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final String WRONG_PASSWORD = "wrong-" + UUID.randomUUID();

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path folder;

    @BeforeAll
    static void startBrokerThatRequiresALogin() {
        broker = EmbeddedKafkaBroker.builder().saslPlainUser(USER, PASSWORD).start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldCountBothPathsEndToEndWithTheRightLogin() throws Exception {
        List<byte[]> lines = MultilingualText.corpus(1_500, 23L);
        Path file = folder.resolve("corpus.txt");
        Files.write(file, TextFiles.joined(lines));
        Map<String, Long> expected = DirectCount.of(
            new StreamLines(List.of(() -> new ByteArrayInputStream(TextFiles.joined(lines)))),
            new Tokenizer(TallyConfig.defaults().wordMaxLength()),
            TallyConfig.defaults().producerMaxLineBytes()).counts();
        List<String> login = login(PASSWORD);
        List<CliRun> runs = new ArrayList<>();

        runs.add(cli(login, "produce", file.toString()));
        runs.add(cli(login, "shared", "--until-caught-up"));
        runs.add(cli(login, "streams", "--until-caught-up"));
        CliRun shared = cli(login, "counts", "--source", "shared", "--format", "csv");
        CliRun streams = cli(login, "counts", "--source", "streams", "--format", "csv");
        runs.add(shared);
        runs.add(streams);

        assertThat(runs).allSatisfy(run -> {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
        });
        assertThat(TextFiles.countsFromCsv(shared.out())).isEqualTo(expected);
        assertThat(TextFiles.countsFromCsv(streams.out())).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"produce --generate 10", "shared --until-caught-up",
        "streams --until-caught-up", "counts", "demo --lines 10"})
    void shouldFailFastWithAnAuthenticationErrorForAWrongPassword(String commandLine) {
        String[] words = commandLine.split(" ");
        long started = System.nanoTime();

        CliRun run = cli(login(WRONG_PASSWORD), words[0],
            List.of(words).subList(1, words.length).toArray(new String[0]));

        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("rejected the credentials")
            .contains("sasl.").doesNotContain(WRONG_PASSWORD);
        // Far below the clients' own retry timeouts: the probe fails on the first answer.
        assertThat(seconds).isLessThan(20);
    }

    @Test
    void shouldNeverLogThePasswordEvenWithKafkaLogsAtInfo() throws Exception {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dkafka.log.level=INFO", "-Dtally.log.level=DEBUG",
            "-cp", System.getProperty("java.class.path"), "io.tally.cli.TallyCli",
            "produce", "--generate", "100"));
        command.addAll(login(PASSWORD));
        // A topic of its own, so that these lines do not join the end-to-end test's input.
        command.addAll(List.of("--set", TallyConfig.INPUT_TOPIC_CONFIG + "=logging-input"));
        Path output = folder.resolve("produce.log");

        Process child = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();

        try {
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        String log = Files.readString(output);
        assertThat(child.exitValue()).as(log).isZero();
        assertThat(log).contains("sasl.jaas.config = [hidden]").doesNotContain(PASSWORD);
    }

    /** Connection and login settings, and topic names of this test's own. */
    private List<String> login(String password) {
        List<String> arguments = new ArrayList<>(List.of("-b", broker.bootstrapServers()));
        EmbeddedKafkaBroker.saslClientProperties(USER, password).forEach((key, value) -> {
            arguments.add("--set");
            arguments.add(key + "=" + value);
        });
        for (String setting : List.of(TallyConfig.SHARED_FLUSH_INTERVAL_MS_CONFIG + "=200",
                TallyConfig.CONNECT_TIMEOUT_MS_CONFIG + "=10000",
                "state.dir=" + folder.resolve("state"))) {
            arguments.add("--set");
            arguments.add(setting);
        }
        return arguments;
    }

    private static CliRun cli(List<String> login, String command, String... rest) {
        List<String> arguments = new ArrayList<>();
        arguments.add(command);
        arguments.addAll(login);
        arguments.addAll(List.of(rest));
        return CliRun.run(arguments.toArray(new String[0]));
    }
}
