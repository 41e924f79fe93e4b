package io.tally.producer;

import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of a {@link TextProducer} run. Producer threads add to them; any thread (the
 * CLI's progress bar) may read them at any time. Each figure is exact at the end of a run.
 */
public final class ProducerStats {

    final LongAdder lines = new LongAdder();
    final LongAdder records = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder acknowledged = new LongAdder();
    final LongAdder splitLines = new LongAdder();
    final LongAdder droppedRuns = new LongAdder();

    /** Input lines taken from the source. */
    public long lines() {
        return lines.sum();
    }

    /** Records sent; more than lines when long lines were split. */
    public long records() {
        return records.sum();
    }

    /** Value bytes sent. */
    public long bytes() {
        return bytes.sum();
    }

    /** Records the broker has acknowledged. */
    public long acknowledged() {
        return acknowledged.sum();
    }

    /** Lines longer than {@code tally.producer.max.line.bytes} that were split. */
    public long splitLines() {
        return splitLines.sum();
    }

    /** Runs with no safe split point within the limit, dropped and reported. */
    public long droppedRuns() {
        return droppedRuns.sum();
    }
}
