package io.tally.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.config.TallyConfig;
import io.tally.kafka.EndOffsets;
import io.tally.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a whole topic, as committed, to its high watermarks as they are when reading starts:
 * the markers of a transaction committed a moment ago may not have reached every partition,
 * and the last stable offsets would stop short of its records.
 */
public final class TopicRecords {

    private TopicRecords() {
    }

    /** Every committed record of {@code topic}; fails the test if it takes over {@code timeout}. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(TallyConfig config, Admin admin,
            String topic, Duration timeout) {
        Map<TopicPartition, Long> ends = EndOffsets.latest(admin, topic);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(KafkaClients.assignedConsumer(config))) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (ends.entrySet().stream()
                    .anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                assertThat(System.nanoTime()).as("read %s in time", topic).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
