package io.tally.streams;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * The topology's own metrics. Each is a rate and a total per task, registered with Kafka
 * Streams so that it shows up beside the built-in metrics (JMX, {@code KafkaStreams#metrics()},
 * {@code TopologyTestDriver#metrics()}) as {@code <operation>-total} in group
 * {@value #GROUP}.
 */
public final class TopologyMetrics {

    /** Metric group of every metric below. */
    public static final String GROUP = "stream-tally-metrics";
    /** Input records whose value was not valid UTF-8 and went to the dead-letter topic. */
    public static final String DEAD_LETTER_RECORDS = "dead-letter-records";
    /** Input records with a null value, skipped. */
    public static final String NULL_VALUES_SKIPPED = "null-values-skipped";
    /** Words dropped because they were longer than {@code tally.word.max.length}. */
    public static final String WORDS_TOO_LONG = "words-too-long";

    private static final String SCOPE = "tally";

    private TopologyMetrics() {
    }

    /** Registers one task's sensor for {@code operation}; remove it when the task closes. */
    static Sensor sensor(ProcessingContext context, String operation) {
        return context.metrics().addRateTotalSensor(SCOPE, context.taskId().toString(),
            operation, Sensor.RecordingLevel.INFO);
    }

    /** The name of the cumulative metric of {@code operation}. */
    public static String totalMetricName(String operation) {
        return operation + "-total";
    }

    /** Sum over every task of the total of {@code operation} among {@code metrics}. */
    public static long total(Map<MetricName, ? extends Metric> metrics, String operation) {
        String name = totalMetricName(operation);
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName metric = entry.getKey();
            if (metric.group().equals(GROUP) && metric.name().equals(name)) {
                total += ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        return (long) total;
    }
}
