package io.tally.producer;

import java.io.IOException;
import java.util.List;

/**
 * Where producer threads take their lines from. Implementations are thread-safe: several
 * producer threads call {@link #nextBatch} at once, and each line is handed out exactly once.
 */
public interface LineSource extends AutoCloseable {

    /** Lines handed out per call, so that threads rarely meet on the source's lock. */
    int BATCH_LINES = 512;

    /**
     * Adds up to {@link #BATCH_LINES} lines to {@code batch}.
     *
     * @return false when the source is exhausted and nothing was added
     */
    boolean nextBatch(List<byte[]> batch) throws IOException;

    /** Lines in the source when known in advance, else -1. */
    default long expectedLines() {
        return -1;
    }

    @Override
    default void close() throws IOException {
    }

    /** The lines of a generated corpus. */
    static LineSource generated(CorpusGenerator generator) {
        return new GeneratedLines(generator);
    }
}
