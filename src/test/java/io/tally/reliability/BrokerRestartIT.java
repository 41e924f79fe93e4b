package io.tally.reliability;

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
import io.tally.shared.SharedCounters;
import io.tally.shared.SharedCountingService;
import io.tally.streams.StreamsService;
import io.tally.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the broker while both paths count and publishing goes on, starts it again on the same
 * port and data folder, and requires both paths to recover on their own and end exact.
 */
class BrokerRestartIT {

    private static final Logger log = LoggerFactory.getLogger(BrokerRestartIT.class);
    private static final int LINES = 200_000;
    private static final Duration OUTAGE = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    Path folder;

    @Test
    void shouldEndExactOnBothPathsAfterTheBrokerRestartsWhileTheyCount() throws Exception {
        Path data = folder.resolve("broker");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(data).start();
        int port = broker.port();
        TallyConfig config = TallyConfig.fromProperties(Map.of(
            "bootstrap.servers", broker.bootstrapServers(),
            TallyConfig.STREAMS_VARIANT_CONFIG, "combined",
            "state.dir", folder.resolve("state").toString()));
        CorpusGenerator corpus = new CorpusGenerator(LINES, 20_000, 1.0, 10, 5);
        DirectCount expected = DirectCount.of(LineSource.generated(corpus),
            new Tokenizer(config.wordMaxLength()), config.producerMaxLineBytes());

        try (Admin admin = Admin.create(KafkaClients.admin(config));
                SharedCountingService shared = new SharedCountingService(config,
                    SharedCounters.create("striped"), 2);
                StreamsService streams = new StreamsService(config)) {
            TopicSetup.ensureTopics(admin, config);
            shared.start(admin);
            streams.start(admin);
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(
                () -> PacedLines.publish(config, corpus, 25_000));
            awaitCounting(shared);

            broker.close();
            Thread.sleep(OUTAGE.toMillis());
            long restarted = System.nanoTime();
            broker = EmbeddedKafkaBroker.builder().port(port).dataDir(data).start();

            publishing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Map<TopicPartition, Long> ends = EndOffsets.of(admin, config.inputTopic());
            assertThat(EndOffsets.total(ends)).isEqualTo(expected.records());
            assertThat(shared.awaitCommitted(ends, TIMEOUT, done -> { })).isTrue();
            assertThat(streams.awaitCaughtUp(admin, ends, TIMEOUT, done -> { })).isTrue();
            log.info("Both paths caught up {} ms after the broker came back",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted));

            assertThat(CountsTopicReader.readAll(config, admin, config.sharedCountsTopic()))
                .isEqualTo(expected.counts());
            assertThat(CountsTopicReader.readAll(config, admin, config.streamsCountsTopic()))
                .isEqualTo(expected.counts());
        } finally {
            broker.close();
        }
    }

    /** Waits until the shared path has counted something, so the outage lands mid-stream. */
    private static void awaitCounting(SharedCountingService shared) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (shared.stats().records() == 0) {
            assertThat(System.nanoTime()).as("counting starts in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

}
