package io.tally.shared;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes the counts that changed since the last write to the counts topic, and waits until the
 * broker has them. Changes are found by comparing a snapshot with what was written last, so
 * the hot path of the strategies pays nothing for change tracking.
 *
 * <p>Dead letters go out on the same producer, so that the flush before a commit covers them.
 *
 * <p>Concurrency: {@link #writeChanges} is {@code synchronized}; {@link #lastWritten} and
 * {@link #lastSnapshotStart} are touched only under that monitor. The producer is
 * thread-safe, so {@link #send} needs no lock. A caller that arrives while
 * another thread writes waits, then skips its own write when the other one took its snapshot
 * after the caller's batch ended, since that snapshot already covered the caller's words.
 */
final class CountsWriter {

    private final SharedCounter counter;
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final SharedPathStats stats;
    private final Map<String, Long> lastWritten = new HashMap<>();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private boolean wroteBefore;
    private long lastSnapshotStart;

    CountsWriter(SharedCounter counter, Producer<byte[], byte[]> producer, String topic,
            SharedPathStats stats) {
        this.counter = counter;
        this.producer = producer;
        this.topic = topic;
        this.stats = stats;
    }

    /** Marks counts restored from the topic as already written. */
    synchronized void restored(Map<String, Long> counts) {
        lastWritten.putAll(counts);
    }

    /**
     * Makes sure that every count as of {@code batchEndedNanos} is in the topic, and that
     * every earlier send of the shared producer (dead letters too) is acknowledged.
     */
    synchronized void writeChanges(long batchEndedNanos) {
        if (wroteBefore && lastSnapshotStart - batchEndedNanos > 0) {
            return;
        }
        wroteBefore = true;
        lastSnapshotStart = System.nanoTime();
        Map<String, Long> snapshot = counter.snapshot();
        snapshot.forEach((word, count) -> {
            Long written = lastWritten.get(word);
            if (written == null || written.longValue() != count) {
                send(new ProducerRecord<>(topic, utf8(word), longBytes(count)));
                lastWritten.put(word, count);
                stats.countsWritten.increment();
            }
        });
        producer.flush();
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new KafkaException("Writing to Kafka failed, so no offset is committed: "
                + failure.getMessage(), failure);
        }
    }

    /** Sends a record on the shared producer; a failure surfaces at the next write. */
    void send(ProducerRecord<byte[], byte[]> record) {
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                sendFailure.compareAndSet(null, error);
            }
        });
    }

    private static byte[] utf8(String word) {
        return word.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] longBytes(long count) {
        return ByteBuffer.allocate(Long.BYTES).putLong(count).array();
    }
}
