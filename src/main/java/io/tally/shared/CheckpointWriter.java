package io.tally.shared;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * Writes checkpoints of the shared path: in one Kafka transaction, every count that changed
 * since the last checkpoint, and the input position of every partition that those counts
 * cover. A reader with {@code read_committed} therefore always sees counts and positions that
 * belong together, which is what makes a restart exact.
 *
 * <p>Changes are found by comparing a snapshot of the map with what was written last, so the
 * hot path of the strategies pays nothing for change tracking. Dead letters are sent on the
 * same producer, inside the open transaction, so they too appear exactly once.
 *
 * <p>Concurrency: a transaction is open from the start until the last checkpoint.
 * {@link #send} may be called from any consumer thread while no checkpoint runs;
 * {@link #checkpoint} runs only while every consumer thread waits for the checkpoint, so it is
 * never concurrent with a send or with itself, and {@link #lastWritten} and
 * {@link #inTransaction} need no lock. {@link #abandon} runs after the threads have stopped.
 * {@link #committedCounts} is published through a volatile field, for readers on any thread.
 */
final class CheckpointWriter {

    private final SharedCounter counter;
    private final Producer<byte[], byte[]> producer;
    private final String countsTopic;
    private final String checkpointTopic;
    private final SharedPathStats stats;
    private final Map<String, Long> lastWritten = new HashMap<>();
    /** The first failed send. Never reset: any failure ends the path, and a restart is clean. */
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private boolean inTransaction;
    /** Every count as of the last committed checkpoint; replaced whole, never changed. */
    private volatile Map<String, Long> committedCounts = Map.of();

    CheckpointWriter(SharedCounter counter, Producer<byte[], byte[]> producer, String countsTopic,
            String checkpointTopic, SharedPathStats stats) {
        this.counter = counter;
        this.producer = producer;
        this.countsTopic = countsTopic;
        this.checkpointTopic = checkpointTopic;
        this.stats = stats;
    }

    /**
     * Fences any older writer with the same transactional id; its open transaction is aborted,
     * so that what is read next is the last committed checkpoint.
     */
    void fence() {
        try {
            producer.initTransactions();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new KafkaException("Kafka's transaction coordinator did not answer in time."
                + " On a cluster with fewer brokers than transaction.state.log.replication.factor"
                + " (3 by default), lower it on the brokers; otherwise check the brokers' logs.",
                e);
        }
    }

    /** Opens the first transaction, counts as restored being already written. */
    void begin(Map<String, Long> restoredCounts) {
        lastWritten.putAll(restoredCounts);
        committedCounts = Map.copyOf(restoredCounts);
        producer.beginTransaction();
        inTransaction = true;
    }

    /**
     * Every count as of the last committed checkpoint, the same as the counts topic holds:
     * never ahead of it, and never lower than an earlier answer. Any thread may read it.
     */
    Map<String, Long> committedCounts() {
        return committedCounts;
    }

    /** Sends a record inside the open transaction; a failure surfaces at the next checkpoint. */
    void send(ProducerRecord<byte[], byte[]> record) {
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                sendFailure.compareAndSet(null, error);
            }
        });
    }

    /**
     * Commits the changed counts with {@code positions}, then opens the next transaction unless
     * this is the {@code last} checkpoint. Closing a producer that holds an open transaction
     * would wait out the close timeout, so a stop leaves none open.
     */
    void checkpoint(Map<TopicPartition, Long> positions, boolean last) {
        Map<String, Long> snapshot = counter.snapshot();
        snapshot.forEach((word, count) -> {
            Long written = lastWritten.get(word);
            if (written == null || written.longValue() != count) {
                send(new ProducerRecord<>(countsTopic, utf8(word), longBytes(count)));
                lastWritten.put(word, count);
                stats.countsWritten.increment();
            }
        });
        positions.forEach((partition, offset) -> send(new ProducerRecord<>(checkpointTopic,
            utf8(positionKey(partition)), longBytes(offset))));
        producer.flush();
        Exception failure = sendFailure.get();
        if (failure != null) {
            KafkaException error = new KafkaException(explain(failure), failure);
            abandon(error);
            throw error;
        }
        try {
            producer.commitTransaction();
            inTransaction = false;
            committedCounts = Collections.unmodifiableMap(snapshot);
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw new KafkaException(explain(e), e);
        }
        if (!last) {
            producer.beginTransaction();
            inTransaction = true;
        }
    }

    /**
     * Aborts the open transaction, if any, after a failure or a start that did not finish, so
     * that readers are not held back and closing the producer does not wait for it.
     */
    void abandon() {
        abandon(null);
    }

    private void abandon(Exception cause) {
        if (!inTransaction) {
            return;
        }
        inTransaction = false;
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            // Fenced or broken producers cannot abort; the broker's timeout will.
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }

    private static String explain(Exception failure) {
        if (failure instanceof ProducerFencedException
                || failure instanceof InvalidProducerEpochException) {
            return "Another tally shared writes the same counts topic and has taken over;"
                + " run one instance per counts topic. This one stops without writing more.";
        }
        return "Writing a checkpoint failed, so it was not committed; a restart resumes from"
            + " the last committed checkpoint. Cause: " + failure.getMessage();
    }

    /** The checkpoint topic's key of one input partition. */
    static String positionKey(TopicPartition partition) {
        return partition.topic() + ":" + partition.partition();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }
}
