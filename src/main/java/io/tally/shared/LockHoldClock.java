package io.tally.shared;

import java.util.concurrent.atomic.LongAdder;

/**
 * Adds up how long threads hold a map's locks, without taxing the holds it measures. A hold
 * that covers a whole batch or a snapshot is timed every time: two clock reads beside work
 * that takes far longer. A per-word hold is timed only once in {@link #SAMPLE_EVERY}
 * acquisitions of the same thread, and that sample stands for all of them, so the other words
 * pay no clock read at all.
 *
 * <p>Concurrency: any thread adds to the total through a {@link LongAdder}; each
 * {@link Sampler} belongs to one thread.
 *
 * <p>Note: sampled totals are estimates: a per-word hold is about as short as the two clock
 * reads that time it, so the estimate runs high, and a pause (a collection, a preempted
 * thread) inside a sampled hold counts {@link #SAMPLE_EVERY} times. Holds by single-word
 * reads ({@code count}) are not timed.
 */
final class LockHoldClock {

    /** One per-word hold in this many is timed. */
    static final int SAMPLE_EVERY = 64;

    private final LongAdder heldNanos = new LongAdder();

    /** Ends a hold that began at {@code startNanos} and was timed in full. */
    void held(long startNanos) {
        heldNanos.add(System.nanoTime() - startNanos);
    }

    /** Ends a sampled hold, which stands for {@link #SAMPLE_EVERY} holds. */
    void heldSampled(long startNanos) {
        heldNanos.add((System.nanoTime() - startNanos) * SAMPLE_EVERY);
    }

    long totalNanos() {
        return heldNanos.sum();
    }

    /** Picks which of one thread's per-word holds to time. Confined to that thread. */
    static final class Sampler {

        private int untilSample = SAMPLE_EVERY;

        /** Whether the hold about to begin is the one to time. */
        boolean due() {
            if (--untilSample > 0) {
                return false;
            }
            untilSample = SAMPLE_EVERY;
            return true;
        }
    }
}
