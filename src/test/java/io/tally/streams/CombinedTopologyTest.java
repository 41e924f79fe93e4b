package io.tally.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.config.TallyConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
 * The combining topology's own promises: words wait in the buffer, the buffer is in its
 * changelog at every commit (the driver commits after every input record), and only one
 * partial count per distinct word crosses the repartition topic.
 */
class CombinedTopologyTest {

    private static final String APP = "combined-test";
    private static final Duration INTERVAL = Duration.ofMillis(200);

    private final TallyConfig config = TallyConfig.fromProperties(Map.of(
        TallyConfig.STREAMS_VARIANT_CONFIG, "combined",
        TallyConfig.STREAMS_APPLICATION_ID_CONFIG, APP,
        TallyConfig.STREAMS_COMBINE_INTERVAL_MS_CONFIG, Long.toString(INTERVAL.toMillis())));
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, Long> counts;
    private TestOutputTopic<String, Long> bufferLog;
    private TestOutputTopic<String, Long> repartition;

    @BeforeEach
    void startDriver() {
        Properties properties = StreamsService.tuning(config);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        driver = new TopologyTestDriver(WordCountTopology.build(config), properties);
        input = driver.createInputTopic(config.inputTopic(), new ByteArraySerializer(),
            new ByteArraySerializer());
        counts = output(config.streamsCountsTopic());
        bufferLog = output(APP + "-" + WordCountTopology.BUFFER_STORE + "-changelog");
        repartition = output(APP + "-" + WordCountTopology.GROUP_BY_WORD + "-repartition");
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldHoldWordsInTheBufferAndLogThemAtEveryCommitBeforeEmitting() {
        pipe("a b a");
        pipe("b c");

        assertThat(counts.isEmpty()).isTrue();
        assertThat(repartition.isEmpty()).isTrue();
        assertThat(latest(bufferLog.readKeyValuesToList()))
            .containsOnly(Map.entry("a", 2L), Map.entry("b", 2L), Map.entry("c", 1L));
    }

    @Test
    void shouldEmitOnePartialCountPerDistinctWordAndClearTheLoggedBuffer() {
        pipe("a b a");
        pipe("b c a");
        bufferLog.readKeyValuesToList();

        driver.advanceWallClockTime(INTERVAL);
        pipe("d");

        assertThat(repartition.readKeyValuesToList()).containsExactlyInAnyOrder(
            KeyValue.pair("a", 3L), KeyValue.pair("b", 2L), KeyValue.pair("c", 1L));
        assertThat(counts.readKeyValuesToMap())
            .containsOnly(Map.entry("a", 3L), Map.entry("b", 2L), Map.entry("c", 1L));
        List<KeyValue<String, Long>> afterEmit = bufferLog.readKeyValuesToList();
        assertThat(latest(afterEmit)).containsEntry("d", 1L);
        assertThat(afterEmit).contains(KeyValue.pair("a", null), KeyValue.pair("b", null),
            KeyValue.pair("c", null));
    }

    @Test
    void shouldAddPartialCountsAcrossIntervalsIntoTheRunningTotal() {
        pipe("kafka kafka");
        driver.advanceWallClockTime(INTERVAL);
        pipe("kafka streams");
        driver.advanceWallClockTime(INTERVAL);

        assertThat(counts.readKeyValuesToMap())
            .containsOnly(Map.entry("kafka", 3L), Map.entry("streams", 1L));
    }

    private TestOutputTopic<String, Long> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new LongDeserializer());
    }

    private void pipe(String line) {
        input.pipeInput(line.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Long> latest(List<KeyValue<String, Long>> log) {
        Map<String, Long> state = new java.util.HashMap<>();
        for (KeyValue<String, Long> entry : log) {
            if (entry.value == null) {
                state.remove(entry.key);
            } else {
                state.put(entry.key, entry.value);
            }
        }
        return state;
    }
}
