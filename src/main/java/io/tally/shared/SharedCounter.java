package io.tally.shared;

import java.util.Map;

/**
 * One word-count map shared by every consumer thread of the shared-memory path. Each
 * implementation is a different answer to "how do threads update one map safely": a lock per
 * word, a lock per batch, striped locks, per-key atomics, or a single owner thread.
 *
 * <p>Threads never touch the map directly. Each consumer thread takes its own
 * {@link Updater}, adds the words of a poll batch to it, then calls {@link Updater#endBatch()}.
 * After {@code endBatch} returns, every word of that batch is visible to {@link #snapshot()}.
 * That is the one guarantee the service builds its offset commits on.
 */
public interface SharedCounter extends AutoCloseable {

    /** A per-thread handle for adding words. Not thread-safe: one per consumer thread. */
    interface Updater {

        /** Counts one occurrence of {@code word}. */
        void add(String word);

        /** Makes every word added so far visible to {@link SharedCounter#snapshot()}. */
        void endBatch();
    }

    /** The strategy's name, as {@code --strategy} takes it. */
    String name();

    /** Returns a new updater, to be used by the calling thread only. */
    Updater updater();

    /**
     * Returns a copy of every count. It includes every word whose batch ended, on any thread,
     * before this call began.
     */
    Map<String, Long> snapshot();

    /** The current count of {@code word}, 0 when unseen. */
    long count(String word);

    /** Sets the starting counts, before any updater is used, for example after a restart. */
    void restore(Map<String, Long> counts);

    /** Nanoseconds threads have spent waiting for this map's locks, or 0 when it has none. */
    default long lockWaitNanos() {
        return 0;
    }

    /**
     * Nanoseconds this map's locks have been held, or 0 when it has none: every batch merge
     * and snapshot is timed, per-word holds are sampled (see {@code LockHoldClock}). For
     * {@code actor}, the time the owner thread spent applying messages.
     */
    default long lockHoldNanos() {
        return 0;
    }

    /** Releases threads the strategy owns, if any. */
    @Override
    default void close() {
    }
}
