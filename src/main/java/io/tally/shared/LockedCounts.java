package io.tally.shared;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One {@link HashMap} of counts behind one lock, with clocks of how long threads wait for the
 * lock and hold it: the shared core of the strategies that guard their whole map with a
 * single lock, which differ only in how often they take it.
 *
 * <p>Concurrency: {@link #lock} guards {@link #counts} for every read and write. Waiting is
 * timed only when a {@code tryLock} fails, so the uncontended path reads no clock. A hold
 * that covers a batch or a snapshot is timed every time; a one-word hold is timed when the
 * caller's {@link LockHoldClock.Sampler} says so.
 */
final class LockedCounts {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Long> counts = new HashMap<>();
    private final LockWaitClock waits = new LockWaitClock();
    private final LockHoldClock holds = new LockHoldClock();

    /** Adds one occurrence of {@code word}, timing the hold if {@code sampler} picks it. */
    void addOne(String word, LockHoldClock.Sampler sampler) {
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

    /** Adds every count of {@code batch} in one hold of the lock. */
    void addAll(Map<String, Long> batch) {
        waits.lock(lock);
        long start = System.nanoTime();
        try {
            batch.forEach((word, n) -> counts.merge(word, n, Long::sum));
        } finally {
            holds.held(start);
            lock.unlock();
        }
    }

    Map<String, Long> snapshot() {
        Map<String, Long> copy = new HashMap<>();
        copyInto(copy);
        return copy;
    }

    /** Copies every count into {@code target} in one hold of the lock. */
    void copyInto(Map<String, Long> target) {
        waits.lock(lock);
        long start = System.nanoTime();
        try {
            target.putAll(counts);
        } finally {
            holds.held(start);
            lock.unlock();
        }
    }

    long count(String word) {
        waits.lock(lock);
        try {
            return counts.getOrDefault(word, 0L);
        } finally {
            lock.unlock();
        }
    }

    void restore(Map<String, Long> restored) {
        waits.lock(lock);
        try {
            counts.clear();
            counts.putAll(restored);
        } finally {
            lock.unlock();
        }
    }

    long waitNanos() {
        return waits.totalNanos();
    }

    long holdNanos() {
        return holds.totalNanos();
    }
}
