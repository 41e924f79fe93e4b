package io.tally.shared;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Strategy {@code striped}: the map is cut into stripes by the word's hash, and each stripe
 * is a {@link LockedCounts}, a {@link HashMap} with its own lock, taken for every word.
 *
 * <p>Concurrency: each stripe's lock guards that stripe's map and nothing else. Two threads
 * contend only when their words fall in the same stripe, so with many stripes contention
 * mostly disappears, except on a very hot word, whose stripe stays a single point of
 * contention. A snapshot locks one stripe at a time, so it never stops every thread at once;
 * a restore, before any updater runs, fills one stripe at a time too.
 */
public final class StripedLockCounter implements SharedCounter {

    public static final String NAME = "striped";

    /** Stripes by default: enough that 8 threads rarely meet on a uniform stream. */
    public static final int DEFAULT_STRIPES = 64;

    private final LockedCounts[] stripes;
    private final int mask;

    public StripedLockCounter() {
        this(DEFAULT_STRIPES);
    }

    /** @param stripeCount a power of two */
    public StripedLockCounter(int stripeCount) {
        if (stripeCount < 1 || Integer.bitCount(stripeCount) != 1) {
            throw new IllegalArgumentException("stripe count must be a power of two, was "
                + stripeCount);
        }
        this.stripes = new LockedCounts[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = new LockedCounts();
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
                stripes[stripeOf(word)].addOne(word, sampler);
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
        for (LockedCounts stripe : stripes) {
            stripe.copyInto(copy);
        }
        return copy;
    }

    @Override
    public long count(String word) {
        return stripes[stripeOf(word)].count(word);
    }

    @Override
    public void restore(Map<String, Long> restored) {
        List<Map<String, Long>> parts = new ArrayList<>(stripes.length);
        for (int i = 0; i < stripes.length; i++) {
            parts.add(new HashMap<>());
        }
        restored.forEach((word, n) -> parts.get(stripeOf(word)).put(word, n));
        for (int i = 0; i < stripes.length; i++) {
            stripes[i].restore(parts.get(i));
        }
    }

    @Override
    public long lockWaitNanos() {
        long total = 0;
        for (LockedCounts stripe : stripes) {
            total += stripe.waitNanos();
        }
        return total;
    }

    @Override
    public long lockHoldNanos() {
        long total = 0;
        for (LockedCounts stripe : stripes) {
            total += stripe.holdNanos();
        }
        return total;
    }

    private int stripeOf(String word) {
        int h = word.hashCode();
        // Spread the high bits down: String hashes of short words differ mostly in low bits.
        return (h ^ (h >>> 16)) & mask;
    }
}
