package io.tally.shared;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Strategy {@code locked-map}: one {@link HashMap} behind one lock, taken for every word.
 *
 * <p>Concurrency: {@link #lock} guards {@link #counts} for every read and write, so each
 * update is a short critical section and all threads queue on the same lock. This is the
 * textbook {@code Mutex<HashMap>}: obviously correct, and the baseline the other strategies
 * are measured against. Time spent waiting for the lock is measured (a {@code tryLock} first,
 * so that the uncontended path costs no clock reads), and one hold in
 * {@link LockHoldClock#SAMPLE_EVERY} is timed.
 */
public final class LockedMapCounter implements SharedCounter {

    public static final String NAME = "locked-map";

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
            private final LockHoldClock.Sampler sampler = new LockHoldClock.Sampler();

            @Override
            public void add(String word) {
                // Decided before the lock is taken, so the critical section stays as it was.
                boolean timed = sampler.due();
                waits.lock(lock);
                long start = timed ? System.nanoTime() : 0L;
                try {
                    counts.merge(word, 1L, Long::sum);
                } finally {
                    if (timed) {
                        holds.heldSampled(start);
                    }
                    lock.unlock();
                }
            }

            @Override
            public void endBatch() {
                // Every add was already applied under the lock.
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
