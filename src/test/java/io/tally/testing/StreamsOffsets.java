package io.tally.testing;

import io.tally.config.TallyConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;

/** What the streams path has committed of its input, as its consumer group records it. */
public final class StreamsOffsets {

    private StreamsOffsets() {
    }

    /**
     * Input records the streams application has committed, over all partitions. Offsets of a
     * transaction whose markers are still on their way are waited for, not left out.
     */
    public static long committedInput(Admin admin, TallyConfig config) throws Exception {
        return admin.listConsumerGroupOffsets(config.streamsApplicationId(),
                new ListConsumerGroupOffsetsOptions().requireStable(true))
            .partitionsToOffsetAndMetadata().get().entrySet().stream()
            .filter(e -> e.getKey().topic().equals(config.inputTopic()) && e.getValue() != null)
            .mapToLong(e -> e.getValue().offset()).sum();
    }
}
