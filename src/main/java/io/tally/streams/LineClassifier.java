package io.tally.streams;

import io.tally.deadletter.DeadLetterHeaders;
import io.tally.tokenizer.Utf8;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Checks each input value before any word is counted. A null value is skipped and counted. A
 * value that is not valid UTF-8 is marked for the dead-letter topic, with headers that name
 * the reason and the record's source coordinates, so that no count ever depends on a guess
 * about broken bytes.
 */
final class LineClassifier implements FixedKeyProcessor<byte[], byte[], ClassifiedLine> {

    private final StreamsPathStats stats;
    private FixedKeyProcessorContext<byte[], ClassifiedLine> context;
    private Sensor deadLetters;
    private Sensor nullValues;

    LineClassifier(StreamsPathStats stats) {
        this.stats = stats;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], ClassifiedLine> context) {
        this.context = context;
        this.deadLetters = TopologyMetrics.sensor(context, TopologyMetrics.DEAD_LETTER_RECORDS);
        this.nullValues = TopologyMetrics.sensor(context, TopologyMetrics.NULL_VALUES_SKIPPED);
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        stats.records.increment();
        byte[] value = record.value();
        if (value == null) {
            nullValues.record();
            return;
        }
        if (Utf8.isValid(value, 0, value.length)) {
            context.forward(record.withValue(new ClassifiedLine(value, true)));
            return;
        }
        deadLetters.record();
        stats.deadLetters.increment();
        // Source coordinates are always known here: this processor sits right after the source.
        RecordMetadata source = context.recordMetadata().orElseThrow();
        DeadLetterHeaders.addTo(record.headers(), DeadLetterHeaders.REASON_INVALID_UTF8,
            source.topic(), source.partition(), source.offset());
        context.forward(record.withValue(new ClassifiedLine(value, false)));
    }

    @Override
    public void close() {
        context.metrics().removeSensor(deadLetters);
        context.metrics().removeSensor(nullValues);
    }
}
