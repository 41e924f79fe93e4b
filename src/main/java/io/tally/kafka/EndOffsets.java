package io.tally.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Reads where each partition of a topic ends: the target of {@code --until-caught-up}. */
public final class EndOffsets {

    /** How long a topic that was just created may take to be served. */
    private static final long NEW_TOPIC_GRACE_MS = 15_000;

    private EndOffsets() {
    }

    /**
     * The end offset of every partition of {@code topic}: its last stable offset, where a
     * {@code read_committed} reader ends, past commit markers. A topic created a moment ago may
     * not be served by every broker yet, so that case is retried for a few seconds.
     */
    public static Map<TopicPartition, Long> of(Admin admin, String topic) {
        return read(admin, topic, IsolationLevel.READ_COMMITTED);
    }

    /**
     * The high watermark of every partition of {@code topic}: past every record written,
     * including those of transactions not yet decided. The commit of a transaction is
     * acknowledged before its markers reach every partition, so a partition can keep a last
     * stable offset short of records already committed for a moment; an end taken from here
     * waits for them.
     */
    public static Map<TopicPartition, Long> latest(Admin admin, String topic) {
        return read(admin, topic, IsolationLevel.READ_UNCOMMITTED);
    }

    private static Map<TopicPartition, Long> read(Admin admin, String topic,
            IsolationLevel isolation) {
        long deadline = System.currentTimeMillis() + NEW_TOPIC_GRACE_MS;
        while (true) {
            try {
                return readOnce(admin, topic, isolation);
            } catch (KafkaException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                        || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while waiting for a new topic", e);
        }
    }

    private static Map<TopicPartition, Long> readOnce(Admin admin, String topic,
            IsolationLevel isolation) {
        try {
            TopicDescription description =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (TopicPartitionInfo partition : description.partitions()) {
                request.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResultInfo> result = admin.listOffsets(request,
                new ListOffsetsOptions(isolation)).all().get();
            Map<TopicPartition, Long> ends = new HashMap<>();
            result.forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (ExecutionException e) {
            throw new KafkaException("Could not read the end offsets of topic " + topic + ": "
                + e.getCause().getMessage() + ". Check that the topic exists.", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while reading end offsets of " + topic, e);
        }
    }

    /** Total records between the start of every partition and its end; an upper bound. */
    public static long total(Map<TopicPartition, Long> ends) {
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }
}
