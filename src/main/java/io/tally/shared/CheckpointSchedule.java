package io.tally.shared;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides when the next checkpoint is due: when the interval has passed since the last one, or
 * at once when a consumer thread finds its input dry after counting something, so that the
 * last counts of a burst do not wait for the interval.
 *
 * <p>Concurrency: consumer threads read and request it between batches; the checkpoint resets
 * it while every thread waits for it. Atomics make a request seen by one thread visible to all.
 */
final class CheckpointSchedule {

    private final long intervalNanos;
    private final AtomicLong last = new AtomicLong(System.nanoTime());
    private final AtomicBoolean requested = new AtomicBoolean();

    CheckpointSchedule(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** Asks for a checkpoint at the end of every thread's current batch. */
    void request() {
        requested.set(true);
    }

    /** Whether every thread should meet for a checkpoint now. */
    boolean due() {
        return requested.get() || System.nanoTime() - last.get() >= intervalNanos;
    }

    /** Starts the interval afresh; called when the path starts and after each checkpoint. */
    void restart() {
        last.set(System.nanoTime());
        requested.set(false);
    }
}
