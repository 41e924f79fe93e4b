package io.tally.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Writes what a soak found: every sample in {@code soak.csv}, a summary in {@code soak.md},
 * and charts of consumer lag and heap over time as PNG and SVG.
 */
public final class SoakReport {

    private static final double MIB = 1024 * 1024;

    private final SoakRun.Result result;

    public SoakReport(SoakRun.Result result) {
        this.result = result;
    }

    /** Writes every file into {@code folder} and returns their paths. */
    public List<Path> write(Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        lines.add(SoakRun.Sample.HEADER);
        result.samples().forEach(sample -> lines.add(sample.csv()));
        written.add(Files.write(folder.resolve("soak.csv"), lines, StandardCharsets.UTF_8));
        ChartFiles.save(lagChart(), folder.resolve("lag"), written);
        ChartFiles.save(heapChart(), folder.resolve("heap"), written);
        written.add(writeMarkdown(folder.resolve("soak.md")));
        return written;
    }

    /** The summary as Markdown lines, for the file and for the terminal. */
    public List<String> summary() {
        SoakRun.Plan plan = result.plan();
        long lines = result.expected().lines();
        long words = result.expected().words();
        SoakRun.Sample last = result.last();
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%,d lines, %,d words, %,d distinct; vocabulary"
                + " %,d, Zipf s=%.2f; %d producer threads. Heap limit %,.0f MiB.", lines,
            words, result.expected().counts().size(), plan.vocabulary(), plan.zipf(),
            plan.producers(), result.heapMaxBytes() / MIB));
        out.add("");
        out.add("| | published | streams (" + plan.variant() + ") | shared (" + plan.strategy()
            + ", " + plan.consumers() + " threads) |");
        out.add("|---|---|---|---|");
        out.add(row("done, s after the start", result.publishSeconds(), result.streamsSeconds(),
            result.sharedSeconds(), "%.1f"));
        out.add(row("lines/s over that time", lines / result.publishSeconds(),
            lines / result.streamsSeconds(), lines / result.sharedSeconds(), "%,.0f"));
        out.add(row("words/s over that time", words / result.publishSeconds(),
            words / result.streamsSeconds(), words / result.sharedSeconds(), "%,.0f"));
        out.add(String.format(Locale.ROOT, "| largest lag (records) | | %,d | %,d |",
            maxOf(SoakRun.Sample::streamsLag), maxOf(SoakRun.Sample::sharedLag)));
        out.add("| equals direct count | | " + yesNo(result.streamsMatched()) + " | "
            + yesNo(result.sharedMatched()) + " |");
        out.add("");
        out.add(String.format(Locale.ROOT, "Heap: peak %,.0f MiB used (sampled every %d ms)"
                + " of %,.0f MiB; %,d collections took %.2f s in all.",
            result.peakHeapBytes() / MIB, plan.sampleInterval().toMillis(),
            result.heapMaxBytes() / MIB, last.gcCount(), last.gcSeconds()));
        return out;
    }

    private Path writeMarkdown(Path file) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.printf("# Tally soak, %s%n%n", ZonedDateTime.now().withNano(0));
            out.printf("Both paths count the same input at once, in one JVM with the"
                + " broker, while it is published. Java %s, %d processors.%n%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            summary().forEach(out::println);
            out.printf("%n![lag](lag.png)%n%n![heap](heap.png)%n");
        }
        return file;
    }

    private XYChart lagChart() {
        XYChart chart = chart("Consumer lag", "records behind the input");
        addSeries(chart, "streams", s -> s.streamsLag());
        addSeries(chart, "shared", s -> s.sharedLag());
        return chart;
    }

    private XYChart heapChart() {
        XYChart chart = chart("Heap used (whole JVM, broker included)", "MiB");
        addSeries(chart, "heap used", s -> s.heapUsedBytes() / MIB);
        return chart;
    }

    private static XYChart chart(String title, String yAxis) {
        XYChart chart = new XYChartBuilder().width(900).height(480).title(title)
            .xAxisTitle("seconds").yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        return chart;
    }

    private void addSeries(XYChart chart, String name, ToDoubleFunction<SoakRun.Sample> value) {
        List<Double> x = result.samples().stream().map(SoakRun.Sample::seconds).toList();
        List<Double> y = result.samples().stream().map(s -> value.applyAsDouble(s)).toList();
        chart.addSeries(name, x, y);
    }

    private long maxOf(ToLongFunction<SoakRun.Sample> value) {
        return result.samples().stream().mapToLong(value).max().orElse(0);
    }

    private static String row(String name, double published, double streams, double shared,
            String format) {
        return "| " + name + " | " + String.format(Locale.ROOT, format, published) + " | "
            + String.format(Locale.ROOT, format, streams) + " | "
            + String.format(Locale.ROOT, format, shared) + " |";
    }

    private static String yesNo(boolean matched) {
        return matched ? "yes" : "**NO**";
    }
}
