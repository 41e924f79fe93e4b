package io.tally.shared;

import io.tally.config.TallyConfig;
import io.tally.deadletter.DeadLetterHeaders;
import io.tally.kafka.KafkaClients;
import io.tally.tokenizer.Tokenizer;
import io.tally.tokenizer.Utf8;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One consumer thread of the shared path: poll, count the batch into the shared map, and at
 * every checkpoint have the changed counts written before committing the offsets they cover.
 * The same checkpoint runs when partitions are revoked, so another thread or instance takes
 * over exactly where this one's counts end.
 *
 * <p>Confined to its thread, except {@link #stop()}, which any thread may call.
 */
final class ConsumerLoop implements ConsumerRebalanceListener {

    private static final Duration POLL = Duration.ofMillis(100);

    private final TallyConfig config;
    private final Tokenizer tokenizer;
    private final SharedCounter.Updater updater;
    private final CountsWriter writer;
    private final SharedPathStats stats;
    private final Map<TopicPartition, Long> committed;
    private final long checkpointIntervalNanos;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean running = true;
    private long lastCheckpoint = System.nanoTime();
    private long batchEnded = System.nanoTime();
    private boolean uncheckpointed;

    ConsumerLoop(TallyConfig config, SharedCounter counter, CountsWriter writer,
            SharedPathStats stats, Map<TopicPartition, Long> committed) {
        this.config = config;
        this.tokenizer = new Tokenizer(config.wordMaxLength());
        this.updater = counter.updater();
        this.writer = writer;
        this.stats = stats;
        this.committed = committed;
        this.checkpointIntervalNanos = Duration.ofMillis(config.sharedFlushIntervalMs()).toNanos();
        this.consumer = new KafkaConsumer<>(KafkaClients.consumer(config, config.sharedGroupId()));
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    void run() {
        try {
            consumer.subscribe(List.of(config.inputTopic()), this);
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                records.forEach(this::count);
                updater.endBatch();
                batchEnded = System.nanoTime();
                uncheckpointed |= !records.isEmpty();
                // Checkpoint on the interval, and at once when the input has run dry, so that
                // the last counts of a burst do not wait for the next interval.
                if (batchEnded - lastCheckpoint >= checkpointIntervalNanos
                        || (records.isEmpty() && uncheckpointed)) {
                    checkpoint();
                }
            }
        } catch (WakeupException e) {
            // stop() was called; fall through to the last checkpoint.
        } finally {
            try {
                updater.endBatch();
                batchEnded = System.nanoTime();
                checkpoint();
            } finally {
                consumer.close();
            }
        }
    }

    private void count(ConsumerRecord<byte[], byte[]> record) {
        stats.records.increment();
        byte[] value = record.value();
        if (value == null) {
            stats.nullValues.increment();
            return;
        }
        if (!Utf8.isValid(value, 0, value.length)) {
            sendToDeadLetters(record);
            return;
        }
        int dropped = tokenizer.tokenize(value, word -> {
            updater.add(word);
            stats.words.increment();
        });
        stats.wordsTooLong.add(dropped);
    }

    private void sendToDeadLetters(ConsumerRecord<byte[], byte[]> record) {
        stats.deadLetters.increment();
        RecordHeaders headers = new RecordHeaders();
        DeadLetterHeaders.addTo(headers, DeadLetterHeaders.REASON_INVALID_UTF8, record.topic(),
            record.partition(), record.offset());
        writer.send(new ProducerRecord<>(config.deadLetterTopic(), null, record.key(),
            record.value(), headers));
    }

    /** Writes every change, then commits what this consumer has read. */
    private void checkpoint() {
        writer.writeChanges(batchEnded);
        consumer.commitSync();
        for (TopicPartition partition : consumer.assignment()) {
            committed.merge(partition, consumer.position(partition), Math::max);
        }
        lastCheckpoint = System.nanoTime();
        uncheckpointed = false;
        stats.checkpoints.increment();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        updater.endBatch();
        batchEnded = System.nanoTime();
        checkpoint();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        // Positions come from the group's committed offsets; publish them, so that progress
        // is known for partitions that have nothing to read.
        for (TopicPartition partition : partitions) {
            committed.merge(partition, consumer.position(partition), Math::max);
        }
    }
}
