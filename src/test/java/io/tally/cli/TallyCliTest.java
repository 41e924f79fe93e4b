package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TallyCliTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo", "broker", "produce", "generate", "streams", "shared", "counts",
        "drive", "topology", "bench", "soak"})
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

    @ParameterizedTest
    @ValueSource(strings = {"counts", "produce --generate 1", "streams", "shared",
        "demo --lines 1", "bench --quick", "soak --lines 1"})
    void shouldFailFastWithAClearMessageWhenTheClusterIsUnreachable(String commandLine) {
        List<String> arguments = new ArrayList<>(List.of(commandLine.split(" ")));
        arguments.addAll(List.of("-b", "127.0.0.1:1", "--set", "tally.connect.timeout.ms=1500"));

        CliRun run = CliRun.run(arguments.toArray(new String[0]));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Cannot reach Kafka at 127.0.0.1:1")
            .contains("--bootstrap-server");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tally.topic.partitions=0", "tally.shared.strategy=magic",
        "tally.word.max.length=many", "tally.no.such.key=1"})
    void shouldExitWithUsageErrorNamingTheKeyOfABadSetting(String setting) {
        CliRun run = CliRun.run("counts", "-b", "127.0.0.1:1", "--set", setting);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(setting.substring(0, setting.indexOf('=')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"streams", "shared", "demo"})
    void shouldDescribeTheHttpOptionsInHelp(String command) {
        CliRun run = CliRun.run(command, "--help");

        assertThat(run.out()).contains("--http-port=PORT").contains("--http-host=HOST")
            .contains("127.0.0.1");
    }

    @Test
    void shouldDescribeTheAdvertisedHostOfStreamsInHelp() {
        assertThat(CliRun.run("streams", "--help").out()).contains("--advertised-http-host")
            .contains("application.server");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536"})
    void shouldRejectAnHttpPortNoSocketCanHave(String port) {
        CliRun run = CliRun.run("shared", "-b", "127.0.0.1:1", "--http-port", port);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--http-port must be from 0 to 65535");
    }

    @Test
    void shouldAskForAnAdvertisedHostWhenStreamsListensOnEveryInterface() {
        CliRun run = CliRun.run("streams", "-b", "127.0.0.1:1", "--http-port", "0",
            "--http-host", "0.0.0.0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--advertised-http-host");
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
