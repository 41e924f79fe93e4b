package io.tally.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.config.TallyConfig;
import io.tally.testing.MultilingualText;
import io.tally.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The totals and latencies the topology reports for metrics, in the test driver. */
class StreamsPathStatsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "combined"})
    void shouldCountRecordsWordsDeadLettersAndEveryCountWritten(String variant) {
        TallyConfig config = TallyConfig.fromProperties(
            Map.of(TallyConfig.STREAMS_VARIANT_CONFIG, variant));
        List<byte[]> lines = MultilingualText.corpus(500, 3L);
        StreamsPathStats stats = new StreamsPathStats();
        List<Long> latencies = new CopyOnWriteArrayList<>();
        stats.onCountLatency(latencies::add);
        long expectedWords = 0;
        long invalid = 0;
        for (byte[] line : lines) {
            int[] words = {0};
            if (Tokenizer.withDefaults().tokenize(line, w -> words[0]++)
                    == Tokenizer.INVALID_UTF8) {
                invalid++;
            }
            expectedWords += words[0];
        }

        long written;
        try (TopologyTestDriver driver = driver(config, stats)) {
            TestInputTopic<byte[], byte[]> input = driver.createInputTopic(config.inputTopic(),
                new ByteArraySerializer(), new ByteArraySerializer());
            lines.forEach(line -> input.pipeInput(null, line));
            written = counts(driver, config).getQueueSize();
        }

        assertThat(stats.records()).isEqualTo(lines.size());
        assertThat(stats.words()).isEqualTo(expectedWords);
        assertThat(stats.deadLetters()).isEqualTo(invalid).isPositive();
        assertThat(stats.countsWritten()).isEqualTo(written).isPositive();
        assertThat(latencies).hasSize((int) written).allMatch(latency -> latency >= 0);
    }

    @Test
    void shouldMeasureTheLatencyFromTheInputRecordsTimestamp() {
        TallyConfig config = TallyConfig.defaults();
        StreamsPathStats stats = new StreamsPathStats();
        List<Long> latencies = new CopyOnWriteArrayList<>();
        stats.onCountLatency(latencies::add);
        Instant fiveSecondsAgo = Instant.now().minusSeconds(5);

        try (TopologyTestDriver driver = driver(config, stats)) {
            driver.createInputTopic(config.inputTopic(), new ByteArraySerializer(),
                    new ByteArraySerializer())
                .pipeInput(null, "kafka streams".getBytes(StandardCharsets.UTF_8), fiveSecondsAgo);
        }

        assertThat(latencies).hasSize(2).allMatch(latency -> latency >= 5_000 && latency < 60_000);
    }

    private static TopologyTestDriver driver(TallyConfig config, StreamsPathStats stats) {
        Properties properties = StreamsService.tuning(config);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "stats-test");
        return new TopologyTestDriver(WordCountTopology.build(config,
            new Tokenizer(config.wordMaxLength()), stats), properties);
    }

    private static TestOutputTopic<String, Long> counts(TopologyTestDriver driver,
            TallyConfig config) {
        return driver.createOutputTopic(config.streamsCountsTopic(), new StringDeserializer(),
            new LongDeserializer());
    }
}
