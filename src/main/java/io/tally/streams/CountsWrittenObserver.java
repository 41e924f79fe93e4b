package io.tally.streams;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The step just before the counts topic's sink: it passes every count record on unchanged and
 * tells {@link StreamsPathStats} that a count was written, with the record's timestamp.
 *
 * <p>Note: what the latency from that timestamp measures depends on the variant. In
 * {@code plain} the count carries the newest timestamp of the input records of that word, and
 * the record cache forwards it at the next commit, so the figure is the time from the word's
 * latest input record until its count leaves the cache for the producer; older records of the
 * same word in that commit interval waited longer. In {@code combined} the count carries the
 * newest input timestamp its combining task had seen when it sent the partial count, so the
 * figure is the time from that task's latest input record until the sum; older words waited
 * in the buffer up to {@code tally.streams.combine.interval.ms} longer. Neither includes the
 * producer's send or the transaction commit that makes the count visible to
 * {@code read_committed} readers; the shared path's figure does include its commit, so the
 * two are not the same measure.
 */
final class CountsWrittenObserver implements FixedKeyProcessor<String, Long, Long> {

    private final StreamsPathStats stats;
    private FixedKeyProcessorContext<String, Long> context;

    CountsWrittenObserver(StreamsPathStats stats) {
        this.stats = stats;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Long> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Long> record) {
        stats.countWritten(record.timestamp());
        context.forward(record);
    }
}
