package io.tally.streams;

import io.tally.tokenizer.Tokenizer;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Counts the words of valid lines inside the task, in a {@link WordBufferStore}, and sends only
 * partial counts downstream: one record per distinct word per interval instead of one per
 * word. After each emission it asks for a commit, so that commits find the buffer empty.
 */
final class WordCombiner implements Processor<byte[], ClassifiedLine, String, Long> {

    /** Distinct words the buffer may hold before it is emitted early, to bound its memory. */
    static final int MAX_BUFFERED_WORDS = 200_000;

    private final Tokenizer tokenizer;
    private final Duration interval;
    private final PendingPartialCounts pending;
    private final StreamsPathStats stats;
    private ProcessorContext<String, Long> context;
    private WordBufferStore buffer;
    private Sensor wordsTooLong;
    /** Partial counts were sent, and the commit that publishes them may not have run yet. */
    private boolean emittedUncommitted;
    /** Words of the record being combined; added to the stats once per record. */
    private int wordsOfRecord;

    private WordCombiner(Tokenizer tokenizer, Duration interval, PendingPartialCounts pending,
            StreamsPathStats stats) {
        this.tokenizer = tokenizer;
        this.interval = interval;
        this.pending = pending;
        this.stats = stats;
    }

    /** A supplier that also declares the buffer store, so the DSL connects it. */
    static ProcessorSupplier<byte[], ClassifiedLine, String, Long> supplier(Tokenizer tokenizer,
            Duration interval, PendingPartialCounts pending, StreamsPathStats stats) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<byte[], ClassifiedLine, String, Long> get() {
                return new WordCombiner(tokenizer, interval, pending, stats);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(WordBufferStore.builder(WordCountTopology.BUFFER_STORE));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, Long> context) {
        this.context = context;
        this.buffer = context.getStateStore(WordCountTopology.BUFFER_STORE);
        this.wordsTooLong = TopologyMetrics.sensor(context, TopologyMetrics.WORDS_TOO_LONG);
        // Restoration is complete before processors start: pick up what the last commit kept.
        buffer.reload();
        markPending();
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::emit);
    }

    @Override
    public void process(Record<byte[], ClassifiedLine> record) {
        boolean wasEmpty = buffer.size() == 0;
        wordsOfRecord = 0;
        int dropped = tokenizer.tokenize(record.value().bytes(), word -> {
            buffer.add(word, 1);
            wordsOfRecord++;
        });
        stats.words.add(wordsOfRecord);
        for (int i = 0; i < dropped; i++) {
            wordsTooLong.record();
        }
        if (wasEmpty) {
            markPending();
        }
        if (buffer.size() >= MAX_BUFFERED_WORDS) {
            emit(record.timestamp());
        }
    }

    private void emit(long timestamp) {
        if (buffer.size() == 0) {
            // The commit asked for after the last emission ran before this punctuation, on
            // this thread, so everything emitted is committed: nothing is pending any more.
            emittedUncommitted = false;
            markPending();
            return;
        }
        buffer.drain((word, n) -> context.forward(new Record<>(word, n, timestamp)));
        emittedUncommitted = true;
        context.commit();
    }

    private void markPending() {
        if (buffer.size() == 0 && !emittedUncommitted) {
            pending.emptied(context.taskId());
        } else {
            pending.holding(context.taskId());
        }
    }

    @Override
    public void close() {
        // Whatever is left is in the changelog; the task's next owner will emit it.
        pending.emptied(context.taskId());
        context.metrics().removeSensor(wordsTooLong);
    }
}
