package io.tally.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The median of the repeated throughput runs of each contender on each workload and thread
 * count, with its ratios to the {@code peer} and {@code transport} runs of the same cell.
 */
public final class BenchSummary {

    /** One cell of the sweep, summarised over its repeats. */
    public record Cell(String contender, String skew, int wordsPerLine, int threads, int runs,
            double seconds, double linesPerSecond, double wordsPerSecond, double lockWaitShare,
            long repartitionRecords, double cpuSeconds, boolean allMatched) {
    }

    private final List<Cell> cells;
    private final List<BenchRow> latencyRows;

    public BenchSummary(List<BenchRow> rows) {
        Map<String, List<BenchRow>> groups = rows.stream().filter(r -> !r.isLatencyRun())
            .collect(Collectors.groupingBy(
                r -> r.contender() + "|" + r.skew() + "|" + r.wordsPerLine() + "|" + r.threads(),
                LinkedHashMap::new, Collectors.toList()));
        this.cells = groups.values().stream().map(BenchSummary::cell).toList();
        this.latencyRows = rows.stream().filter(BenchRow::isLatencyRun).toList();
    }

    private static Cell cell(List<BenchRow> runs) {
        List<BenchRow> byTime = new ArrayList<>(runs);
        byTime.sort(Comparator.comparingDouble(r -> r.measurement().seconds()));
        BenchRow median = byTime.get(byTime.size() / 2);
        Measurement m = median.measurement();
        return new Cell(median.contender(), median.skew(), median.wordsPerLine(),
            median.threads(), runs.size(), m.seconds(), median.linesPerSecond(),
            median.wordsPerSecond(), m.lockWaitShare(), m.repartitionRecords(), m.cpuSeconds(),
            runs.stream().allMatch(r -> r.measurement().matched()));
    }

    public List<Cell> cells() {
        return cells;
    }

    public List<BenchRow> latencyRows() {
        return latencyRows;
    }

    /** The median cell of {@code contender} on the same workload and threads as {@code cell}. */
    public Optional<Cell> peerOf(Cell cell, String contender) {
        int threads = contender.equals("memory") ? 1 : cell.threads();
        return cells.stream().filter(c -> c.contender().equals(contender)
            && c.skew().equals(cell.skew()) && c.wordsPerLine() == cell.wordsPerLine()
            && c.threads() == threads).findFirst();
    }

    /** Words per second of {@code cell} over those of {@code contender} in the same cell. */
    public double ratio(Cell cell, String contender) {
        return peerOf(cell, contender).map(other -> cell.wordsPerSecond() / other.wordsPerSecond())
            .orElse(Double.NaN);
    }
}
