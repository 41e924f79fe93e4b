package io.tally.streams;

import io.tally.config.TallyConfig;
import io.tally.kafka.EndOffsets;
import io.tally.kafka.KafkaClients;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the changelog of the combining buffer, which holds, as of each task's last commit,
 * the partial counts that the task has consumed but not yet sent downstream. A word whose last
 * record is not a tombstone is still waiting in some buffer, on this instance or another, or
 * in a task that no instance has restored yet.
 *
 * <p>The changelog is read incrementally: each call reads only what was committed since the
 * last one, so the cost of a check does not grow with the length of the run.
 *
 * <p>Not thread-safe: {@link StreamsService} calls it under its own lock.
 */
final class BufferChangelog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BufferChangelog.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long one check may read before it answers "not known yet". */
    private static final long CHECK_NANOS = Duration.ofSeconds(5).toNanos();

    private final TallyConfig config;
    /** Words whose latest record in the changelog is a partial count. */
    private final Set<ByteBuffer> waiting = new HashSet<>();
    private KafkaConsumer<byte[], byte[]> consumer;

    BufferChangelog(TallyConfig config) {
        this.config = config;
    }

    /** The changelog topic Kafka Streams makes for the buffer store. */
    static String topic(TallyConfig config) {
        return config.streamsApplicationId() + "-" + WordCountTopology.BUFFER_STORE
            + "-changelog";
    }

    /**
     * Whether, as of the last commit of every combining task, no buffer holds a partial count.
     * False also while the changelog does not exist yet, or cannot be read to its end within
     * a few seconds; the next call goes on from where this one stopped.
     */
    boolean holdsNothing(Admin admin) {
        Map<TopicPartition, Long> ends;
        try {
            ends = EndOffsets.of(admin, topic(config));
        } catch (KafkaException e) {
            // Kafka Streams creates the topic during its first rebalance.
            return false;
        }
        if (consumer == null) {
            consumer = new KafkaConsumer<>(KafkaClients.assignedConsumer(config));
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
        }
        try {
            long deadline = System.nanoTime() + CHECK_NANOS;
            while (!reached(ends)) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    ByteBuffer word = ByteBuffer.wrap(record.key());
                    if (record.value() == null) {
                        waiting.remove(word);
                    } else {
                        waiting.add(word);
                    }
                }
            }
        } catch (KafkaException e) {
            log.debug("Could not read the buffer changelog yet", e);
            return false;
        }
        return waiting.isEmpty();
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
    }
}
