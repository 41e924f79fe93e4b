package io.tally.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics}: every meter of the registry in Prometheus text format 0.0.4. */
final class MetricsRoute implements Route {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    MetricsRoute(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(RequestTarget target, Exchange exchange) {
        target.allowOnly(java.util.Set.of());
        exchange.text(CONTENT_TYPE, registry.scrape());
    }
}
