package io.tally.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Writes what a bench run found: every timed run in {@code results.csv}, the medians with
 * their ratios in {@code results.md}, and charts as PNG and SVG.
 */
public final class BenchReport {

    private final BenchPlan plan;
    private final List<BenchRow> rows;
    private final BenchSummary summary;

    public BenchReport(BenchPlan plan, List<BenchRow> rows) {
        this.plan = plan;
        this.rows = List.copyOf(rows);
        this.summary = new BenchSummary(rows);
    }

    public BenchSummary summary() {
        return summary;
    }

    /** Writes every file into {@code folder} and returns their paths. */
    public List<Path> write(Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        written.add(writeCsv(folder.resolve("results.csv")));
        List<String> charts = writeCharts(folder, written);
        written.add(writeMarkdown(folder.resolve("results.md"), charts));
        return written;
    }

    private Path writeCsv(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(BenchRow.HEADER);
        rows.forEach(row -> lines.add(row.csv()));
        return Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private Path writeMarkdown(Path file, List<String> charts) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.printf("# Tally bench, %s%n%n", ZonedDateTime.now().withNano(0));
            out.printf("%d lines per workload, vocabulary %,d, %d repeat(s) with contenders"
                    + " rotated; %d processors, Java %s.%n%n", plan.lines(), plan.vocabulary(),
                plan.repeat(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
            out.println("Medians of the repeats. Time runs from starting a contender until its"
                + " counts topic holds the final count of every word; `matched` says whether"
                + " every repeat equalled the direct count. `× peer` and `× transport` compare"
                + " words/s with those contenders in the same cell. CPU is the whole process"
                + " (contender, clients and embedded broker).");
            out.println();
            out.println("| contender | skew | words/line | threads | seconds | lines/s | words/s"
                + " | × peer | × transport | lock wait | repartition records | CPU s | matched |");
            out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            for (BenchSummary.Cell cell : summary.cells()) {
                out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %,.0f | %,.0f | %s | %s |"
                        + " %s | %s | %.1f | %s |%n", cell.contender(), cell.skew(),
                    cell.wordsPerLine(), cell.threads(), cell.seconds(), cell.linesPerSecond(),
                    cell.wordsPerSecond(), ratio(summary.ratio(cell, "peer")),
                    ratio(summary.ratio(cell, "transport")), share(cell.lockWaitShare()),
                    cell.repartitionRecords() < 0 ? "" : String.format("%,d",
                        cell.repartitionRecords()), cell.cpuSeconds(),
                    cell.allMatched() ? "yes" : "**NO**");
            }
            writeLatency(out);
            out.println();
            for (String chart : charts) {
                out.printf("![%s](%s.png)%n%n", chart, chart);
            }
        }
        return file;
    }

    private void writeLatency(PrintWriter out) {
        if (summary.latencyRows().isEmpty()) {
            return;
        }
        out.println();
        out.printf("## End-to-end latency at a fixed rate of %,d lines/s for %d s%n%n",
            plan.latencyRate(), plan.latencyDuration().toSeconds());
        out.println("From sending a line to its count appearing in the counts topic.");
        out.println();
        out.println("| contender | threads | p50 ms | p99 ms | all counted |");
        out.println("|---|---|---|---|---|");
        for (BenchRow row : summary.latencyRows()) {
            out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %s |%n", row.contender(),
                row.threads(), row.measurement().p50Millis(), row.measurement().p99Millis(),
                row.measurement().matched() ? "yes" : "**NO**");
        }
    }

    private List<String> writeCharts(Path folder, List<Path> written) throws IOException {
        List<String> names = new ArrayList<>();
        Set<String> skews = new LinkedHashSet<>();
        summary.cells().forEach(cell -> skews.add(cell.skew()));
        for (String skew : skews) {
            String name = "throughput-" + skew;
            ChartFiles.save(throughputChart(skew), folder.resolve(name), written);
            names.add(name);
        }
        if (!summary.latencyRows().isEmpty()) {
            ChartFiles.save(latencyChart(), folder.resolve("latency"), written);
            names.add("latency");
        }
        return names;
    }

    private XYChart throughputChart(String skew) {
        XYChart chart = new XYChartBuilder().width(900).height(560)
            .title("Throughput, " + skew + " (" + plan.wordsPerLine().get(0) + " words/line)")
            .xAxisTitle("threads").yAxisTitle("words/s").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("0");
        int wordsPerLine = plan.wordsPerLine().get(0);
        for (String contender : plan.contenders()) {
            List<Double> threads = new ArrayList<>();
            List<Double> rates = new ArrayList<>();
            for (BenchSummary.Cell cell : summary.cells()) {
                if (cell.contender().equals(contender) && cell.skew().equals(skew)
                        && cell.wordsPerLine() == wordsPerLine) {
                    threads.add((double) cell.threads());
                    rates.add(cell.wordsPerSecond());
                }
            }
            if (threads.size() == 1 && plan.threads().size() > 1) {
                // A one-thread limit (memory): draw it across the sweep as a reference line.
                double rate = rates.get(0);
                threads = plan.threads().stream().map(Integer::doubleValue).toList();
                rates = threads.stream().map(t -> rate).toList();
            }
            if (!threads.isEmpty()) {
                chart.addSeries(contender, threads, rates);
            }
        }
        return chart;
    }

    private CategoryChart latencyChart() {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(560)
            .title("End-to-end latency at " + plan.latencyRate() + " lines/s")
            .xAxisTitle("contender").yAxisTitle("milliseconds").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        List<String> contenders = summary.latencyRows().stream().map(BenchRow::contender)
            .toList();
        chart.addSeries("p50", contenders, summary.latencyRows().stream()
            .map(r -> (Number) r.measurement().p50Millis()).toList());
        chart.addSeries("p99", contenders, summary.latencyRows().stream()
            .map(r -> (Number) r.measurement().p99Millis()).toList());
        return chart;
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String share(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f%%", value * 100);
    }
}
