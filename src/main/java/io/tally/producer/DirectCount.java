package io.tally.producer;

import io.tally.tokenizer.Tokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference count: the words of every record exactly as {@link TextProducer} publishes
 * it (long lines split the same way), counted in one thread with no Kafka. Both counting paths
 * must end equal to it.
 */
public final class DirectCount {

    private final Map<String, Long> counts = new HashMap<>();
    private long lines;
    private long records;
    private long words;
    private long invalidRecords;

    private DirectCount() {
    }

    /** Counts every line of {@code source}. */
    public static DirectCount of(LineSource source, Tokenizer tokenizer, int maxLineBytes)
            throws IOException {
        DirectCount result = new DirectCount();
        OversizeLineSplitter splitter = new OversizeLineSplitter(maxLineBytes);
        List<byte[]> batch = new ArrayList<>(LineSource.BATCH_LINES);
        while (source.nextBatch(batch)) {
            for (byte[] line : batch) {
                result.lines++;
                splitter.split(line, piece -> result.count(piece, tokenizer), length -> { });
            }
            batch.clear();
        }
        return result;
    }

    private void count(byte[] record, Tokenizer tokenizer) {
        records++;
        int dropped = tokenizer.tokenize(record, word -> {
            counts.merge(word, 1L, Long::sum);
            words++;
        });
        if (dropped == Tokenizer.INVALID_UTF8) {
            invalidRecords++;
        }
    }

    /** The count of every word. */
    public Map<String, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    public long lines() {
        return lines;
    }

    /** Records published; more than lines when long lines were split. */
    public long records() {
        return records;
    }

    public long words() {
        return words;
    }

    /** Records that are not valid UTF-8: the dead letters each path must produce. */
    public long invalidRecords() {
        return invalidRecords;
    }
}
