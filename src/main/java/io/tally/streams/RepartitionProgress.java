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

    /**
     * Where every partition of the repartition topic ends now, or null while Kafka Streams has
     * not created it yet (it does so during its first rebalance). The high watermark, not the
     * last stable offset: the group can already show the input offsets of the last transaction
     * while the marker that commits its repartition records has not reached their partition.
     */
    static Map<TopicPartition, Long> ends(Admin admin, TallyConfig config) {
        try {
            return EndOffsets.latest(admin, topic(config));
        } catch (KafkaException e) {
            return null;
        }
    }

    /** Whether the counting side has committed every partition up to {@code ends}. */
    static boolean drained(Map<TopicPartition, Long> ends,
            Map<TopicPartition, OffsetAndMetadata> committed) {
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
