package io.tally.streams;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ObjLongConsumer;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The combining buffer of the {@code combined} topology: partial word counts not yet sent
 * downstream, kept in a plain {@link HashMap} so that counting a word costs one map update.
 *
 * <p>Why it is exactly-once: Kafka Streams calls {@link #flushCache()} on every commit of the
 * task (periodic, requested, before a rebalance takes the task away, at shutdown), before it
 * flushes the producer and sends the input offsets, inside the same transaction. There the
 * buffer hands everything it holds to its combiner, which sends it downstream. So no commit
 * ever covers input whose words are only in the buffer, and the buffer needs no changelog: a
 * crash loses it together with the uncommitted offsets of its input, which is then processed
 * again. A dirty close also calls the hook, and then aborts the transaction it sent into.
 * Kafka Streams skips the hook only for a task that has processed nothing since its last
 * commit, whose buffer is empty. This is how Kafka Streams' own record caches forward on
 * commit.
 *
 * <p>Note: the pre-commit hook is Kafka Streams' internal {@link CachedStateStore} interface,
 * the one its own record caches use; it is stable across 3.x and 4.x but not a public API.
 *
 * <p>Not thread-safe: a store belongs to one task, and a task runs on one stream thread.
 */
public final class WordBufferStore implements StateStore, CachedStateStore<String, Long> {

    private final String name;
    private final Map<String, Long> buffer = new HashMap<>();
    /** Sends the buffer downstream; set by the combiner while it is initialised. */
    private Runnable beforeCommit;
    private boolean open;

    private WordBufferStore(String name) {
        this.name = name;
    }

    /** A builder for a buffer named {@code name}. */
    public static StoreBuilder<WordBufferStore> builder(String name) {
        return new Builder(name);
    }

    /** Counts {@code n} more occurrences of {@code word}. */
    void add(String word, long n) {
        buffer.merge(word, n, Long::sum);
    }

    /** Distinct words waiting to be sent. */
    int size() {
        return buffer.size();
    }

    /** Hands every partial count to {@code send}, then empties the buffer. */
    void drain(ObjLongConsumer<String> send) {
        buffer.forEach(send::accept);
        buffer.clear();
    }

    /** Runs {@code send} at the start of every commit; null stops it. */
    void sendBeforeEachCommit(Runnable send) {
        this.beforeCommit = send;
    }

    @Override
    public void flushCache() {
        if (beforeCommit != null) {
            beforeCommit.run();
        } else if (!buffer.isEmpty()) {
            throw new IllegalStateException("Buffer " + name + " holds " + buffer.size()
                + " partial counts at a commit but has no combiner to send them");
        }
    }

    @Override
    public void clearCache() {
        // The task is being reset; its uncommitted input will be processed again.
        buffer.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, Long> listener,
            boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        // Registered so that the task's commits reach flushCache(); there is nothing to restore.
        context.register(root, (key, value) -> { });
        open = true;
    }

    @Override
    public void close() {
        buffer.clear();
        beforeCommit = null;
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private static final class Builder implements StoreBuilder<WordBufferStore> {

        private final String name;

        Builder(String name) {
            this.name = name;
        }

        @Override
        public StoreBuilder<WordBufferStore> withCachingEnabled() {
            throw new UnsupportedOperationException("The buffer is its own cache");
        }

        @Override
        public StoreBuilder<WordBufferStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<WordBufferStore> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException(
                "The buffer is empty at every commit; it has nothing to log");
        }

        @Override
        public StoreBuilder<WordBufferStore> withLoggingDisabled() {
            return this;
        }

        @Override
        public WordBufferStore build() {
            return new WordBufferStore(name);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
