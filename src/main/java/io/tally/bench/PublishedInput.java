package io.tally.bench;

import io.tally.producer.DirectCount;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** A workload published once to its own topic, with the counts every contender must reach. */
record PublishedInput(Workload workload, String topic, DirectCount expected,
        Map<TopicPartition, Long> ends) {

    long records() {
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }
}
