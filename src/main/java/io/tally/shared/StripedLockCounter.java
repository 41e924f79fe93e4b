package io.tally.shared;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Strategy {@code striped}: the map is cut into stripes by the word's hash, and each stripe
 * has its own {@link HashMap} and lock, taken for every word.
 *
 * <p>Concurrency: {@code locks[i]} guards {@code stripes[i]} and nothing else. Two threads
 * contend only when their words fall in the same stripe, so with many stripes contention
 * mostly disappears, except on a very hot word, whose stripe stays a single point of
 * contention. A snapshot locks one stripe at a time, so it never stops every thread at once.
 */
public final class StripedLockCounter implements SharedCounter {

    public static final String NAME = "striped";

    /** Stripes by default: enough that 8 threads rarely meet on a uniform stream. */
    public static final int DEFAULT_STRIPES = 64;

    private final ReentrantLock[] locks;
    private final Map<String, Long>[] stripes;
    private final int mask;
    private final LockWaitClock waits = new LockWaitClock();
    private final LockHoldClock holds = new LockHoldClock();

    public StripedLockCounter() {
        this(DEFAULT_STRIPES);
    }

    /** @param stripeCount a power of two */
    @SuppressWarnings("unchecked")
    public StripedLockCounter(int stripeCount) {
        if (stripeCount < 1 || Integer.bitCount(stripeCount) != 1) {
            throw new IllegalArgumentException("stripe count must be a power of two, was "
                + stripeCount);
        }
        this.locks = new ReentrantLock[stripeCount];
        this.stripes = new Map[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            locks[i] = new ReentrantLock();
            stripes[i] = new HashMap<>();
        }
        this.mask = stripeCount - 1;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Updater updater() {
        return new Updater() {
            private final LockHoldClock.Sampler sampler = new LockHoldClock.Sampler();

            @Override
            public void add(String word) {
                int stripe = stripeOf(word);
                // Decided before the lock is taken, so the critical section stays as it was.
                boolean timed = sampler.due();
                waits.lock(locks[stripe]);
                long start = timed ? System.nanoTime() : 0L;
                try {
                    stripes[stripe].merge(word, 1L, Long::sum);
                } finally {
                    if (timed) {
                        holds.heldSampled(start);
                    }
                    locks[stripe].unlock();
                }
            }

            @Override
            public void endBatch() {
                // Every add was already applied under its stripe's lock.
            }
        };
    }

    @Override
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new HashMap<>();
        for (int i = 0; i < stripes.length; i++) {
            waits.lock(locks[i]);
            long start = System.nanoTime();
            try {
                copy.putAll(stripes[i]);
            } finally {
                holds.held(start);
                locks[i].unlock();
            }
        }
        return copy;
    }

    @Override
    public long count(String word) {
        int stripe = stripeOf(word);
        waits.lock(locks[stripe]);
        try {
            return stripes[stripe].getOrDefault(word, 0L);
        } finally {
            locks[stripe].unlock();
        }
    }

    @Override
    public void restore(Map<String, Long> restored) {
        for (int i = 0; i < stripes.length; i++) {
            waits.lock(locks[i]);
            try {
                stripes[i].clear();
            } finally {
                locks[i].unlock();
            }
        }
        restored.forEach((word, n) -> {
            int stripe = stripeOf(word);
            waits.lock(locks[stripe]);
            try {
                stripes[stripe].put(word, n);
            } finally {
                locks[stripe].unlock();
            }
        });
    }

    @Override
    public long lockWaitNanos() {
        return waits.totalNanos();
    }

    @Override
    public long lockHoldNanos() {
        return holds.totalNanos();
    }

    private int stripeOf(String word) {
        int h = word.hashCode();
        // Spread the high bits down: String hashes of short words differ mostly in low bits.
        return (h ^ (h >>> 16)) & mask;
    }
}
