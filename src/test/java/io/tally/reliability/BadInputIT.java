package io.tally.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.broker.EmbeddedKafkaBroker;
import io.tally.cli.TallyCli;
import io.tally.config.TallyConfig;
import io.tally.deadletter.DeadLetterHeaders;
import io.tally.kafka.CountsTopicReader;
import io.tally.kafka.EndOffsets;
import io.tally.kafka.KafkaClients;
import io.tally.kafka.TopicSetup;
import io.tally.shared.SharedCounters;
import io.tally.shared.SharedCountingService;
import io.tally.streams.StreamsService;
import io.tally.streams.TopologyMetrics;
import io.tally.testing.MultilingualText;
import io.tally.testing.TopicRecords;
import io.tally.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds each kind of bad input to both paths while they run on a real broker. After each kind,
 * both counts topics must equal a direct count of everything published so far, and both paths
 * must still be running: bad input never stops a path and never costs a count.
 */
class BadInputIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** The embedded broker's default {@code message.max.bytes}. */
    private static final int BROKER_MAX_BATCH_BYTES = 1_048_588;
    /** What a record batch of one keyless, headerless record adds to a value near 1 MiB. */
    private static final int ONE_RECORD_BATCH_OVERHEAD = 72;

    private static EmbeddedKafkaBroker broker;
    private static TallyConfig config;
    private static Admin admin;
    private static KafkaProducer<byte[], byte[]> producer;
    private static SharedCountingService shared;
    private static StreamsService streams;
    private static Tokenizer tokenizer;
    private static final Map<String, Long> expected = new HashMap<>();

    @BeforeAll
    static void startBothPaths() throws Exception {
        broker = EmbeddedKafkaBroker.builder().start();
        config = TallyConfig.fromProperties(Map.of(
            "bootstrap.servers", broker.bootstrapServers(),
            TallyConfig.SHARED_FLUSH_INTERVAL_MS_CONFIG, "200",
            "state.dir", Files.createTempDirectory("tally-bad-input").toString()));
        tokenizer = new Tokenizer(config.wordMaxLength());
        admin = Admin.create(KafkaClients.admin(config));
        TopicSetup.ensureTopics(admin, config);
        Properties properties = KafkaClients.producer(config);
        // Room for a request that carries one batch at the broker's limit.
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * BROKER_MAX_BATCH_BYTES);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        producer = new KafkaProducer<>(properties);
        shared = new SharedCountingService(config, SharedCounters.create("locked-map"), 2);
        shared.start(admin);
        streams = new StreamsService(config);
        streams.start(admin);
    }

    @AfterAll
    static void stopEverything() {
        if (streams != null) {
            streams.close();
        }
        if (shared != null) {
            shared.close();
        }
        producer.close();
        admin.close();
        broker.close();
    }

    @AfterEach
    void bothPathsShouldStillRunAndEqualADirectCount() throws Exception {
        Map<TopicPartition, Long> ends = EndOffsets.of(admin, config.inputTopic());
        assertThat(shared.awaitCommitted(ends, TIMEOUT, done -> { })).isTrue();
        assertThat(streams.awaitCaughtUp(admin, ends, TIMEOUT, done -> { })).isTrue();
        assertThat(streams.streams().state()).isIn(KafkaStreams.State.RUNNING,
            KafkaStreams.State.REBALANCING);
        assertThat(CountsTopicReader.readAll(config, admin, config.sharedCountsTopic()))
            .isEqualTo(expected);
        assertThat(CountsTopicReader.readAll(config, admin, config.streamsCountsTopic()))
            .isEqualTo(expected);
    }

    @Test
    void shouldDeadLetterEveryKindOfInvalidUtf8WithItsReasonAndSource() throws Exception {
        List<RecordMetadata> sent = publish(MultilingualText.INVALID_UTF8);
        publish(List.of(utf8("valid words between invalid ones")));

        Map<TopicPartition, Long> ends = EndOffsets.of(admin, config.inputTopic());
        assertThat(shared.awaitCommitted(ends, TIMEOUT, done -> { })).isTrue();
        assertThat(streams.awaitCaughtUp(admin, ends, TIMEOUT, done -> { })).isTrue();
        List<ConsumerRecord<byte[], byte[]>> letters = TopicRecords.readAll(config, admin,
            config.deadLetterTopic(), TIMEOUT);
        for (int i = 0; i < sent.size(); i++) {
            byte[] value = MultilingualText.INVALID_UTF8.get(i);
            RecordMetadata source = sent.get(i);
            List<ConsumerRecord<byte[], byte[]>> copies = letters.stream()
                .filter(letter -> Arrays.equals(letter.value(), value)).toList();
            // One dead letter from each path, each naming where the record came from.
            assertThat(copies).as("dead letters of invalid value %d", i).hasSize(2)
                .allSatisfy(letter -> {
                    assertThat(header(letter, DeadLetterHeaders.REASON))
                        .isEqualTo(DeadLetterHeaders.REASON_INVALID_UTF8);
                    assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC))
                        .isEqualTo(config.inputTopic());
                    assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION))
                        .isEqualTo(String.valueOf(source.partition()));
                    assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET))
                        .isEqualTo(String.valueOf(source.offset()));
                });
        }
    }

    @Test
    void shouldSkipNullValuesAndCountThemOnBothPaths() throws Exception {
        long sharedBefore = shared.stats().nullValues();
        long streamsBefore = streams.metricTotal(TopologyMetrics.NULL_VALUES_SKIPPED);

        publish(Arrays.asList(null, utf8("after a null"), null));

        awaitBothCaughtUp();
        assertThat(shared.stats().nullValues() - sharedBefore).isEqualTo(2);
        assertThat(streams.metricTotal(TopologyMetrics.NULL_VALUES_SKIPPED) - streamsBefore)
            .isEqualTo(2);
    }

    @Test
    void shouldCountNothingForEmptyAndWhitespaceOnlyLines() throws Exception {
        long deadLettersBefore = shared.stats().deadLetters();

        publish(List.of(new byte[0], utf8(" "), utf8("\t \u00A0\u3000 "), utf8("\n"),
            utf8("one real word")));

        awaitBothCaughtUp();
        assertThat(shared.stats().deadLetters()).isEqualTo(deadLettersBefore);
    }

    @Test
    void shouldCountARecordAtTheBrokersSizeLimit() throws Exception {
        int largest = BROKER_MAX_BATCH_BYTES - ONE_RECORD_BATCH_OVERHEAD;
        byte[] atLimit = text(largest, new Random(3), 12);

        publish(List.of(atLimit));

        // One byte more is refused by the broker, so the record above was at the limit.
        assertThatThrownBy(() -> producer.send(
                new ProducerRecord<>(config.inputTopic(), text(largest + 1, new Random(4), 12)))
            .get()).isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(RecordTooLargeException.class);
    }

    @Test
    void shouldDropAWordOverTheLengthLimitAndCountTheOthers() throws Exception {
        long sharedBefore = shared.stats().wordsTooLong();
        long streamsBefore = streams.metricTotal(TopologyMetrics.WORDS_TOO_LONG);
        String tooLong = "x".repeat(config.wordMaxLength() + 1);
        String longest = "y".repeat(config.wordMaxLength());

        publish(List.of(utf8("short " + tooLong + " " + longest + " words")));

        awaitBothCaughtUp();
        assertThat(expected).containsKey(longest).doesNotContainKey(tooLong);
        assertThat(shared.stats().wordsTooLong() - sharedBefore).isEqualTo(1);
        assertThat(streams.metricTotal(TopologyMetrics.WORDS_TOO_LONG) - streamsBefore)
            .isEqualTo(1);
    }

    @Test
    void shouldTreatControlCharactersAndNulAsSeparators() throws Exception {
        publish(List.of(utf8("nul\u0000between\u0007bell\u001Bescape\u007Fdelete"),
            utf8("\u0000\u0000"), utf8("tab\tvertical\u000Bform\u000Cfeed")));

        awaitBothCaughtUp();
        assertThat(expected).containsKeys("nul", "between", "bell", "escape", "delete", "feed");
    }

    @Test
    void shouldIgnoreAByteOrderMarkAndCarriageReturns() throws Exception {
        publish(List.of(utf8("\uFEFFbom at the start"), utf8("crlf line\r\n"),
            utf8("a\rb\r\nc")));

        awaitBothCaughtUp();
        assertThat(expected).containsKeys("bom", "crlf", "a", "b", "c")
            .doesNotContainKey("\uFEFFbom");
    }

    @Test
    void shouldCountMixedScriptsByTheTokenizerRule() throws Exception {
        publish(MultilingualText.corpus(500, 19L).stream()
            .filter(line -> !MultilingualText.INVALID_UTF8.contains(line)).toList());

        awaitBothCaughtUp();
        assertThat(expected).containsKeys("kafka", "οδος", "москва", "don't", "café");
    }

    @Test
    void shouldSplitATenMegabyteLineFromProduceWithoutLosingOrCuttingAWord(@TempDir Path folder)
            throws Exception {
        // Long words keep the word count, and so the test's time, down; length is what counts.
        byte[] line = text(10 * 1024 * 1024, new Random(5), 60);
        Path file = folder.resolve("one-long-line.txt");
        Files.write(file, line);
        long recordsBefore = EndOffsets.total(EndOffsets.of(admin, config.inputTopic()));

        int exit = TallyCli.execute("produce", "-b", broker.bootstrapServers(), file.toString());

        assertThat(exit).isZero();
        // The whole line's words, as one unsplit text: splitting must not change them.
        tokenizer.tokenize(line, word -> expected.merge(word, 1L, Long::sum));
        long records = EndOffsets.total(EndOffsets.of(admin, config.inputTopic())) - recordsBefore;
        assertThat(records).isGreaterThanOrEqualTo(line.length / config.producerMaxLineBytes());
    }

    @Test
    void shouldRefuseACountsTopicOfAnotherFormatWithUsageErrorAndWriteNothing()
            throws Exception {
        String foreign = "bad-input-foreign-counts";
        TopicSetup.ensure(admin, config, List.of(), List.of(foreign));
        producer.send(new ProducerRecord<>(foreign, utf8("kafka"), utf8("not a long"))).get();
        Map<TopicPartition, Long> before = EndOffsets.of(admin, foreign);
        String[] common = {"-b", broker.bootstrapServers(),
            "--set", TallyConfig.STREAMS_COUNTS_TOPIC_CONFIG + "=" + foreign,
            "--set", TallyConfig.SHARED_COUNTS_TOPIC_CONFIG + "=" + foreign,
            "--set", TallyConfig.STREAMS_APPLICATION_ID_CONFIG + "=bad-input-foreign",
            "--set", "state.dir=" + Files.createTempDirectory("tally-foreign")};

        for (String command : List.of("streams", "shared", "counts")) {
            String[] arguments = join(command, common,
                command.equals("counts") ? "--top=1" : "--until-caught-up");
            assertThat(TallyCli.execute(arguments)).as(command).isEqualTo(2);
        }

        assertThat(EndOffsets.of(admin, foreign)).isEqualTo(before);
    }

    @Test
    void shouldRefuseAMissingInputFileWithUsageErrorBeforePublishing(@TempDir Path folder) {
        long recordsBefore = EndOffsets.total(EndOffsets.of(admin, config.inputTopic()));

        int missing = TallyCli.execute("produce", "-b", broker.bootstrapServers(),
            folder.resolve("absent.txt").toString());
        int directory = TallyCli.execute("produce", "-b", broker.bootstrapServers(),
            folder.toString());

        assertThat(missing).isEqualTo(2);
        assertThat(directory).isEqualTo(2);
        assertThat(EndOffsets.total(EndOffsets.of(admin, config.inputTopic())))
            .isEqualTo(recordsBefore);
    }

    private static String[] join(String command, String[] common, String last) {
        List<String> arguments = new ArrayList<>();
        arguments.add(command);
        arguments.addAll(List.of(common));
        arguments.add(last);
        return arguments.toArray(new String[0]);
    }

    /** Sends {@code values} as they are, waits for every acknowledgement, and expects them. */
    private static List<RecordMetadata> publish(List<byte[]> values) throws Exception {
        List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>();
        for (byte[] value : values) {
            acks.add(producer.send(new ProducerRecord<>(config.inputTopic(), value)));
            if (value != null) {
                tokenizer.tokenize(value, word -> expected.merge(word, 1L, Long::sum));
            }
        }
        List<RecordMetadata> sent = new ArrayList<>();
        for (java.util.concurrent.Future<RecordMetadata> ack : acks) {
            sent.add(ack.get());
        }
        return sent;
    }

    private static void awaitBothCaughtUp() throws InterruptedException {
        Map<TopicPartition, Long> ends = EndOffsets.of(admin, config.inputTopic());
        assertThat(shared.awaitCommitted(ends, TIMEOUT, done -> { })).isTrue();
        assertThat(streams.awaitCaughtUp(admin, ends, TIMEOUT, done -> { })).isTrue();
    }

    /** Words of up to {@code longest} letters and spaces, {@code length} bytes of ASCII. */
    private static byte[] text(int length, Random random, int longest) {
        byte[] bytes = new byte[length];
        int wordLeft = 0;
        for (int i = 0; i < length; i++) {
            if (wordLeft == 0) {
                bytes[i] = ' ';
                wordLeft = 1 + random.nextInt(longest);
            } else {
                bytes[i] = (byte) ('a' + random.nextInt(6));
                wordLeft--;
            }
        }
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return DeadLetterHeaders.read(record.headers(), name);
    }
}
