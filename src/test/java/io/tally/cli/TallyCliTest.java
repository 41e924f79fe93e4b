package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TallyCliTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo", "broker", "produce", "generate", "streams", "shared", "counts",
        "drive", "topology"})
    void shouldPrintHelpForEveryCommand(String command) {
        CliRun run = CliRun.run(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: tally " + command).contains("--version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"produce --generate 1", "streams", "shared", "counts"})
    void shouldAskForAClusterWhenACommandNeedsOneAndNoneIsGiven(String commandLine) {
        CliRun run = CliRun.run(commandLine.split(" "));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--bootstrap-server");
    }

    @Test
    void shouldFailFastWithAClearMessageWhenTheClusterIsUnreachable() {
        CliRun run = CliRun.run("counts", "-b", "127.0.0.1:1",
            "--set", "tally.connect.timeout.ms=1500");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Cannot reach Kafka at 127.0.0.1:1");
    }

    @Test
    void shouldListTheCommandsWhenCalledWithoutOne() {
        CliRun run = CliRun.run();

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("drive").contains("topology");
    }

    @Test
    void shouldPrintTheVersionWithTheKafkaVersion() {
        CliRun run = CliRun.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("tally").contains("Kafka 4.4.0");
    }

    @Test
    void shouldExitWithUsageErrorForAnUnknownCommand() {
        CliRun run = CliRun.run("frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("frobnicate");
    }

    @Test
    void shouldPrintTheTopologyWithItsNamedSteps() {
        CliRun run = CliRun.run("topology");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("text-lines-source").contains("word-counts-store");
    }
}
