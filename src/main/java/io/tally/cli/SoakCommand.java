package io.tally.cli;

import io.tally.bench.SoakReport;
import io.tally.bench.SoakRun;
import io.tally.broker.EmbeddedKafkaBroker;
import io.tally.config.TallyConfig;
import io.tally.shared.SharedCounters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tally soak}: both paths under a long load, with lag, heap and GC over time. */
@Command(name = "soak", mixinStandardHelpOptions = true,
    versionProvider = TallyCli.Version.class,
    description = {"Publishes a large generated corpus (10 million lines by default) while both"
        + " paths count it at once, samples each path's consumer lag, the heap and the"
        + " garbage collector, and checks both counts topics against a direct count.",
        "Run it with a small heap to see what the paths need, for example:"
            + " java -Xmx512m -jar target/tally.jar soak. Writes soak.csv, soak.md and charts"
            + " of lag and heap to --out. Exits 1 if either path misses the direct count."})
final class SoakCommand implements Callable<Integer> {

    /** How often a line of progress is printed when no terminal shows a bar. */
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    @Mixin
    CommonOptions common;

    @Mixin
    GeneratorOptions corpus;

    @Option(names = "--lines", paramLabel = "N", defaultValue = "10000000",
        description = "Lines to publish (default: ${DEFAULT-VALUE}).")
    long lines;

    @Option(names = "--producers", paramLabel = "N", defaultValue = "2",
        description = "Producer threads (default: ${DEFAULT-VALUE}).")
    int producers;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "concurrent",
        description = "Strategy of the shared path (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--consumers", paramLabel = "N", defaultValue = "2",
        description = "Consumer threads of the shared path (default: ${DEFAULT-VALUE}).")
    int consumers;

    @Option(names = "--variant", paramLabel = "NAME", defaultValue = "combined",
        description = "Topology of the streams path: plain or combined"
            + " (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--sample-ms", paramLabel = "MS", defaultValue = "1000",
        description = "Time between samples of lag and heap (default: ${DEFAULT-VALUE}).")
    long sampleMillis;

    @Option(names = "--timeout-minutes", paramLabel = "M", defaultValue = "60",
        description = "Give up if both paths have not caught up by then"
            + " (default: ${DEFAULT-VALUE}).")
    long timeoutMinutes;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Folder for the results (default: soak-results/<timestamp>).")
    Path out;

    @Override
    public Integer call() throws Exception {
        TallyConfig base = common.load();
        SoakRun.Plan plan = plan();
        Path folder = out != null ? out : Path.of("soak-results",
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        System.err.printf("soak: %,d lines through both paths, heap limit %,d MiB; results in"
            + " %s%n", plan.lines(), Runtime.getRuntime().maxMemory() / (1024 * 1024), folder);
        if (base.clientProperties().containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            return run(base, plan, folder);
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            return run(base.with(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers())), plan, folder);
        }
    }

    private SoakRun.Plan plan() {
        corpus.generator(lines);
        if (!SharedCounters.names().contains(strategy)) {
            throw new UsageException("Unknown --strategy '" + strategy + "'. Choose one of "
                + String.join(", ", SharedCounters.names()) + ".");
        }
        if (!TallyConfig.STREAMS_VARIANTS.contains(variant)) {
            throw new UsageException("Unknown --variant '" + variant + "'. Choose one of "
                + String.join(", ", TallyConfig.STREAMS_VARIANTS) + ".");
        }
        try {
            return new SoakRun.Plan(lines, corpus.vocabulary, corpus.zipf, corpus.wordsPerLine,
                corpus.seed, producers, strategy, consumers, variant,
                Duration.ofMillis(sampleMillis), Duration.ofMinutes(timeoutMinutes));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + ".");
        }
    }

    private static int run(TallyConfig config, SoakRun.Plan plan, Path folder)
            throws Exception {
        Path state = Files.createTempDirectory("tally-soak-state");
        SoakRun.Result result;
        try (KafkaSession session = KafkaSession.open(config, false);
                Progress progress = Progress.start("soak", plan.lines() * 2, "records")) {
            SoakRun soak = new SoakRun(config, session.admin(), plan, state);
            long[] lastLogged = {0};
            result = soak.run(sample -> {
                progress.update(Math.min(plan.lines(), sample.streamsCommitted())
                    + Math.min(plan.lines(), sample.sharedCommitted()));
                progress.note(String.format("lag %,d / %,d, heap %,d MiB", sample.streamsLag(),
                    sample.sharedLag(), sample.heapUsedBytes() / (1024 * 1024)));
                if (System.console() == null
                        && sample.seconds() - lastLogged[0] >= LOG_EVERY.toSeconds()) {
                    lastLogged[0] = (long) sample.seconds();
                    System.err.printf("soak %4.0f s: input %,d, streams lag %,d, shared lag %,d,"
                            + " heap %,d MiB%n", sample.seconds(), sample.inputRecords(),
                        sample.streamsLag(), sample.sharedLag(),
                        sample.heapUsedBytes() / (1024 * 1024));
                }
            });
        } finally {
            TempFolders.deleteRecursively(state);
        }
        SoakReport report = new SoakReport(result);
        List<Path> written = report.write(folder);
        System.out.println();
        report.summary().forEach(System.out::println);
        System.out.println();
        written.forEach(path -> System.out.println("wrote " + path));
        return result.matched() ? 0 : TallyCli.EXIT_FAILURE;
    }
}
