package io.tally.shared;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Strategy {@code concurrent}: a {@link ConcurrentHashMap} from word to {@link LongAdder},
 * with no lock of Tally's own.
 *
 * <p>Concurrency: the map's own bin-level locking guards only the first insert of a word;
 * after that an update is a lock-free read of the map and an add to the word's counter, which
 * spreads contended updates of a hot word over cells. A snapshot reads each counter's sum
 * without stopping writers: it sees every add that finished before it began, and may see some
 * that finish during it, which later snapshots include anyway.
 */
public final class ConcurrentMapCounter implements SharedCounter {

    public static final String NAME = "concurrent";

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Updater updater() {
        return new Updater() {
            @Override
            public void add(String word) {
                LongAdder counter = counts.get(word);
                if (counter == null) {
                    counter = counts.computeIfAbsent(word, w -> new LongAdder());
                }
                counter.increment();
            }

            @Override
            public void endBatch() {
                // Every add is visible once it returns.
            }
        };
    }

    @Override
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new HashMap<>(Math.max(16, counts.size() * 2));
        counts.forEach((word, counter) -> copy.put(word, counter.sum()));
        return copy;
    }

    @Override
    public long count(String word) {
        LongAdder counter = counts.get(word);
        return counter == null ? 0 : counter.sum();
    }

    @Override
    public void restore(Map<String, Long> restored) {
        counts.clear();
        restored.forEach((word, n) -> {
            LongAdder counter = new LongAdder();
            counter.add(n);
            counts.put(word, counter);
        });
    }
}
