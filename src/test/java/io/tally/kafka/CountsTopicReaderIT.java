package io.tally.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.config.TallyConfig;
import io.tally.testing.EmbeddedBrokerExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A read of a counts topic must not stop at a last stable offset that an undecided transaction
 * holds back: the commit of a transaction is acknowledged before its markers are on every
 * partition, so a read started just after a path committed its final counts would miss them.
 */
class CountsTopicReaderIT {

    @RegisterExtension
    static final EmbeddedBrokerExtension broker = new EmbeddedBrokerExtension();

    @Test
    void shouldWaitForATransactionOpenAtTheStartAndIncludeItsCounts() throws Exception {
        TallyConfig config = config("reader-waits");
        try (Admin admin = Admin.create(KafkaClients.admin(config));
                KafkaProducer<byte[], byte[]> producer = transactional(config, "waits")) {
            commitOneCountThenLeaveOneOpen(admin, producer, config);

            CompletableFuture<Map<String, Long>> read = CompletableFuture.supplyAsync(() ->
                CountsTopicReader.readAll(config, admin, config.streamsCountsTopic()));
            TimeUnit.SECONDS.sleep(1);
            assertThat(read).as("still waiting for the open transaction").isNotDone();
            producer.commitTransaction();

            assertThat(read.get(30, TimeUnit.SECONDS)).containsOnly(Map.entry("kafka", 2L));
        }
    }

    @Test
    void shouldEndAtTheStableOffsetWhenATransactionStaysOpen() throws Exception {
        TallyConfig config = config("reader-settles");
        try (Admin admin = Admin.create(KafkaClients.admin(config));
                KafkaProducer<byte[], byte[]> producer = transactional(config, "settles")) {
            commitOneCountThenLeaveOneOpen(admin, producer, config);

            long started = System.nanoTime();
            Map<String, Long> counts =
                CountsTopicReader.readAll(config, admin, config.streamsCountsTopic());

            assertThat(counts).containsOnly(Map.entry("kafka", 1L));
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(Duration.ofSeconds(60));
            producer.abortTransaction();
        }
    }

    private static TallyConfig config(String name) {
        return TallyConfig.fromProperties(Map.of(
            "bootstrap.servers", broker.bootstrapServers(),
            TallyConfig.INPUT_TOPIC_CONFIG, name + "-input",
            TallyConfig.STREAMS_COUNTS_TOPIC_CONFIG, name + "-counts",
            TallyConfig.SHARED_COUNTS_TOPIC_CONFIG, name + "-counts-shared",
            TallyConfig.DEAD_LETTER_TOPIC_CONFIG, name + "-dlq"));
    }

    private static KafkaProducer<byte[], byte[]> transactional(TallyConfig config, String id) {
        Properties properties = KafkaClients.producer(config);
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "reader-test-" + id);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties);
        producer.initTransactions();
        return producer;
    }

    /** Commits kafka=1, then writes kafka=2 in a transaction left open. */
    private static void commitOneCountThenLeaveOneOpen(Admin admin,
            KafkaProducer<byte[], byte[]> producer, TallyConfig config) throws Exception {
        TopicSetup.ensureTopics(admin, config);
        write(producer, config, "kafka", 1);
        producer.commitTransaction();
        write(producer, config, "kafka", 2);
    }

    /** Writes one count in a transaction of its own, flushed but not committed. */
    private static void write(KafkaProducer<byte[], byte[]> producer, TallyConfig config,
            String word, long count) throws Exception {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(config.streamsCountsTopic(), 0,
            word.getBytes(StandardCharsets.UTF_8),
            ByteBuffer.allocate(Long.BYTES).putLong(count).array())).get();
    }
}
