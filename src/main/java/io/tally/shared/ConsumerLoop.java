package io.tally.shared;

import io.tally.config.TallyConfig;
import io.tally.deadletter.DeadLetterHeaders;
import io.tally.kafka.KafkaClients;
import io.tally.tokenizer.Tokenizer;
import io.tally.tokenizer.Utf8;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One consumer thread of the shared path: it reads its own input partitions from the positions
 * of the last checkpoint, counts each poll batch into the shared map, and joins every
 * checkpoint at the barrier, between two batches, so that a checkpoint sees whole batches and
 * the positions just after them.
 *
 * <p>Note: positions are the offset after the last record counted. Input written by
 * transactional producers ends with a commit marker after its last record, so such a
 * partition never reaches its end offset and {@code --until-caught-up} waits for its timeout.
 *
 * <p>Confined to its thread, except {@link #stop()}, which any thread may call.
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
    private final CyclicBarrier barrier;
    private final Map<TopicPartition, Long> positions;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean running = true;

    ConsumerLoop(TallyConfig config, List<TopicPartition> partitions,
            Map<TopicPartition, Long> startPositions, SharedCounter counter,
            CheckpointWriter writer, SharedPathStats stats, CheckpointSchedule schedule,
            CyclicBarrier barrier, Map<TopicPartition, Long> positions) {
        this.config = config;
        this.partitions = List.copyOf(partitions);
        this.tokenizer = new Tokenizer(config.wordMaxLength());
        this.updater = counter.updater();
        this.writer = writer;
        this.stats = stats;
        this.schedule = schedule;
        this.barrier = barrier;
        this.positions = positions;
        Properties properties = KafkaClients.consumer(config, "unused");
        // Partitions are assigned by the service and positions kept in checkpoints, not in a
        // group, so that counts and positions are committed in one transaction.
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(properties);
        consumer.assign(this.partitions);
        consumer.seekToBeginning(this.partitions);
        for (TopicPartition partition : this.partitions) {
            Long start = startPositions.get(partition);
            if (start != null) {
                consumer.seek(partition, start);
            }
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    void run() throws InterruptedException, BrokenBarrierException {
        try {
            startPositions();
            boolean more = true;
            while (more) {
                more = running;
                if (more) {
                    pollAndCount();
                }
                if (schedule.due() || !more) {
                    // The last arrival writes the checkpoint while every other thread waits.
                    barrier.await();
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
            // stop() was called: fall through to the last checkpoint.
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            count(record);
            // Taken from the records, not asked of the consumer, so that no interruption can
            // leave a position behind the words already counted.
            positions.put(new TopicPartition(record.topic(), record.partition()),
                record.offset() + 1);
        }
        updater.endBatch();
        schedule.batchDone(!records.isEmpty());
    }

    /** Publishes where each partition starts, before anything is counted. */
    private void startPositions() {
        try {
            for (TopicPartition partition : partitions) {
                positions.put(partition, consumer.position(partition));
            }
        } catch (WakeupException e) {
            // Stopped before it began: nothing is counted, so the positions it lacks are safe.
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
