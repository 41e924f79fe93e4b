package io.tally.bench;

import io.tally.config.TallyConfig;
import io.tally.kafka.EndOffsets;
import io.tally.streams.StreamsService;
import io.tally.streams.WordCountTopology;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The message-passing path as a contender: {@code peer} is the shape of Kafka's own word-count
 * example with Kafka's default settings (RocksDB, a 100 ms commit under exactly-once);
 * {@code plain} is the same shape with Tally's tuning; {@code combined} is the combining
 * topology. All run exactly_once_v2.
 */
final class StreamsContender extends CountingContender {

    private final String name;
    private final Map<String, String> settings;

    private StreamsContender(String name, Map<String, String> settings) {
        this.name = name;
        this.settings = settings;
    }

    static StreamsContender peer() {
        return new StreamsContender("peer", Map.of(
            TallyConfig.STREAMS_VARIANT_CONFIG, WordCountTopology.PLAIN,
            TallyConfig.STREAMS_STORE_CONFIG, WordCountTopology.ROCKSDB,
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"));
    }

    static StreamsContender plain() {
        return new StreamsContender("plain", Map.of(
            TallyConfig.STREAMS_VARIANT_CONFIG, WordCountTopology.PLAIN));
    }

    static StreamsContender combined() {
        return new StreamsContender("combined", Map.of(
            TallyConfig.STREAMS_VARIANT_CONFIG, WordCountTopology.COMBINED));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    TallyConfig configFor(BenchContext context, String inputTopic, String runId)
            throws Exception {
        return super.configFor(context, inputTopic, runId).with(settings);
    }

    @Override
    PathUnderTest start(BenchContext context, TallyConfig config, int threads) {
        Map<String, String> threadCount = new HashMap<>();
        threadCount.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads));
        StreamsService service = new StreamsService(config.with(threadCount));
        service.start(context.admin());
        return new PathUnderTest() {
            @Override
            public boolean awaitCaughtUp(Map<TopicPartition, Long> targets, Duration timeout)
                    throws InterruptedException {
                return service.awaitCaughtUp(context.admin(), targets, timeout, done -> { });
            }

            @Override
            public boolean awaitReady(Collection<TopicPartition> partitions, Duration timeout)
                    throws InterruptedException {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (service.streams().state() != KafkaStreams.State.RUNNING) {
                    if (System.nanoTime() > deadline) {
                        return false;
                    }
                    Thread.sleep(20);
                }
                return true;
            }

            @Override
            public double lockWaitSeconds() {
                return Double.NaN;
            }

            @Override
            public void close() {
                service.close();
            }
        };
    }

    @Override
    long repartitionRecords(BenchContext context, TallyConfig config) {
        return EndOffsets.total(EndOffsets.of(context.admin(),
            StreamsService.repartitionTopic(config)));
    }
}
