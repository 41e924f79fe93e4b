package io.tally.cli;

import io.tally.config.TallyConfig;
import io.tally.producer.LineSource;
import io.tally.producer.ProducerStats;
import io.tally.producer.StreamLines;
import io.tally.producer.TextProducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tally produce}: publish text lines to the input topic. */
@Command(name = "produce", mixinStandardHelpOptions = true,
    versionProvider = TallyCli.Version.class,
    description = {"Publishes text lines to the input topic with several producer threads:"
        + " from files, from standard input (-), or from the seeded Zipf generator.",
        "Bytes are sent as they are, never decoded or repaired; a line longer than"
            + " tally.producer.max.line.bytes is split between words."})
final class ProduceCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    GeneratorOptions shape;

    @Option(names = "--generate", paramLabel = "N",
        description = "Publish N generated lines instead of reading files.")
    Long generate;

    @Option(names = "--producers", paramLabel = "N",
        description = "Producer threads (default: tally.producer.threads, 2).")
    Integer producers;

    @Parameters(paramLabel = "FILE", arity = "0..*",
        description = "Files to publish; - reads standard input.")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        TallyConfig config = common.load();
        if (generate == null && files.isEmpty()) {
            throw new UsageException("Nothing to publish. Name files (or - for standard input),"
                + " or use --generate N.");
        }
        if (generate != null && !files.isEmpty()) {
            throw new UsageException("Use either files or --generate, not both.");
        }
        InputFiles.checkReadable(files);
        LineSource source = generate != null
            ? LineSource.generated(shape.generator(generate))
            : new StreamLines(files.stream().<StreamLines.Opener>map(
                name -> () -> InputFiles.open(name)).toList());
        int threads = producers != null ? producers : config.producerThreads();
        if (threads < 1) {
            throw new UsageException("--producers must be at least 1, not " + threads + ".");
        }
        try (KafkaSession session = KafkaSession.open(config, true); source) {
            TextProducer producer = new TextProducer(config, threads);
            Duration elapsed = publish(producer, source);
            printSummary(config, producer.stats(), elapsed);
        }
        return 0;
    }

    /** Publishes on a worker while this thread draws the progress bar. */
    static Duration publish(TextProducer producer, LineSource source) throws Exception {
        CompletableFuture<Duration> run = CompletableFuture.supplyAsync(() -> {
            try {
                return producer.run(source, length -> System.err.println("produce: dropped a run"
                    + " of " + length + " bytes with no space or other ASCII separator to"
                    + " split at; raise tally.producer.max.line.bytes to keep it"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while publishing", e);
            }
        });
        ProducerStats stats = producer.stats();
        try (Progress progress = Progress.start("produce", source.expectedLines(), "lines")) {
            while (true) {
                try {
                    Duration elapsed = run.get(250, TimeUnit.MILLISECONDS);
                    progress.update(stats.lines());
                    return elapsed;
                } catch (TimeoutException e) {
                    progress.update(stats.lines());
                    progress.note(String.format("%.1f MB", stats.bytes() / 1e6));
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
    }

    private static void printSummary(TallyConfig config, ProducerStats stats, Duration elapsed) {
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
        System.out.printf("Published %,d lines as %,d records (%.1f MB) to %s in %.2f s:"
                + " %,.0f lines/s, %.1f MB/s.%n",
            stats.lines(), stats.records(), stats.bytes() / 1e6, config.inputTopic(), seconds,
            stats.lines() / seconds, stats.bytes() / 1e6 / seconds);
        if (stats.splitLines() > 0 || stats.droppedRuns() > 0) {
            System.out.printf("%,d long lines were split between words; %,d unsplittable runs"
                + " were dropped.%n", stats.splitLines(), stats.droppedRuns());
        }
    }
}
