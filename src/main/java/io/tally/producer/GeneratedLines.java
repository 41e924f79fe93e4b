package io.tally.producer;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Hands out a generated corpus; threads claim index ranges with one atomic add. */
final class GeneratedLines implements LineSource {

    private final CorpusGenerator generator;
    private final AtomicLong next = new AtomicLong();

    GeneratedLines(CorpusGenerator generator) {
        this.generator = generator;
    }

    @Override
    public boolean nextBatch(List<byte[]> batch) {
        long start = next.getAndAdd(BATCH_LINES);
        long end = Math.min(start + BATCH_LINES, generator.lines());
        for (long index = start; index < end; index++) {
            batch.add(generator.line(index));
        }
        return start < end;
    }

    @Override
    public long expectedLines() {
        return generator.lines();
    }
}
