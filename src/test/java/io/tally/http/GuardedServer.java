package io.tally.http;

import io.tally.shared.ConcurrentMapCounter;
import io.tally.shared.SharedCounter;
import io.tally.tokenizer.Tokenizer;
import java.util.List;

/**
 * A real query server for the unit tests, answering for the shared path from a real
 * strategy's map that the test fills through an updater, as consumer threads do.
 */
final class GuardedServer implements AutoCloseable {

    final SharedCounter counter = new ConcurrentMapCounter();
    final PathViews views;
    final QueryServer server;

    private GuardedServer(List<String> paths, boolean serveShared) {
        views = new PathViews(paths);
        if (serveShared) {
            views.serve(new SharedCountsView(counter::snapshot));
        }
        server = QueryServer.start(QueryServer.DEFAULT_HOST, 0, QueryApi.forService(views,
            Tokenizer.withDefaults(), io.tally.metrics.Registries.prometheus()));
    }

    /** A server of the shared path alone, serving at once. */
    static GuardedServer shared() {
        return new GuardedServer(List.of("shared"), true);
    }

    /** A server of both paths, with only the shared one serving. */
    static GuardedServer bothWithSharedOnly() {
        return new GuardedServer(List.of("streams", "shared"), true);
    }

    /** Counts every word of {@code words}, one batch. */
    GuardedServer count(String... words) {
        SharedCounter.Updater updater = counter.updater();
        for (String word : words) {
            updater.add(word);
        }
        updater.endBatch();
        return this;
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
