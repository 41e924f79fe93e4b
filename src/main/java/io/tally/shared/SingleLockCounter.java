package io.tally.shared;

import java.util.Map;

/**
 * A strategy that guards its whole map with the one lock of a {@link LockedCounts}: reading,
 * restoring and the lock clocks are the same for all of them; they differ only in how often
 * their updaters take the lock.
 */
abstract class SingleLockCounter implements SharedCounter {

    /** The map and its lock; see {@link LockedCounts} for what guards what. */
    final LockedCounts counts = new LockedCounts();

    @Override
    public final Map<String, Long> snapshot() {
        return counts.snapshot();
    }

    @Override
    public final long count(String word) {
        return counts.count(word);
    }

    @Override
    public final void restore(Map<String, Long> restored) {
        counts.restore(restored);
    }

    @Override
    public final long lockWaitNanos() {
        return counts.waitNanos();
    }

    @Override
    public final long lockHoldNanos() {
        return counts.holdNanos();
    }
}
