package io.tally.cli;

import io.tally.config.TallyConfig;
import io.tally.producer.LineReader;
import io.tally.streams.LocalTopologyRunner;
import io.tally.streams.LocalTopologyRunner.DeadLetter;
import io.tally.streams.TopologyMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tally drive}: the topology in Kafka's test driver, over files, with no broker. */
@Command(name = "drive", mixinStandardHelpOptions = true,
    versionProvider = TallyCli.Version.class,
    description = {
        "Runs the word-count topology in Kafka's TopologyTestDriver over the lines of files or"
            + " standard input, with no broker, and prints the final counts.",
        "Lines that are not valid UTF-8 are reported on stderr with their file and line number"
            + " and go to the dead-letter topic; they do not change the exit status."})
final class DriveCommand implements Callable<Integer> {

    /** How often the driver's output topics are read back, to bound their memory. */
    private static final int DRAIN_EVERY_LINES = 1_000;

    @Mixin
    CommonOptions common;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    CountsPrinter.Format format;

    @Option(names = "--top", paramLabel = "N", defaultValue = "0",
        description = "Print only the N most frequent words (default: all).")
    int top;

    @Parameters(paramLabel = "FILE", arity = "0..*",
        description = "Files to read; - or none reads standard input.")
    List<String> files = new ArrayList<>();

    /** Where each piped record came from, indexed by its input offset. */
    private final List<String> origins = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (top < 0) {
            throw new UsageException("--top must be 0 or more, not " + top + ".");
        }
        TallyConfig config = common.load();
        List<String> names = files.isEmpty() ? List.of(InputFiles.STDIN) : files;
        InputFiles.checkReadable(names);
        try (LocalTopologyRunner runner = new LocalTopologyRunner(config)) {
            for (String name : names) {
                pipeFile(runner, name);
            }
            List<DeadLetter> deadLetters = runner.deadLetters();
            reportDeadLetters(deadLetters);
            CountsPrinter.print(System.out, format, CountsPrinter.rows(runner.counts(), top));
            printSummary(runner, deadLetters.size());
        }
        return 0;
    }

    private void pipeFile(LocalTopologyRunner runner, String name) throws IOException {
        try (InputStream in = InputFiles.open(name); LineReader reader = new LineReader(in)) {
            byte[] line;
            while ((line = reader.nextLine()) != null) {
                origins.add(InputFiles.displayName(name) + ":" + reader.lineNumber());
                runner.pipe(null, line);
                if (origins.size() % DRAIN_EVERY_LINES == 0) {
                    runner.drain();
                }
            }
        }
    }

    private void reportDeadLetters(List<DeadLetter> deadLetters) {
        for (DeadLetter deadLetter : deadLetters) {
            System.err.println(origins.get((int) deadLetter.sourceOffset())
                + ": skipped, " + deadLetter.reason()
                + " (sent to the dead-letter topic; fix the file's encoding to count it)");
        }
    }

    private void printSummary(LocalTopologyRunner runner, int deadLetterCount) {
        System.err.printf("drive: %d lines, %d distinct words, %d invalid UTF-8 lines,"
                + " %d words over the length limit%n",
            origins.size(), runner.counts().size(), deadLetterCount,
            runner.metricTotal(TopologyMetrics.WORDS_TOO_LONG));
    }
}
