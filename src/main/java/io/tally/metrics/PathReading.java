package io.tally.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.concurrent.TimeUnit;

/**
 * One path's figures at one moment, read from its meters in a registry, exactly as
 * {@code /metrics} shows them. A figure whose meter is missing (the path has not started, or
 * has no locks) is NaN.
 *
 * @param records input records consumed
 * @param words words counted
 * @param countsWritten count records written
 * @param deadLetters records sent to the dead-letter topic
 * @param lag input records not yet consumed
 * @param p50Millis median end-to-end latency over the recent window
 * @param p90Millis 90th percentile
 * @param p99Millis 99th percentile
 * @param maxMillis largest over the recent window
 * @param lockWaitSeconds total time threads waited for locks
 * @param lockHoldSeconds total time locks were held
 */
public record PathReading(double records, double words, double countsWritten,
        double deadLetters, double lag, double p50Millis, double p90Millis, double p99Millis,
        double maxMillis, double lockWaitSeconds, double lockHoldSeconds) {

    /** Reads the meters of {@code path} in {@code registry}. */
    public static PathReading read(MeterRegistry registry, String path) {
        Timer latency = registry.find(MeterNames.COUNT_LATENCY).tag(MeterNames.PATH_TAG, path)
            .timer();
        HistogramSnapshot snapshot = latency == null ? null : latency.takeSnapshot();
        return new PathReading(counter(registry, MeterNames.RECORDS_IN, path),
            counter(registry, MeterNames.WORDS_COUNTED, path),
            counter(registry, MeterNames.COUNTS_WRITTEN, path),
            counter(registry, MeterNames.DEAD_LETTERS, path),
            gauge(registry, MeterNames.CONSUMER_LAG, path),
            percentile(snapshot, 0.5), percentile(snapshot, 0.9), percentile(snapshot, 0.99),
            windowEmpty(snapshot) ? Double.NaN : snapshot.max(TimeUnit.MILLISECONDS),
            counter(registry, MeterNames.LOCK_WAIT, path),
            counter(registry, MeterNames.LOCK_HOLD, path));
    }

    private static double counter(MeterRegistry registry, String name, String path) {
        FunctionCounter counter = registry.find(name).tag(MeterNames.PATH_TAG, path)
            .functionCounter();
        return counter == null ? Double.NaN : counter.count();
    }

    private static double gauge(MeterRegistry registry, String name, String path) {
        Gauge gauge = registry.find(name).tag(MeterNames.PATH_TAG, path).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    /**
     * Whether no sample is in the recent window. The count is a running total, but the max
     * decays with the window, so a zero max means nothing was recorded lately.
     */
    private static boolean windowEmpty(HistogramSnapshot snapshot) {
        return snapshot == null || snapshot.count() == 0 || snapshot.max() == 0;
    }

    /** NaN while the window holds no sample: an empty window has no percentile. */
    private static double percentile(HistogramSnapshot snapshot, double percentile) {
        if (windowEmpty(snapshot)) {
            return Double.NaN;
        }
        for (ValueAtPercentile value : snapshot.percentileValues()) {
            if (value.percentile() == percentile) {
                return value.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }
}
