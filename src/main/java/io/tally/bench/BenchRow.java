package io.tally.bench;

import java.util.List;
import java.util.Locale;

/** One line of {@code results.csv}: one timed run. */
public record BenchRow(String contender, String skew, int threads, int wordsPerLine,
        int repeat, long lines, long words, Measurement measurement) {

    /** The CSV header, in the order of {@link #csv()}. */
    public static final String HEADER = "contender,skew,threads,words_per_line,repeat,seconds,"
        + "lines_per_s,words_per_s,p50_ms,p99_ms,lock_wait_share,repartition_records,cpu_s,"
        + "matched";

    public double linesPerSecond() {
        return lines / measurement.seconds();
    }

    public double wordsPerSecond() {
        return words / measurement.seconds();
    }

    /** Whether this row comes from the fixed-rate latency mode. */
    public boolean isLatencyRun() {
        return !Double.isNaN(measurement.p50Millis());
    }

    public String csv() {
        Measurement m = measurement;
        return String.join(",", List.of(contender, skew, Integer.toString(threads),
            Integer.toString(wordsPerLine), Integer.toString(repeat), number(m.seconds(), 3),
            number(linesPerSecond(), 0), number(wordsPerSecond(), 0), number(m.p50Millis(), 1),
            number(m.p99Millis(), 1), number(m.lockWaitShare(), 4),
            m.repartitionRecords() < 0 ? "" : Long.toString(m.repartitionRecords()),
            number(m.cpuSeconds(), 2), Boolean.toString(m.matched())));
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value)
            ? "" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
