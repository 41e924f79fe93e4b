package io.tally.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The registry every path's meters live in: one per process, scraped at {@code /metrics}. */
public final class Registries {

    private Registries() {
    }

    /** A new Prometheus registry with Micrometer's defaults. */
    public static PrometheusMeterRegistry prometheus() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
}
