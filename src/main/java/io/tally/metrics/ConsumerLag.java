package io.tally.metrics;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Reads consumer lag from a Kafka client's own metrics: each consumer keeps, per partition,
 * the records between its position and the end of the partition ({@code records-lag}), as of
 * its latest fetch. For {@code read_committed} consumers the end is the last stable offset.
 */
final class ConsumerLag {

    private static final String GROUP = "consumer-fetch-manager-metrics";
    private static final String NAME = "records-lag";
    private static final String TOPIC_TAG = "topic";

    private ConsumerLag() {
    }

    /** The lag summed over every partition of {@code topic} among {@code metrics}. */
    static double of(Map<MetricName, ? extends Metric> metrics, String topic) {
        double lag = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (name.name().equals(NAME) && name.group().equals(GROUP)
                    && topic.equals(name.tags().get(TOPIC_TAG))) {
                Object value = entry.getValue().metricValue();
                if (value instanceof Number number && !Double.isNaN(number.doubleValue())) {
                    lag += number.doubleValue();
                }
            }
        }
        return lag;
    }
}
