package io.tally.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.config.TallyConfig;
import io.tally.http.Dashboard;
import io.tally.http.PathViews;
import io.tally.http.QueryApi;
import io.tally.http.QueryServer;
import io.tally.http.Routes;
import io.tally.http.SharedCountsView;
import io.tally.http.StreamsCountsView;
import io.tally.metrics.MeterNames;
import io.tally.metrics.Registries;
import io.tally.metrics.SharedPathMeters;
import io.tally.metrics.StreamsPathMeters;
import io.tally.shared.SharedCountingService;
import io.tally.streams.StreamsService;
import io.tally.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The HTTP side of a counting command: the metrics registry, the server, each path's view and
 * meters, and for the demo the dashboard; closed together, server first. When no
 * {@code --http-port} was given every method does nothing, so that commands read the same
 * either way.
 *
 * <p>Concurrency: built and bound by the command's thread; {@link #close} may also run in a
 * shutdown hook, so it is synchronized and runs once.
 */
final class LiveQueries implements AutoCloseable {

    private final boolean enabled;
    private final PrometheusMeterRegistry registry;
    private final PathViews views;
    private final Dashboard dashboard;
    private final QueryServer server;
    private final String advertisedHost;
    private final List<AutoCloseable> meters = new ArrayList<>();
    private SharedPathMeters sharedMeters;
    private boolean closed;

    private LiveQueries(HttpOptions options, String advertisedHost, List<String> paths,
            boolean withDashboard, TallyConfig config) {
        this.enabled = options.enabled();
        this.advertisedHost = advertisedHost;
        if (!enabled) {
            registry = null;
            views = null;
            dashboard = null;
            server = null;
            return;
        }
        registry = Registries.prometheus();
        views = new PathViews(paths);
        Tokenizer tokenizer = new Tokenizer(config.wordMaxLength());
        dashboard = withDashboard ? Dashboard.start(views, registry) : null;
        try {
            Routes routes = withDashboard
                ? QueryApi.forDemo(views, tokenizer, registry, dashboard)
                : QueryApi.forService(views, tokenizer, registry);
            server = QueryServer.start(options.host, options.port, routes);
        } catch (RuntimeException e) {
            // The dashboard's sampler thread runs already; nothing else would stop it.
            if (dashboard != null) {
                dashboard.close();
            }
            throw e;
        }
    }

    /** A service's server, answering for {@code path} once it runs. */
    static LiveQueries forService(HttpOptions options, String advertisedHost, String path,
            TallyConfig config) {
        return new LiveQueries(options, advertisedHost, List.of(path), false, config);
    }

    /** The demo's server: both paths and the dashboard. */
    static LiveQueries forDemo(HttpOptions options, TallyConfig config) {
        String advertised = options.wildcard() ? QueryServer.DEFAULT_HOST : options.host;
        return new LiveQueries(options, advertised,
            List.of(MeterNames.STREAMS, MeterNames.SHARED), true, config);
    }

    boolean enabled() {
        return enabled;
    }

    /** The server's URL, or null without one. */
    String url() {
        return enabled ? server.url() : null;
    }

    /** Kafka Streams settings that advertise this server to the application's other instances. */
    Map<String, Object> streamsOverrides() {
        return enabled ? Map.of(StreamsConfig.APPLICATION_SERVER_CONFIG,
            advertisedHost + ":" + server.port()) : Map.of();
    }

    /** Registers the streams path's meters; call it before the path starts. */
    void bind(StreamsService streams) {
        if (enabled) {
            meters.add(StreamsPathMeters.bind(registry, streams));
        }
    }

    /** Answers for the streams path, which now runs. */
    void serve(StreamsService streams) {
        if (enabled) {
            views.serve(new StreamsCountsView(streams.streams(),
                new HostInfo(advertisedHost, server.port())));
        }
    }

    /** Registers the shared path's meters; call it before the path starts. */
    void bind(SharedCountingService shared, TallyConfig config) {
        if (enabled) {
            sharedMeters = SharedPathMeters.bind(registry, shared, config.inputTopic());
            meters.add(sharedMeters);
        }
    }

    /** Answers for the shared path, which now runs, and binds its clients' metrics. */
    void serve(SharedCountingService shared) {
        if (enabled) {
            sharedMeters.bindKafkaClients();
            views.serve(new SharedCountsView(shared::committedCounts));
        }
    }

    /** Shows {@code status} beside {@code path} on the dashboard, if there is one. */
    void status(String path, String status) {
        if (dashboard != null) {
            dashboard.status(path, status);
        }
    }

    /** Stops the server, then the dashboard and the meters. Calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (!enabled || closed) {
            return;
        }
        closed = true;
        views.paths().forEach(views::withdraw);
        server.close();
        if (dashboard != null) {
            dashboard.close();
        }
        for (AutoCloseable meter : meters) {
            try {
                meter.close();
            } catch (Exception e) {
                // Meters are in-memory; a failed close leaves nothing behind that matters.
            }
        }
        registry.close();
    }
}
