package io.tally.shared;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;

/**
 * Takes locks and adds up how long threads waited for them. The clock is read only when the
 * first {@code tryLock} fails, so an uncontended lock costs no {@code nanoTime} calls and the
 * measurement does not hide the effect it measures.
 */
final class LockWaitClock {

    private final LongAdder waitedNanos = new LongAdder();

    void lock(Lock lock) {
        if (lock.tryLock()) {
            return;
        }
        long start = System.nanoTime();
        lock.lock();
        waitedNanos.add(System.nanoTime() - start);
    }

    long totalNanos() {
        return waitedNanos.sum();
    }
}
