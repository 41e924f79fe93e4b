package io.tally.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.config.TallyConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The combining topology's own promises: every commit first sends one partial count per
 * distinct word buffered since the last (the driver commits after every input record), the
 * other side sums them, and the buffer never needs a changelog.
 */
class CombinedTopologyTest {

    private static final String APP = "combined-test";

    private final TallyConfig config = TallyConfig.fromProperties(Map.of(
        TallyConfig.STREAMS_VARIANT_CONFIG, "combined",
        TallyConfig.STREAMS_APPLICATION_ID_CONFIG, APP));
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, Long> counts;
    private TestOutputTopic<String, Long> repartition;

    @BeforeEach
    void startDriver() {
        Properties properties = StreamsService.tuning(config);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        driver = new TopologyTestDriver(WordCountTopology.build(config), properties);
        input = driver.createInputTopic(config.inputTopic(), new ByteArraySerializer(),
            new ByteArraySerializer());
        counts = output(config.streamsCountsTopic());
        repartition = output(APP + "-" + WordCountTopology.GROUP_BY_WORD + "-repartition");
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldSendOnePartialCountPerDistinctWordAtEachCommit() {
        pipe("a b a a");

        assertThat(repartition.readKeyValuesToList()).containsExactlyInAnyOrder(
            KeyValue.pair("a", 3L), KeyValue.pair("b", 1L));

        pipe("b c b");

        assertThat(repartition.readKeyValuesToList()).containsExactlyInAnyOrder(
            KeyValue.pair("b", 2L), KeyValue.pair("c", 1L));
    }

    @Test
    void shouldAddPartialCountsOfEveryCommitIntoTheRunningTotal() {
        pipe("kafka kafka");
        pipe("kafka streams");
        pipe("streams");

        assertThat(counts.readKeyValuesToMap())
            .containsOnly(Map.entry("kafka", 3L), Map.entry("streams", 2L));
    }

    @Test
    void shouldWriteNoChangelogForTheBuffer() {
        pipe("a b a");

        assertThat(driver.producedTopicNames())
            .contains(config.streamsCountsTopic())
            .noneMatch(topic -> topic.contains(WordCountTopology.BUFFER_STORE));
    }

    private TestOutputTopic<String, Long> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new LongDeserializer());
    }

    private void pipe(String line) {
        input.pipeInput(line.getBytes(StandardCharsets.UTF_8));
    }
}
