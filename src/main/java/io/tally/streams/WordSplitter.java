package io.tally.streams;

import io.tally.tokenizer.Tokenizer;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Splits a valid line into words and forwards one record per word, keyed by the word, so that
 * the next step can repartition by word. This is the per-word fan-out of Kafka's own word-count
 * example.
 */
final class WordSplitter implements Processor<byte[], ClassifiedLine, String, String> {

    private final Tokenizer tokenizer;
    private final StreamsPathStats stats;
    private ProcessorContext<String, String> context;
    private Sensor wordsTooLong;
    /** Words of the record being split; added to the stats once per record. */
    private int wordsOfRecord;

    WordSplitter(Tokenizer tokenizer, StreamsPathStats stats) {
        this.tokenizer = tokenizer;
        this.stats = stats;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.wordsTooLong = TopologyMetrics.sensor(context, TopologyMetrics.WORDS_TOO_LONG);
    }

    @Override
    public void process(Record<byte[], ClassifiedLine> record) {
        wordsOfRecord = 0;
        int dropped = tokenizer.tokenize(record.value().bytes(), word -> {
            context.forward(record.withKey(word).withValue(word));
            wordsOfRecord++;
        });
        stats.words.add(wordsOfRecord);
        // The sensor counts invocations, so record once per dropped word.
        for (int i = 0; i < dropped; i++) {
            wordsTooLong.record();
        }
    }

    @Override
    public void close() {
        context.metrics().removeSensor(wordsTooLong);
    }
}
