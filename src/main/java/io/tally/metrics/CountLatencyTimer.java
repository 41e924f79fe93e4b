package io.tally.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The end-to-end latency timer, configured alike for both paths: a histogram for Prometheus,
 * and percentiles over a window of about the last {@link #WINDOW} for the dashboard.
 */
final class CountLatencyTimer {

    /** How far back the percentiles look. */
    static final Duration WINDOW = Duration.ofSeconds(30);

    private CountLatencyTimer() {
    }

    static Timer register(MeterRegistry registry, String path) {
        return Timer.builder(MeterNames.COUNT_LATENCY)
            .description("From an input record's timestamp until its count is written")
            .tag(MeterNames.PATH_TAG, path)
            .publishPercentiles(0.5, 0.9, 0.99)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(5))
            .distributionStatisticExpiry(WINDOW)
            .distributionStatisticBufferLength(3)
            .register(registry);
    }
}
