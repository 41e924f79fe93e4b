package io.tally.cli;

import io.tally.streams.WordCountTopology;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tally topology}: what the message-passing path is made of. */
@Command(name = "topology", mixinStandardHelpOptions = true,
    versionProvider = TallyCli.Version.class,
    description = "Prints the description of the word-count topology that the configuration"
        + " selects: its sources, processors, state store and sinks.")
final class TopologyCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        System.out.println(WordCountTopology.build(common.load()).describe());
        return 0;
    }
}
