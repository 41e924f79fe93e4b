package io.tally.shared;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides when the next checkpoint is due: when the interval has passed since the last one, or
 * at once when a consumer finds its input dry after counting something, so that the last
 * counts of a burst do not wait for the interval.
 *
 * <p>Concurrency: consumer threads read and set it between batches; the checkpoint resets it
 * while they all wait at the barrier. Atomics make a "due" seen by one thread visible to all.
 */
final class CheckpointSchedule {

    private final long intervalNanos;
    private final AtomicLong last = new AtomicLong(System.nanoTime());
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean uncounted = new AtomicBoolean();

    CheckpointSchedule(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** Told after each batch whether it held records. */
    void batchDone(boolean hadRecords) {
        if (hadRecords) {
            uncounted.set(true);
        } else if (uncounted.get()) {
            requested.set(true);
        }
    }

    /** Whether every thread should go to the barrier now. */
    boolean due() {
        return requested.get() || System.nanoTime() - last.get() >= intervalNanos;
    }

    /** Called by the checkpoint, with every consumer thread waiting. */
    void checkpointed() {
        last.set(System.nanoTime());
        requested.set(false);
        uncounted.set(false);
    }
}
