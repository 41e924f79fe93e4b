package io.tally.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.tokenizer.Tokenizer;

/**
 * The routes of Tally's HTTP servers. A counting service ({@code tally streams},
 * {@code tally shared}) serves {@code /counts/{word}}, {@code /top} and {@code /metrics};
 * the demo serves those for both paths and the dashboard at {@code /}.
 */
public final class QueryApi {

    private QueryApi() {
    }

    /** The routes of a counting service. */
    public static Routes forService(PathViews views, Tokenizer tokenizer,
            PrometheusMeterRegistry registry) {
        return new QueryRoutes(views, tokenizer).addTo(new Routes())
            .exact("/metrics", new MetricsRoute(registry));
    }

    /** The demo's routes: both paths' queries, the metrics and the dashboard. */
    public static Routes forDemo(PathViews views, Tokenizer tokenizer,
            PrometheusMeterRegistry registry, Dashboard dashboard) {
        return dashboard.addTo(forService(views, tokenizer, registry));
    }
}
