package io.tally.shared;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Strategy {@code locked-batch}: each thread counts a poll batch in a private map, then merges
 * it into one shared {@link HashMap} under one lock.
 *
 * <p>Concurrency: {@link #lock} guards {@link #counts}. The per-thread maps are confined to
 * their updater, so they need no guard. The lock is taken once per batch instead of once per
 * word, and a skewed stream collapses repeats of a hot word into one merge, so contention
 * falls by roughly the number of words per batch. Each merge and snapshot is timed, for the
 * lock hold metric: two clock reads per batch, none per word.
 */
public final class LockedBatchCounter implements SharedCounter {

    public static final String NAME = "locked-batch";

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Long> counts = new HashMap<>();
    private final LockWaitClock waits = new LockWaitClock();
    private final LockHoldClock holds = new LockHoldClock();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Updater updater() {
        return new Updater() {
            private final Map<String, Long> local = new HashMap<>();

            @Override
            public void add(String word) {
                local.merge(word, 1L, Long::sum);
            }

            @Override
            public void endBatch() {
                if (local.isEmpty()) {
                    return;
                }
                waits.lock(lock);
                long start = System.nanoTime();
                try {
                    local.forEach((word, n) -> counts.merge(word, n, Long::sum));
                } finally {
                    holds.held(start);
                    lock.unlock();
                }
                local.clear();
            }
        };
    }

    @Override
    public Map<String, Long> snapshot() {
        waits.lock(lock);
        long start = System.nanoTime();
        try {
            return new HashMap<>(counts);
        } finally {
            holds.held(start);
            lock.unlock();
        }
    }

    @Override
    public long count(String word) {
        waits.lock(lock);
        try {
            return counts.getOrDefault(word, 0L);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void restore(Map<String, Long> restored) {
        waits.lock(lock);
        try {
            counts.clear();
            counts.putAll(restored);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long lockWaitNanos() {
        return waits.totalNanos();
    }

    @Override
    public long lockHoldNanos() {
        return holds.totalNanos();
    }
}
