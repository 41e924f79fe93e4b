package io.tally.shared;

import java.util.concurrent.atomic.LongAdder;

/** Running totals of the shared-memory path; updated by consumer threads, read by anyone. */
public final class SharedPathStats {

    final LongAdder records = new LongAdder();
    final LongAdder words = new LongAdder();
    final LongAdder deadLetters = new LongAdder();
    final LongAdder nullValues = new LongAdder();
    final LongAdder wordsTooLong = new LongAdder();
    final LongAdder checkpoints = new LongAdder();
    final LongAdder countsWritten = new LongAdder();

    /** Input records consumed. */
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

    /** Records with a null value, skipped. */
    public long nullValues() {
        return nullValues.sum();
    }

    /** Words dropped for exceeding {@code tally.word.max.length}. */
    public long wordsTooLong() {
        return wordsTooLong.sum();
    }

    /** Times changed counts were written and offsets committed. */
    public long checkpoints() {
        return checkpoints.sum();
    }

    /** Count records written to the counts topic. */
    public long countsWritten() {
        return countsWritten.sum();
    }
}
