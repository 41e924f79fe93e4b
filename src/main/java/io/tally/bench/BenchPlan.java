package io.tally.bench;

import java.time.Duration;
import java.util.List;

/**
 * What a bench run sweeps: workloads, contenders, thread counts and repeats, plus the
 * fixed-rate latency mode's rate and length.
 */
public record BenchPlan(List<Skew> skews, List<Integer> wordsPerLine, List<Integer> threads,
        List<String> contenders, long lines, int vocabulary, long seed, int repeat,
        int latencyRate, Duration latencyDuration) {

    /** Every contender the bench knows, in report order. */
    public static final List<String> ALL_CONTENDERS = List.of("peer", "plain", "combined",
        "locked-map", "locked-batch", "striped", "concurrent", "actor", "transport", "memory");

    public BenchPlan {
        skews = List.copyOf(skews);
        wordsPerLine = List.copyOf(wordsPerLine);
        threads = List.copyOf(threads);
        contenders = List.copyOf(contenders);
        if (skews.isEmpty() || wordsPerLine.isEmpty() || threads.isEmpty()
                || contenders.isEmpty()) {
            throw new IllegalArgumentException("A plan needs at least one skew, line length,"
                + " thread count and contender");
        }
        for (String contender : contenders) {
            if (!ALL_CONTENDERS.contains(contender)) {
                throw new IllegalArgumentException("Unknown contender '" + contender
                    + "'. Choose from " + String.join(", ", ALL_CONTENDERS) + ".");
            }
        }
        if (lines < 1 || repeat < 1 || latencyRate < 0 || vocabulary < 1) {
            throw new IllegalArgumentException("lines, repeat and vocabulary must be at least 1"
                + " and the latency rate at least 0");
        }
    }

    /** The workloads, every skew with every line length. */
    public List<Workload> workloads() {
        return skews.stream().flatMap(skew -> wordsPerLine.stream()
            .map(w -> new Workload(skew, w, lines, vocabulary, seed))).toList();
    }

    /** Timed runs the plan makes, for a progress bar. */
    public int runCount() {
        int perWorkload = 0;
        for (String contender : contenders) {
            perWorkload += contender.equals("memory") ? 1 : threads.size();
        }
        int latencyRuns = latencyRate == 0 ? 0 : (int) contenders.stream()
            .filter(c -> !c.equals("memory") && !c.equals("transport")).count();
        return perWorkload * repeat * workloads().size() + latencyRuns;
    }
}
