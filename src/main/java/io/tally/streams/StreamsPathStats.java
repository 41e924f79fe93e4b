package io.tally.streams;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Running totals of the message-passing path, for metrics: updated by the topology's
 * processors, read by anyone.
 *
 * <p>Concurrency: every stream thread of the instance adds to the same adders, which take
 * concurrent adds without a lock; each processor adds once per record, never once per word.
 * The latency sink is set once, before the application starts, and read by stream threads
 * through a volatile field.
 *
 * <p>Note: the totals count processing, not distinct input: after an aborted transaction
 * (a crash, a rebalance under exactly-once) the records it covered are processed, and so
 * counted, again. The counts themselves stay exact.
 */
public final class StreamsPathStats {

    private static final LongConsumer NO_SINK = latencyMillis -> { };

    final LongAdder records = new LongAdder();
    final LongAdder words = new LongAdder();
    final LongAdder deadLetters = new LongAdder();
    final LongAdder countsWritten = new LongAdder();
    private volatile LongConsumer countLatencySink = NO_SINK;

    /** Input records processed. */
    public long records() {
        return records.sum();
    }

    /** Words counted. */
    public long words() {
        return words.sum();
    }

    /** Records sent to the dead-letter topic. */
    public long deadLetters() {
        return deadLetters.sum();
    }

    /** Count records forwarded to the counts topic's sink. */
    public long countsWritten() {
        return countsWritten.sum();
    }

    /**
     * Tells {@code sink}, for every count forwarded to the counts topic, the milliseconds from
     * the count record's timestamp until then. Set it before the application starts.
     */
    public void onCountLatency(LongConsumer sink) {
        this.countLatencySink = sink;
    }

    void countWritten(long recordTimestamp) {
        countsWritten.increment();
        LongConsumer sink = countLatencySink;
        if (sink != NO_SINK) {
            sink.accept(Math.max(0, System.currentTimeMillis() - recordTimestamp));
        }
    }
}
