package io.tally.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent past of every path's figures, for charts: a sampler thread reads each path's
 * meters at a fixed interval and keeps the last {@code capacity} samples, turning totals into
 * rates per second between two samples.
 *
 * <p>Concurrency: the sampler thread appends and readers copy, both under this object's
 * monitor; a sample is small and a copy is a few hundred of them.
 */
public final class MetricsHistory implements AutoCloseable {

    /** One moment of one path. Rates are per second since the previous sample (NaN first). */
    public record Point(long timeMillis, PathReading reading, double recordsPerSecond,
            double wordsPerSecond, double lockWaitPerSecond, double lockHoldPerSecond) {
    }

    private static final Logger log = LoggerFactory.getLogger(MetricsHistory.class);

    private final MeterRegistry registry;
    private final List<String> paths;
    private final int capacity;
    private final Map<String, Deque<Point>> points = new LinkedHashMap<>();
    private final ScheduledExecutorService sampler;
    /** Whether a failed sample was logged at warn already; only the sampler thread uses it. */
    private boolean warned;

    private MetricsHistory(MeterRegistry registry, List<String> paths, int capacity) {
        this.registry = registry;
        this.paths = List.copyOf(paths);
        this.capacity = capacity;
        paths.forEach(path -> points.put(path, new ArrayDeque<>()));
        this.sampler = Executors.newSingleThreadScheduledExecutor(
            task -> new Thread(task, "tally-metrics-history"));
    }

    /** Samples {@code paths} every {@code interval}, keeping {@code capacity} samples each. */
    public static MetricsHistory start(MeterRegistry registry, List<String> paths,
            Duration interval, int capacity) {
        MetricsHistory history = new MetricsHistory(registry, paths, capacity);
        history.sampler.scheduleAtFixedRate(history::sample, 0, interval.toMillis(),
            TimeUnit.MILLISECONDS);
        return history;
    }

    private void sample() {
        try {
            sampleEveryPath();
        } catch (RuntimeException e) {
            // A failed read must not end the schedule, which would freeze the charts.
            if (!warned) {
                warned = true;
                log.warn("Sampling the meters failed; the dashboard's charts skip such moments",
                    e);
            } else {
                log.debug("Sampling the meters failed", e);
            }
        }
    }

    /** Reads every path first, then appends all, so that every series keeps one time axis. */
    private void sampleEveryPath() {
        long now = System.currentTimeMillis();
        Map<String, PathReading> readings = new LinkedHashMap<>();
        for (String path : paths) {
            readings.put(path, PathReading.read(registry, path));
        }
        synchronized (this) {
            readings.forEach((path, reading) -> {
                Deque<Point> series = points.get(path);
                series.addLast(point(series.peekLast(), now, reading));
                if (series.size() > capacity) {
                    series.removeFirst();
                }
            });
        }
    }

    private static Point point(Point previous, long now, PathReading reading) {
        if (previous == null) {
            return new Point(now, reading, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double seconds = Math.max(1, now - previous.timeMillis()) / 1000.0;
        PathReading before = previous.reading();
        return new Point(now, reading, rate(before.records(), reading.records(), seconds),
            rate(before.words(), reading.words(), seconds),
            rate(before.lockWaitSeconds(), reading.lockWaitSeconds(), seconds),
            rate(before.lockHoldSeconds(), reading.lockHoldSeconds(), seconds));
    }

    /** NaN while either end is unknown; a total that went back (a restart) counts from 0. */
    private static double rate(double before, double after, double seconds) {
        if (Double.isNaN(after)) {
            return Double.NaN;
        }
        double start = Double.isNaN(before) || before > after ? 0 : before;
        return (after - start) / seconds;
    }

    /** A copy of every path's samples, oldest first. */
    public synchronized Map<String, List<Point>> points() {
        Map<String, List<Point>> copy = new LinkedHashMap<>();
        points.forEach((path, series) -> copy.put(path, new ArrayList<>(series)));
        return copy;
    }

    /** Stops the sampler and waits for its thread to end. */
    @Override
    public void close() {
        sampler.shutdownNow();
        try {
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
