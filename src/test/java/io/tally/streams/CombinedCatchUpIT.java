package io.tally.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.broker.EmbeddedKafkaBroker;
import io.tally.config.TallyConfig;
import io.tally.kafka.CountsTopicReader;
import io.tally.kafka.EndOffsets;
import io.tally.kafka.KafkaClients;
import io.tally.kafka.TopicSetup;
import io.tally.producer.CorpusGenerator;
import io.tally.producer.DirectCount;
import io.tally.producer.LineSource;
import io.tally.producer.TextProducer;
import io.tally.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A combining run can stop with all of its input committed while the partial counts of that
 * input are still only in the buffer's changelog. The next run must not call itself caught up
 * until it has restored, sent and counted them.
 */
class CombinedCatchUpIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path state;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldNotBeCaughtUpWhilePartialCountsWaitInTheBufferChangelog() throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
            "bootstrap.servers", broker.bootstrapServers(),
            StreamsConfig.STATE_DIR_CONFIG, state.toString(),
            TallyConfig.STREAMS_VARIANT_CONFIG, WordCountTopology.COMBINED,
            // The first run never emits: it only commits, which logs the buffer.
            TallyConfig.STREAMS_COMBINE_INTERVAL_MS_CONFIG, "600000",
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"));
        TallyConfig holding = TallyConfig.fromProperties(settings);
        CorpusGenerator corpus = new CorpusGenerator(300, 500, 1.0, 10, 7);
        DirectCount expected = DirectCount.of(LineSource.generated(corpus),
            new Tokenizer(holding.wordMaxLength()), holding.producerMaxLineBytes());

        try (Admin admin = Admin.create(KafkaClients.admin(holding))) {
            TopicSetup.ensureTopics(admin, holding);
            new TextProducer(holding, 1).run(LineSource.generated(corpus), dropped -> { });
            Map<TopicPartition, Long> ends = EndOffsets.of(admin, holding.inputTopic());

            try (StreamsService first = new StreamsService(holding)) {
                first.start(admin);
                awaitInputCommitted(admin, holding, ends);
            }
            assertThat(CountsTopicReader.readAll(holding, admin, holding.streamsCountsTopic()))
                .as("the first run sent nothing downstream").isEmpty();

            settings.put(TallyConfig.STREAMS_COMBINE_INTERVAL_MS_CONFIG, "200");
            settings.remove(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
            TallyConfig emitting = TallyConfig.fromProperties(settings);
            try (StreamsService second = new StreamsService(emitting)) {
                second.start(admin);
                assertThat(second.awaitCaughtUp(admin, ends, TIMEOUT, done -> { })).isTrue();
                assertThat(CountsTopicReader.readAll(emitting, admin,
                    emitting.streamsCountsTopic())).isEqualTo(expected.counts());
            }
        }
    }

    private static void awaitInputCommitted(Admin admin, TallyConfig config,
            Map<TopicPartition, Long> ends) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Map<TopicPartition, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(config.streamsApplicationId())
                .partitionsToOffsetAndMetadata().get()
                .forEach((partition, offset) -> committed.put(partition, offset.offset()));
            if (ends.entrySet().stream().allMatch(end ->
                    committed.getOrDefault(end.getKey(), 0L) >= end.getValue())) {
                return;
            }
            assertThat(System.nanoTime()).as("input committed in time").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
