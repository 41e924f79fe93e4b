package io.tally.http;

import io.tally.shared.SharedCounter;
import java.util.List;
import java.util.Map;

/**
 * The shared-memory path's counts, read straight from its {@link SharedCounter}: a count is
 * visible as soon as its batch ends, before the checkpoint writes it to the counts topic.
 *
 * <p>Concurrency: request threads read the map as consumer threads update it; the strategy's
 * own guard (a lock, atomics or the owner thread) makes each read safe.
 *
 * <p>Note: {@link #top} copies the whole map under the strategy's guard (a snapshot), so on a
 * locked strategy each call holds the lock for a copy; the lock hold metric shows the cost.
 */
public final class SharedCountsView implements CountsView {

    private final SharedCounter counter;

    public SharedCountsView(SharedCounter counter) {
        this.counter = counter;
    }

    @Override
    public String path() {
        return "shared";
    }

    @Override
    public long count(String word, boolean localOnly) {
        try {
            return counter.count(word);
        } catch (IllegalStateException e) {
            throw stopped(e);
        }
    }

    @Override
    public List<WordCount> top(int n, boolean localOnly) {
        Map<String, Long> snapshot;
        try {
            snapshot = counter.snapshot();
        } catch (IllegalStateException e) {
            throw stopped(e);
        }
        TopWords top = new TopWords(n);
        snapshot.forEach(top::offer);
        return top.sorted();
    }

    private static HttpProblem stopped(IllegalStateException e) {
        return HttpProblem.unavailable("The shared map cannot be read: " + e.getMessage()
            + ". The shared path is stopping or has failed; see its log.");
    }
}
