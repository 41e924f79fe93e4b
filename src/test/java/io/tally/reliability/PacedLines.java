package io.tally.reliability;

import io.tally.config.TallyConfig;
import io.tally.producer.CorpusGenerator;
import io.tally.producer.LineSource;
import io.tally.producer.TextProducer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** A generated corpus handed out at a steady rate, so that publishing spans several seconds. */
final class PacedLines implements LineSource {

    private final CorpusGenerator generator;
    private final long linesPerSecond;
    private final long started = System.nanoTime();
    private long next;

    /** Publishes {@code corpus} from one producer thread at {@code linesPerSecond}. */
    static void publish(TallyConfig config, CorpusGenerator corpus, long linesPerSecond) {
        try {
            new TextProducer(config, 1).run(new PacedLines(corpus, linesPerSecond),
                length -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    PacedLines(CorpusGenerator generator, long linesPerSecond) {
        this.generator = generator;
        this.linesPerSecond = linesPerSecond;
    }

    @Override
    public synchronized boolean nextBatch(List<byte[]> batch) {
        long due = started + TimeUnit.SECONDS.toNanos(next) / linesPerSecond;
        LockSupport.parkNanos(due - System.nanoTime());
        long end = Math.min(next + BATCH_LINES, generator.lines());
        for (long index = next; index < end; index++) {
            batch.add(generator.line(index));
        }
        boolean any = next < end;
        next = end;
        return any;
    }
}
