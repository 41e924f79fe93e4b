package io.tally.http;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The shared-memory path's counts, as of its last committed checkpoint: the same counts its
 * counts topic holds, so an answer never runs ahead of the topic and never goes down. Reading
 * them touches neither the shared map nor its locks, so questions cannot slow the counting
 * or skew its lock figures.
 *
 * <p>Concurrency: the supplier hands out an immutable map that the checkpoint replaces whole;
 * {@link #cachedTop} is one immutable record, replaced whole through a volatile field, so a
 * request either reuses a top computed from the same map or computes its own.
 */
public final class SharedCountsView implements CountsView {

    private final Supplier<Map<String, Long>> counts;
    private volatile CachedTop cachedTop = new CachedTop(Map.of(), 0, List.of());

    /** @param counts the latest committed counts, replaced whole, never changed in place */
    public SharedCountsView(Supplier<Map<String, Long>> counts) {
        this.counts = counts;
    }

    @Override
    public String path() {
        return "shared";
    }

    @Override
    public long count(String word, boolean localOnly) {
        return counts.get().getOrDefault(word, 0L);
    }

    /** The top {@code n}, computed once per checkpoint for the largest {@code n} asked. */
    @Override
    public List<WordCount> top(int n, boolean localOnly) {
        Map<String, Long> current = counts.get();
        CachedTop cached = cachedTop;
        if (cached.counts() != current || cached.n() < n) {
            int keep = cached.counts() == current ? Math.max(n, cached.n()) : n;
            TopWords top = new TopWords(keep);
            current.forEach(top::offer);
            cached = new CachedTop(current, keep, List.copyOf(top.sorted()));
            cachedTop = cached;
        }
        return cached.top().subList(0, Math.min(n, cached.top().size()));
    }

    /** A top list and the counts it was computed from, compared by identity. */
    private record CachedTop(Map<String, Long> counts, int n, List<WordCount> top) {
    }
}
