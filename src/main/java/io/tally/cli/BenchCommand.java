package io.tally.cli;

import io.tally.bench.BenchPlan;
import io.tally.bench.BenchReport;
import io.tally.bench.BenchRow;
import io.tally.bench.BenchRunner;
import io.tally.bench.BenchSummary;
import io.tally.bench.Skew;
import io.tally.broker.EmbeddedKafkaBroker;
import io.tally.config.TallyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tally bench}: the comparison sweep. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    versionProvider = TallyCli.Version.class,
    description = {"Times every design on the same input: the topology variants (peer, plain,"
        + " combined), each shared-map strategy, and two limits (transport: consume only;"
        + " memory: one thread, no Kafka), across skews, thread counts and line lengths.",
        "Each workload is published once; each run is timed until its counts topic holds the"
            + " final counts, which are checked against a direct count. Writes results.csv,"
            + " results.md and charts (PNG and SVG) to --out."})
final class BenchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--quick", description = "A short sweep (under two minutes): fewer lines,"
        + " one repeat, zipf1.0 only, 1 and 2 threads.")
    boolean quick;

    @Option(names = "--lines", paramLabel = "N", description = "Lines per workload (default:"
        + " 200000; 30000 with --quick).")
    Long lines;

    @Option(names = "--repeat", paramLabel = "R", description = "Timed runs of each cell;"
        + " the report shows medians (default: 3; 1 with --quick).")
    Integer repeat;

    @Option(names = "--skew", paramLabel = "LIST", split = ",",
        description = "Word-frequency shapes: uniform, zipf1.0, zipf1.5, hot (default: all;"
            + " zipf1.0 with --quick).")
    List<String> skews;

    @Option(names = "--threads", paramLabel = "LIST", split = ",",
        description = "Thread counts (default: 1,2,4; 1,2 with --quick).")
    List<Integer> threads;

    @Option(names = "--words-per-line", paramLabel = "LIST", split = ",",
        description = "Words per line, the update granularity (default: 10).")
    List<Integer> wordsPerLine;

    @Option(names = "--contenders", paramLabel = "LIST", split = ",",
        description = "Contenders to run (default: all): peer, plain, combined, locked-map,"
            + " locked-batch, striped, concurrent, actor, transport, memory.")
    List<String> contenders;

    @Option(names = "--rate", paramLabel = "LINES_PER_S", description = "Rate of the"
        + " fixed-rate latency mode; 0 skips it (default: 5000; 2000 with --quick).")
    Integer rate;

    @Option(names = "--latency-seconds", paramLabel = "S",
        description = "Length of each latency run (default: 5; 3 with --quick).")
    Integer latencySeconds;

    @Option(names = "--vocabulary", paramLabel = "V", defaultValue = "50000",
        description = "Distinct words in the generated corpus (default: ${DEFAULT-VALUE}).")
    int vocabulary;

    @Option(names = "--seed", paramLabel = "X", defaultValue = "42",
        description = "Seed of the generated corpus (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Folder for the results (default: bench-results/<timestamp>).")
    Path out;

    @Override
    public Integer call() throws Exception {
        TallyConfig base = common.load();
        BenchPlan plan = plan();
        Path folder = out != null ? out : Path.of("bench-results",
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        System.err.printf("bench: %d timed runs of %,d lines each; results in %s%n",
            plan.runCount(), plan.lines(), folder);
        if (base.clientProperties().containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            return run(base, plan, folder);
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            return run(base.with(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers())), plan, folder);
        }
    }

    private BenchPlan plan() {
        try {
            List<Skew> chosenSkews = (skews != null ? skews
                : quick ? List.of("zipf1.0") : Skew.labels()).stream().map(Skew::of).toList();
            return new BenchPlan(chosenSkews,
                wordsPerLine != null ? wordsPerLine : List.of(10),
                threads != null ? threads : quick ? List.of(1, 2) : List.of(1, 2, 4),
                contenders != null ? contenders : BenchPlan.ALL_CONTENDERS,
                lines != null ? lines : quick ? 30_000 : 200_000, vocabulary, seed,
                repeat != null ? repeat : quick ? 1 : 3,
                rate != null ? rate : quick ? 2_000 : 5_000,
                Duration.ofSeconds(latencySeconds != null ? latencySeconds : quick ? 3 : 5));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int run(TallyConfig config, BenchPlan plan, Path folder) throws Exception {
        Path stateRoot = Files.createTempDirectory("tally-bench-state");
        Path partial = folder.resolve("results.csv");
        List<BenchRow> rows;
        try (KafkaSession session = KafkaSession.open(config, false);
                Progress progress = Progress.start("bench", plan.runCount(), "runs")) {
            // Rows are appended as they come, so that an interrupted sweep keeps its results.
            Files.createDirectories(folder);
            Files.writeString(partial, BenchRow.HEADER + System.lineSeparator());
            BenchRunner runner = new BenchRunner(config, session.admin(), stateRoot, plan);
            List<BenchRow> done = new ArrayList<>();
            rows = runner.run(new BenchRunner.Listener() {
                @Override
                public void onRunStarting(String description) {
                    progress.note(description);
                }

                @Override
                public void onRow(BenchRow row) {
                    done.add(row);
                    progress.update(done.size());
                    try {
                        Files.writeString(partial, row.csv() + System.lineSeparator(),
                            StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } finally {
            TempFolders.deleteRecursively(stateRoot);
        }
        BenchReport report = new BenchReport(plan, rows);
        List<Path> written = report.write(folder);
        printSummary(report.summary());
        System.out.println();
        written.forEach(path -> System.out.println("wrote " + path));
        return report.summary().cells().stream().allMatch(BenchSummary.Cell::allMatched) ? 0 : 1;
    }

    private static void printSummary(BenchSummary summary) {
        System.out.printf("%-13s %-8s %7s %9s %13s %8s %11s %9s%n", "contender", "skew",
            "threads", "seconds", "words/s", "x peer", "x transport", "matched");
        for (BenchSummary.Cell cell : summary.cells()) {
            System.out.printf("%-13s %-8s %7d %9.2f %,13.0f %8s %11s %9s%n", cell.contender(),
                cell.skew(), cell.threads(), cell.seconds(), cell.wordsPerSecond(),
                ratio(summary.ratio(cell, "peer")), ratio(summary.ratio(cell, "transport")),
                cell.allMatched() ? "yes" : "NO");
        }
        for (BenchRow row : summary.latencyRows()) {
            System.out.printf("latency %-13s p50 %8.1f ms  p99 %8.1f ms%n", row.contender(),
                row.measurement().p50Millis(), row.measurement().p99Millis());
        }
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.2f", value);
    }
}
