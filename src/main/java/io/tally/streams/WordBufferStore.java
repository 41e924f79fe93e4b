package io.tally.streams;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ObjLongConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The combining buffer of the {@code combined} topology: partial word counts not yet sent
 * downstream, kept in a plain {@link HashMap} so that counting a word costs one map update,
 * and made durable only when Kafka Streams is about to commit.
 *
 * <p>Why it is exactly-once: the buffer holds counts of input records whose offsets the next
 * commit will include. Kafka Streams calls {@link #flushCache()} on every commit of the task,
 * before it sends the offsets, inside the same transaction. There the buffer writes whatever it
 * still holds into a logged key-value store, and deletes what it has emitted since; so the
 * changelog always equals the buffer as of the last commit, and a crash restores exactly the
 * partial counts that the committed offsets have already consumed. The combiner emits and
 * clears the buffer just before it asks for a commit, so the commits it asks for find the
 * buffer empty and write nothing. Kafka Streams' own periodic commits are not in phase with
 * the combiner; one that falls between two emissions writes what the buffer holds then, and
 * the next commit deletes it again: correct, at the price of that changelog traffic.
 *
 * <p>Note: the pre-commit hook is Kafka Streams' internal {@link CachedStateStore} interface,
 * the one its own record caches use; it is stable across 3.x and 4.x but not a public API.
 *
 * <p>Not thread-safe: a store belongs to one task, and a task runs on one stream thread.
 */
public final class WordBufferStore implements StateStore, CachedStateStore<String, Long> {

    private final KeyValueStore<String, Long> log;
    private final Map<String, Long> buffer = new HashMap<>();
    /** What the changelog holds now, so that a flush writes only the difference. */
    private final Map<String, Long> logged = new HashMap<>();

    private WordBufferStore(KeyValueStore<String, Long> log) {
        this.log = log;
    }

    /** A builder for a buffer named {@code name}; its changelog is always enabled. */
    public static StoreBuilder<WordBufferStore> builder(String name) {
        return new Builder(name);
    }

    /** Counts {@code n} more occurrences of {@code word}. */
    void add(String word, long n) {
        buffer.merge(word, n, Long::sum);
    }

    /** Distinct words waiting to be emitted. */
    int size() {
        return buffer.size();
    }

    /** Hands every partial count to {@code emit}, then empties the buffer. */
    void drain(ObjLongConsumer<String> emit) {
        buffer.forEach(emit::accept);
        buffer.clear();
    }

    /** Reloads the buffer from the changelog-backed store, after a restore. */
    void reload() {
        buffer.clear();
        logged.clear();
        try (KeyValueIterator<String, Long> all = log.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                buffer.put(entry.key, entry.value);
                logged.put(entry.key, entry.value);
            }
        }
    }

    @Override
    public void flushCache() {
        logged.entrySet().removeIf(entry -> {
            if (!buffer.containsKey(entry.getKey())) {
                log.delete(entry.getKey());
                return true;
            }
            return false;
        });
        buffer.forEach((word, n) -> {
            Long before = logged.put(word, n);
            if (before == null || before.longValue() != n) {
                log.put(word, n);
            }
        });
    }

    @Override
    public void clearCache() {
        // The task is being reset; the buffer is rebuilt from the changelog by reload().
        buffer.clear();
        logged.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, Long> listener,
            boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return log.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        log.init(context, root);
    }

    @Override
    public void commit(Map<org.apache.kafka.common.TopicPartition, Long> changelogOffsets) {
        log.commit(changelogOffsets);
    }

    @Override
    public void close() {
        log.close();
    }

    @Override
    public boolean persistent() {
        return log.persistent();
    }

    @Override
    public boolean isOpen() {
        return log.isOpen();
    }

    private static final class Builder implements StoreBuilder<WordBufferStore> {

        private final String name;
        private Map<String, String> logConfig = Map.of();

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
            this.logConfig = Map.copyOf(config);
            return this;
        }

        @Override
        public StoreBuilder<WordBufferStore> withLoggingDisabled() {
            throw new UnsupportedOperationException(
                "The buffer needs its changelog to be exactly-once");
        }

        @Override
        public WordBufferStore build() {
            return new WordBufferStore(Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.Long())
                .withLoggingEnabled(logConfig)
                .withCachingDisabled()
                .build());
        }

        @Override
        public Map<String, String> logConfig() {
            return logConfig;
        }

        @Override
        public boolean loggingEnabled() {
            return true;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
