package io.tally.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.config.TallyConfig;
import io.tally.kafka.CountsTopicReader;
import io.tally.kafka.EndOffsets;
import io.tally.kafka.KafkaClients;
import io.tally.kafka.TopicSetup;
import io.tally.producer.CorpusGenerator;
import io.tally.producer.DirectCount;
import io.tally.producer.LineSource;
import io.tally.producer.TextProducer;
import io.tally.testing.EmbeddedBrokerExtension;
import io.tally.testing.StreamsOffsets;
import io.tally.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A combining run that is stopped between two of its periodic commits must send what its
 * buffers hold at the commit of its shutdown, together with the input offsets, so that the
 * next run neither misses nor repeats those words.
 */
class CombinedShutdownIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @RegisterExtension
    static final EmbeddedBrokerExtension broker = new EmbeddedBrokerExtension();

    @TempDir
    Path state;

    @Test
    void shouldSendTheBufferAtTheCommitOfACleanShutdownBetweenCommits() throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
            "bootstrap.servers", broker.bootstrapServers(),
            StreamsConfig.STATE_DIR_CONFIG, state.toString(),
            TallyConfig.STREAMS_VARIANT_CONFIG, WordCountTopology.COMBINED,
            // Far longer than the first run lasts, so that its shutdown makes its first commit.
            TallyConfig.STREAMS_COMBINE_INTERVAL_MS_CONFIG, "60000"));
        TallyConfig stopping = TallyConfig.fromProperties(settings);
        CorpusGenerator corpus = new CorpusGenerator(300, 500, 1.0, 10, 7);
        DirectCount expected = DirectCount.of(LineSource.generated(corpus),
            new Tokenizer(stopping.wordMaxLength()), stopping.producerMaxLineBytes());

        try (Admin admin = Admin.create(KafkaClients.admin(stopping))) {
            TopicSetup.ensureTopics(admin, stopping);
            new TextProducer(stopping, 1).run(LineSource.generated(corpus), dropped -> { });
            Map<TopicPartition, Long> ends = EndOffsets.of(admin, stopping.inputTopic());

            try (StreamsService first = new StreamsService(stopping)) {
                first.start(admin);
                awaitWordsCombined(first, expected.words());
            }
            assertThat(StreamsOffsets.committedInput(admin, stopping))
                .as("committed by the shutdown").isEqualTo(expected.records());
            assertThat(EndOffsets.total(EndOffsets.latest(admin,
                StreamsService.repartitionTopic(stopping)))).as("partial counts sent")
                .isPositive();

            settings.put(TallyConfig.STREAMS_COMBINE_INTERVAL_MS_CONFIG, "200");
            TallyConfig finishing = TallyConfig.fromProperties(settings);
            try (StreamsService second = new StreamsService(finishing)) {
                second.start(admin);
                assertThat(second.awaitCaughtUp(admin, ends, TIMEOUT, done -> { })).isTrue();
                assertThat(CountsTopicReader.readAll(finishing, admin,
                    finishing.streamsCountsTopic())).isEqualTo(expected.counts());
            }
        }
    }

    @Test
    void shouldRefuseAnApplicationWhoseBufferWasLoggedByAnEarlierBuild() throws Exception {
        TallyConfig config = TallyConfig.fromProperties(Map.of(
            "bootstrap.servers", broker.bootstrapServers(),
            StreamsConfig.STATE_DIR_CONFIG, state.toString(),
            TallyConfig.STREAMS_VARIANT_CONFIG, WordCountTopology.COMBINED,
            TallyConfig.STREAMS_APPLICATION_ID_CONFIG, "logged-buffer"));
        try (Admin admin = Admin.create(KafkaClients.admin(config))) {
            TopicSetup.ensureTopics(admin, config);
            admin.createTopics(List.of(new NewTopic(
                "logged-buffer-" + WordCountTopology.BUFFER_STORE + "-changelog", 1,
                (short) 1))).all().get();

            StreamsService streams = new StreamsService(config);
            assertThatThrownBy(() -> streams.start(admin))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka-streams-application-reset --application-id"
                    + " logged-buffer");
        }
    }

    private static void awaitWordsCombined(StreamsService streams, long words)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (streams.stats().words() < words) {
            assertThat(System.nanoTime()).as("input combined in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
