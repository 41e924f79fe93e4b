package io.tally.streams;

import io.tally.tokenizer.Tokenizer;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Counts the words of valid lines inside the task, in a {@link WordBufferStore}, and sends only
 * partial counts downstream: one record per distinct word per commit instead of one per word.
 * The buffer is sent at the start of every commit, so the commit interval is the combining
 * interval.
 *
 * <p>Note: sending from inside a commit uses Kafka Streams' internal processor context, the
 * way its record caches forward on commit: a commit runs outside any processor, so the
 * combiner names itself as the current node for the length of the send.
 */
final class WordCombiner implements Processor<byte[], ClassifiedLine, String, Long> {

    /** Distinct words the buffer may hold before it is sent early, to bound its memory. */
    static final int MAX_BUFFERED_WORDS = 200_000;

    private final Tokenizer tokenizer;
    private final StreamsPathStats stats;
    private InternalProcessorContext<String, Long> context;
    /** This processor's node in the task, to forward from within a commit. */
    private ProcessorNode<?, ?, ?, ?> node;
    private WordBufferStore buffer;
    private Sensor wordsTooLong;
    /** Newest input timestamp the task has seen: the timestamp of the counts it sends. */
    private long latestTimestamp;
    /** Words of the record being combined; added to the stats once per record. */
    private int wordsOfRecord;

    private WordCombiner(Tokenizer tokenizer, StreamsPathStats stats) {
        this.tokenizer = tokenizer;
        this.stats = stats;
    }

    /** A supplier that also declares the buffer store, so the DSL connects it. */
    static ProcessorSupplier<byte[], ClassifiedLine, String, Long> supplier(Tokenizer tokenizer,
            StreamsPathStats stats) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<byte[], ClassifiedLine, String, Long> get() {
                return new WordCombiner(tokenizer, stats);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(WordBufferStore.builder(WordCountTopology.BUFFER_STORE));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, Long> context) {
        // Kafka Streams initialises processors with its internal context, current node set.
        this.context = (InternalProcessorContext<String, Long>) context;
        this.node = this.context.currentNode();
        this.buffer = context.getStateStore(WordCountTopology.BUFFER_STORE);
        this.wordsTooLong = TopologyMetrics.sensor(context, TopologyMetrics.WORDS_TOO_LONG);
        buffer.sendBeforeEachCommit(this::sendWithinCommit);
    }

    @Override
    public void process(Record<byte[], ClassifiedLine> record) {
        wordsOfRecord = 0;
        int dropped = tokenizer.tokenize(record.value().bytes(), word -> {
            buffer.add(word, 1);
            wordsOfRecord++;
        });
        stats.words.add(wordsOfRecord);
        for (int i = 0; i < dropped; i++) {
            wordsTooLong.record();
        }
        latestTimestamp = Math.max(latestTimestamp, record.timestamp());
        if (buffer.size() >= MAX_BUFFERED_WORDS) {
            send();
        }
    }

    private void send() {
        long timestamp = latestTimestamp;
        buffer.drain((word, n) -> context.forward(new Record<>(word, n, timestamp)));
    }

    /** Sends the buffer from within a commit, where no processor is current. */
    private void sendWithinCommit() {
        if (buffer.size() == 0) {
            return;
        }
        ProcessorNode<?, ?, ?, ?> previousNode = context.currentNode();
        ProcessorRecordContext previousRecord = context.recordContext();
        context.setCurrentNode(node);
        context.setRecordContext(
            new ProcessorRecordContext(latestTimestamp, -1, -1, null, new RecordHeaders()));
        try {
            send();
        } finally {
            context.setRecordContext(previousRecord);
            context.setCurrentNode(previousNode);
        }
    }

    @Override
    public void close() {
        // A clean close commits first, which sent the buffer. A dirty close sends it too, into
        // the transaction that it then aborts with the offsets of its input.
        buffer.sendBeforeEachCommit(null);
        context.metrics().removeSensor(wordsTooLong);
    }
}
