package io.tally.shared;

import io.tally.config.TallyConfig;
import io.tally.deadletter.DeadLetterHeaders;
import io.tally.kafka.KafkaClients;
import io.tally.tokenizer.Tokenizer;
import io.tally.tokenizer.Utf8;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Phaser;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One consumer thread of the shared path: it reads its own input partitions from the positions
 * of the last checkpoint, counts each poll batch into the shared map, and takes part in every
 * checkpoint between two batches, so that a checkpoint sees whole batches and the positions
 * just after them.
 *
 * <p>The thread leaves only when the checkpoint phaser terminates: after the last checkpoint
 * of a stop, or at once when any thread failed. So no thread can leave the others waiting.
 *
 * <p>Confined to its thread, except {@link #wakeUp()}, which any thread may call.
 */
final class ConsumerLoop {

    private static final Duration POLL = Duration.ofMillis(100);

    private final TallyConfig config;
    private final List<TopicPartition> partitions;
    private final Tokenizer tokenizer;
    private final SharedCounter.Updater updater;
    private final CheckpointWriter writer;
    private final SharedPathStats stats;
    private final CheckpointSchedule schedule;
    private final Phaser checkpoints;
    private final BooleanSupplier stopping;
    private final Map<TopicPartition, Long> positions;
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Where each batch's latency sample goes, or null when nobody measures it. */
    private final CountLatencySamples samples;
    private boolean countedSinceCheckpoint;

    ConsumerLoop(TallyConfig config, List<TopicPartition> partitions,
            Map<TopicPartition, Long> startPositions, SharedCounter counter,
            CheckpointWriter writer, SharedPathStats stats, CheckpointSchedule schedule,
            Phaser checkpoints, BooleanSupplier stopping, Map<TopicPartition, Long> positions,
            CountLatencySamples samples) {
        this.config = config;
        this.partitions = List.copyOf(partitions);
        this.tokenizer = new Tokenizer(config.wordMaxLength());
        this.updater = counter.updater();
        this.writer = writer;
        this.stats = stats;
        this.schedule = schedule;
        this.checkpoints = checkpoints;
        this.stopping = stopping;
        this.positions = positions;
        this.samples = samples;
        // Partitions are assigned by the service and positions kept in checkpoints, not in a
        // group, so that counts and positions are committed in one transaction.
        this.consumer = new KafkaConsumer<>(KafkaClients.assignedConsumer(config));
        consumer.assign(this.partitions);
        consumer.seekToBeginning(this.partitions);
        for (TopicPartition partition : this.partitions) {
            Long start = startPositions.get(partition);
            if (start != null) {
                consumer.seek(partition, start);
            }
        }
    }

    /** The consumer, for reading its {@code metrics()} only: the rest is this thread's. */
    KafkaConsumer<byte[], byte[]> consumer() {
        return consumer;
    }

    /** Cuts a blocking poll short, so that a stop does not wait for it. */
    void wakeUp() {
        consumer.wakeup();
    }

    void run() {
        try {
            publishPositions();
            while (!checkpoints.isTerminated()) {
                if (!stopping.getAsBoolean()) {
                    pollAndCount();
                }
                if (stopping.getAsBoolean() || schedule.due()) {
                    // The last thread to arrive writes the checkpoint; the others wait for it.
                    checkpoints.awaitAdvance(checkpoints.arrive());
                    countedSinceCheckpoint = false;
                }
            }
        } finally {
            consumer.close();
        }
    }

    private void pollAndCount() {
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(POLL);
        } catch (WakeupException e) {
            // A stop is under way: go on to its checkpoint.
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            count(record);
            positions.put(new TopicPartition(record.topic(), record.partition()),
                record.offset() + 1);
        }
        updater.endBatch();
        if (!records.isEmpty()) {
            if (samples != null) {
                samples.add(records.iterator().next().timestamp());
            }
            countedSinceCheckpoint = true;
        } else if (countedSinceCheckpoint) {
            schedule.request();
        }
        publishPositions();
    }

    /**
     * Publishes the consumer's position of each partition: after the last record counted, or
     * past the transaction markers that follow it. A position the consumer cannot give now
     * keeps the one taken from the records, which is right too.
     */
    private void publishPositions() {
        for (TopicPartition partition : partitions) {
            try {
                positions.put(partition, consumer.position(partition));
            } catch (WakeupException e) {
                return;
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
}
