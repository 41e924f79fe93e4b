package io.tally.streams;

import io.tally.config.TallyConfig;
import io.tally.kafka.EndOffsets;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/** Tells whether the application has consumed and committed its repartition topic to the end. */
final class RepartitionProgress {

    private RepartitionProgress() {
    }

    /** The repartition topic that carries words to the counting tasks. */
    static String topic(TallyConfig config) {
        return config.streamsApplicationId() + "-" + WordCountTopology.GROUP_BY_WORD
            + "-repartition";
    }

    static boolean drained(Admin admin, TallyConfig config,
            Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<TopicPartition, Long> ends;
        try {
            // The high watermark: the group can already show the input offsets of the last
            // transaction while the marker that commits its repartition records has not reached
            // their partition; a last stable offset would then end before those records.
            ends = EndOffsets.latest(admin, topic(config));
        } catch (KafkaException e) {
            // Kafka Streams creates the topic during its first rebalance.
            return false;
        }
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            long position = done == null ? 0 : done.offset();
            if (position < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
