package io.tally.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.tally.metrics.MetricsHistory;
import io.tally.metrics.PathReading;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The demo's page: {@code /} shows the two paths side by side, live, with uPlot charts (served
 * from its WebJar in the jar) of throughput, lag, latency percentiles and lock time, and each
 * path's top words. The page polls {@code /api/dashboard} about once a second; that answer
 * holds every path's current figures, read from the same meters as {@code /metrics}, their
 * last {@value #HISTORY_POINTS} samples, and their top words.
 *
 * <p>Concurrency: statuses are set by the demo's thread and read by request threads through a
 * concurrent map; the history guards itself.
 */
public final class Dashboard implements AutoCloseable {

    /** How often the figures are sampled for the charts. */
    public static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);
    /** Samples kept: five minutes. */
    public static final int HISTORY_POINTS = 300;
    /** Top words shown per path. */
    public static final int TOP = 10;

    private static final String RESOURCES = "/io/tally/http/dashboard/";

    private final PathViews views;
    private final MeterRegistry registry;
    private final MetricsHistory history;
    private final Map<String, String> statuses = new ConcurrentHashMap<>();

    private Dashboard(PathViews views, MeterRegistry registry) {
        this.views = views;
        this.registry = registry;
        this.history = MetricsHistory.start(registry, views.paths(), SAMPLE_INTERVAL,
            HISTORY_POINTS);
        views.paths().forEach(path -> statuses.put(path, "waiting"));
    }

    /** Starts sampling the meters of {@code views}' paths in {@code registry}. */
    public static Dashboard start(PathViews views, MeterRegistry registry) {
        return new Dashboard(views, registry);
    }

    /** Shows {@code status} beside {@code path}, such as "counting" or "caught up". */
    public void status(String path, String status) {
        statuses.put(path, status);
    }

    /** Adds the page, its assets and its data to {@code routes}. */
    Routes addTo(Routes routes) {
        String uplot = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        return routes.exact("/", StaticResource.page(RESOURCES + "index.html"))
            .exact("/dashboard.js", StaticResource.asset(RESOURCES + "dashboard.js", false))
            .exact("/dashboard.css", StaticResource.asset(RESOURCES + "dashboard.css", false))
            .exact("/vendor/uPlot.iife.min.js",
                StaticResource.asset(uplot + "uPlot.iife.min.js", true))
            .exact("/vendor/uPlot.min.css", StaticResource.asset(uplot + "uPlot.min.css", true))
            .exact("/api/dashboard", this::data);
    }

    private void data(RequestTarget target, Exchange exchange) {
        target.allowOnly(Set.of());
        ObjectNode answer = Json.object().put("time", System.currentTimeMillis())
            .put("intervalMs", SAMPLE_INTERVAL.toMillis());
        ArrayNode paths = answer.putArray("paths");
        for (String path : views.paths()) {
            paths.add(now(path));
        }
        answer.set("history", history());
        exchange.json(answer);
    }

    private ObjectNode now(String path) {
        PathReading reading = PathReading.read(registry, path);
        ObjectNode node = Json.object().put("path", path).put("status", statuses.get(path))
            .put("serving", views.serving(path));
        number(node, "records", reading.records());
        number(node, "words", reading.words());
        number(node, "countsWritten", reading.countsWritten());
        number(node, "deadLetters", reading.deadLetters());
        number(node, "lag", reading.lag());
        ObjectNode latency = node.putObject("latencyMs");
        number(latency, "p50", reading.p50Millis());
        number(latency, "p90", reading.p90Millis());
        number(latency, "p99", reading.p99Millis());
        number(latency, "max", reading.maxMillis());
        number(node, "lockWaitSeconds", reading.lockWaitSeconds());
        number(node, "lockHoldSeconds", reading.lockHoldSeconds());
        try {
            node.set("top", Json.MAPPER.valueToTree(views.view(path).top(TOP, false)));
        } catch (HttpProblem e) {
            node.putNull("top");
            node.put("topError", e.getMessage());
        }
        return node;
    }

    private ObjectNode history() {
        Map<String, List<MetricsHistory.Point>> points = history.points();
        ObjectNode node = Json.object();
        ArrayNode times = node.putArray("time");
        points.values().stream().findFirst().orElse(List.of())
            .forEach(point -> times.add(point.timeMillis() / 1000.0));
        points.forEach((path, series) -> {
            ObjectNode one = node.putObject(path);
            series(one, "recordsPerSecond", series, MetricsHistory.Point::recordsPerSecond);
            series(one, "wordsPerSecond", series, MetricsHistory.Point::wordsPerSecond);
            series(one, "lag", series, p -> p.reading().lag());
            series(one, "p50Ms", series, p -> p.reading().p50Millis());
            series(one, "p99Ms", series, p -> p.reading().p99Millis());
            series(one, "lockWaitPerSecond", series, MetricsHistory.Point::lockWaitPerSecond);
            series(one, "lockHoldPerSecond", series, MetricsHistory.Point::lockHoldPerSecond);
        });
        return node;
    }

    private static void series(ObjectNode node, String name, List<MetricsHistory.Point> points,
            ToDoubleFunction<MetricsHistory.Point> value) {
        ArrayNode values = node.putArray(name);
        for (MetricsHistory.Point point : points) {
            double v = value.applyAsDouble(point);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                values.addNull();
            } else {
                values.add(v);
            }
        }
    }

    /** JSON has no NaN: an unknown figure is null. */
    private static void number(ObjectNode node, String name, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    /** The uPlot version the build pinned, from {@code webjars.properties}. */
    static String uplotVersion() {
        Properties versions = new Properties();
        try (InputStream in = Dashboard.class.getResourceAsStream("webjars.properties")) {
            if (in == null) {
                throw new IllegalStateException("The jar lacks io/tally/http/webjars.properties;"
                    + " rebuild it with mvn package.");
            }
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions.getProperty("uplot.version");
    }

    /** Stops sampling. */
    @Override
    public void close() {
        history.close();
    }
}
