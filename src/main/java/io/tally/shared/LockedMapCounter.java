package io.tally.shared;

/**
 * Strategy {@code locked-map}: one {@code HashMap} behind one lock, taken for every word.
 *
 * <p>Concurrency: the map and its lock are a {@link LockedCounts}; every word is its own short
 * critical section, so all threads queue on the same lock. This is the textbook
 * {@code Mutex<HashMap>}: obviously correct, and the baseline the other strategies are
 * measured against. One hold in {@link LockHoldClock#SAMPLE_EVERY} is timed.
 */
public final class LockedMapCounter extends SingleLockCounter {

    public static final String NAME = "locked-map";

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
                counts.addOne(word, sampler);
            }

            @Override
            public void endBatch() {
                // Every add was already applied under the lock.
            }
        };
    }
}
