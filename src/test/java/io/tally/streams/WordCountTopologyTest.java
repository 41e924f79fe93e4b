package io.tally.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.config.TallyConfig;
import io.tally.deadletter.DeadLetterHeaders;
import io.tally.testing.MultilingualText;
import io.tally.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WordCountTopologyTest {

    private final TallyConfig config = TallyConfig.defaults();
    private LocalTopologyRunner runner = new LocalTopologyRunner(config);

    @AfterEach
    void closeRunner() {
        runner.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "combined"})
    void shouldCountEveryExampleOfTheTokenizerRule(String variant) {
        useVariant(variant, Map.of());
        pipe("Don’t STOP");
        pipe("well-known 3.14");
        pipe("'quoted'");
        pipe("ΟΔΟΣ");
        pipe("Cafe\u0301");

        assertThat(runner.counts()).containsOnly(
            Map.entry("don't", 1L), Map.entry("stop", 1L), Map.entry("well", 1L),
            Map.entry("known", 1L), Map.entry("3", 1L), Map.entry("14", 1L),
            Map.entry("quoted", 1L), Map.entry("ΟΔΟΣ".toLowerCase(java.util.Locale.ROOT), 1L),
            Map.entry("café", 1L));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "combined"})
    void shouldAccumulateCountsAcrossLines(String variant) {
        useVariant(variant, Map.of());
        pipe("the cat");
        pipe("The dog and THE bird");

        assertThat(runner.counts()).containsEntry("the", 3L).containsEntry("cat", 1L)
            .containsEntry("dog", 1L).hasSize(5);
    }

    @Test
    void shouldRouteInvalidUtf8ToDeadLetterTopicWithReasonAndSource() {
        byte[] invalid = {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28};
        try (TopologyTestDriver driver = newDriver()) {
            TestInputTopic<byte[], byte[]> input = driver.createInputTopic(config.inputTopic(),
                new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> deadLetters = driver.createOutputTopic(
                config.deadLetterTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            input.pipeInput("k".getBytes(StandardCharsets.UTF_8), utf8("first line"));
            input.pipeInput("key".getBytes(StandardCharsets.UTF_8), invalid);

            TestRecord<byte[], byte[]> record = deadLetters.readRecord();
            assertThat(record.value()).isEqualTo(invalid);
            assertThat(record.key()).isEqualTo("key".getBytes(StandardCharsets.UTF_8));
            assertThat(header(record, DeadLetterHeaders.REASON))
                .isEqualTo(DeadLetterHeaders.REASON_INVALID_UTF8);
            assertThat(header(record, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("text-lines");
            assertThat(header(record, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(record, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
            assertThat(deadLetters.isEmpty()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "combined"})
    void shouldCountNoWordOfAnInvalidLineAndCountTheDeadLetter(String variant) {
        useVariant(variant, Map.of());
        pipe("ok fine");
        runner.pipe(null, new byte[] {'o', 'k', (byte) 0xFF});

        assertThat(runner.counts()).containsOnly(Map.entry("ok", 1L), Map.entry("fine", 1L));
        assertThat(runner.deadLetters()).singleElement()
            .satisfies(d -> assertThat(d.sourceOffset()).isEqualTo(1L));
        assertThat(runner.metricTotal(TopologyMetrics.DEAD_LETTER_RECORDS)).isEqualTo(1L);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "combined"})
    void shouldSkipNullValuesAndCountThem(String variant) {
        useVariant(variant, Map.of());
        runner.pipe(null, null);
        pipe("after null");
        runner.pipe("k".getBytes(StandardCharsets.UTF_8), null);

        assertThat(runner.counts()).containsOnly(Map.entry("after", 1L), Map.entry("null", 1L));
        assertThat(runner.deadLetters()).isEmpty();
        assertThat(runner.metricTotal(TopologyMetrics.NULL_VALUES_SKIPPED)).isEqualTo(2L);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "combined"})
    void shouldDropWordsOverTheLengthLimitAndCountThem(String variant) {
        useVariant(variant, Map.of(TallyConfig.WORD_MAX_LENGTH_CONFIG, "5"));
        pipe("short toolong fives sixsix");

        assertThat(runner.counts()).containsOnly(Map.entry("short", 1L), Map.entry("fives", 1L));
        assertThat(runner.metricTotal(TopologyMetrics.WORDS_TOO_LONG)).isEqualTo(2L);
    }

    @Test
    void shouldKeepTheSameCountsInTheStoreAsInTheCountsTopic() {
        try (TopologyTestDriver driver = newDriver()) {
            TestInputTopic<byte[], byte[]> input = driver.createInputTopic(config.inputTopic(),
                new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<String, Long> counts = driver.createOutputTopic(
                config.streamsCountsTopic(), new StringDeserializer(), new LongDeserializer());
            for (String line : List.of("a b a", "b c", "a")) {
                input.pipeInput(utf8(line));
            }
            Map<String, Long> fromTopic = counts.readKeyValuesToMap();
            KeyValueStore<String, Long> store =
                driver.getKeyValueStore(WordCountTopology.STORE);
            Map<String, Long> fromStore = new HashMap<>();
            try (KeyValueIterator<String, Long> all = store.all()) {
                all.forEachRemaining(kv -> fromStore.put(kv.key, kv.value));
            }

            assertThat(fromTopic).isEqualTo(fromStore)
                .containsOnly(Map.entry("a", 3L), Map.entry("b", 2L), Map.entry("c", 1L));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "combined"})
    void shouldReadAndWriteTheConfiguredTopicNames(String variant) {
        useVariant(variant, Map.of(
            TallyConfig.INPUT_TOPIC_CONFIG, "in", TallyConfig.STREAMS_COUNTS_TOPIC_CONFIG, "out",
            TallyConfig.DEAD_LETTER_TOPIC_CONFIG, "bad"));
        pipe("renamed topics");
        runner.pipe(null, new byte[] {(byte) 0xC0, (byte) 0x80});

        assertThat(runner.counts()).containsOnlyKeys("renamed", "topics");
        assertThat(runner.deadLetters()).hasSize(1);
    }

    @Test
    void shouldNameEveryStepInTheTopologyDescription() {
        String description = WordCountTopology.build(config).describe().toString();

        assertThat(description).contains(WordCountTopology.SOURCE, WordCountTopology.CLASSIFY,
            WordCountTopology.SPLIT, WordCountTopology.STORE, WordCountTopology.COUNTS_SINK,
            WordCountTopology.DEAD_LETTER_SINK, WordCountTopology.GROUP_BY_WORD + "-repartition");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "combined"})
    void shouldMatchADirectCountOnRandomMultilingualText(String variant) {
        useVariant(variant, Map.of());
        Random random = new Random(20261203L);
        Tokenizer tokenizer = Tokenizer.withDefaults();
        Map<String, Long> expected = new HashMap<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            lines.add(MultilingualText.randomLine(random));
        }
        for (String line : lines) {
            tokenizer.tokenize(utf8(line), word -> expected.merge(word, 1L, Long::sum));
            pipe(line);
        }

        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(runner.counts()).isEqualTo(expected);
    }

    /** Replaces the runner with one for {@code variant} and the given settings. */
    private void useVariant(String variant, Map<String, String> settings) {
        runner.close();
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put(TallyConfig.STREAMS_VARIANT_CONFIG, variant);
        runner = new LocalTopologyRunner(TallyConfig.fromProperties(all));
    }

    private TopologyTestDriver newDriver() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        return new TopologyTestDriver(WordCountTopology.build(config), properties);
    }

    private void pipe(String line) {
        runner.pipe(null, utf8(line));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(TestRecord<byte[], byte[]> record, String key) {
        return DeadLetterHeaders.read(record.headers(), key);
    }
}
