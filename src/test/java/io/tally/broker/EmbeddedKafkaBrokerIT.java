package io.tally.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a real embedded broker and talks to it with the ordinary Kafka clients. */
class EmbeddedKafkaBrokerIT {

    /** Upper bound for any single client operation or wait in these tests. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startSharedBroker() {
        broker = EmbeddedKafkaBroker.builder().start();
    }

    @AfterAll
    static void stopSharedBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldServeProduceAndConsumeOnTopicWithFourPartitions() throws Exception {
        createTopic(broker, "words", 4);
        List<String> sent = values("word", 100);

        produce(broker, "words", sent);

        assertThat(consumeWithGroup(broker, "words", sent.size()))
            .containsExactlyInAnyOrderElementsOf(sent);
        assertThat(broker.startupTime()).isPositive();
    }

    @Test
    void shouldShowCommittedButNotAbortedTransactionToReadCommittedConsumer() throws Exception {
        createTopic(broker, "transactional", 1);
        Map<String, Object> config = producerConfig(broker);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tally-it-transaction");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            sendInTransaction(producer, "transactional", values("committed", 5));
            producer.commitTransaction();
            sendInTransaction(producer, "transactional", values("aborted", 3));
            producer.abortTransaction();
        }

        assertThat(consumeToEnd(broker, "transactional"))
            .containsExactlyElementsOf(values("committed", 5));
    }

    @Test
    void shouldKeepTopicAndRecordsWhenRestartedOnSameDataDirAndPort(@TempDir Path tmp)
            throws Exception {
        Path dataDir = tmp.resolve("kafka");
        List<String> sent = values("kept", 20);
        int port;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().dataDir(dataDir).start()) {
            port = first.port();
            createTopic(first, "kept", 2);
            produce(first, "kept", sent);
        }
        assertThat(dataDir.resolve("meta.properties")).isRegularFile();

        try (EmbeddedKafkaBroker second =
                 EmbeddedKafkaBroker.builder().dataDir(dataDir).port(port).start()) {
            assertThat(second.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(listTopics(second)).contains("kept");
            assertThat(consumeToEnd(second, "kept")).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    @Test
    void shouldFailFastWithClearMessageWhenPortIsAlreadyInUse() {
        long startNanos = System.nanoTime();

        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(broker.port()).start())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("Port " + broker.port())
            .hasMessageContaining("choose another --port")
            .hasMessageContaining("stop the other process");
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos))
            .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldThrowInsteadOfEndingJvmWhenControllerFailsHalfwayThroughStartup(@TempDir Path tmp)
            throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String controller = "127.0.0.1:" + taken.getLocalPort();
            EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder()
                .dataDir(tmp.resolve("kafka"))
                .brokerProperty("listeners", "CLIENT://127.0.0.1:" + freePort()
                    + ",CONTROLLER://" + controller)
                .brokerProperty("controller.quorum.voters", "1@" + controller);

            assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed to start")
                .hasMessageContaining(tmp.resolve("kafka").toString());
        }
        try (EmbeddedKafkaBroker afterFailure = EmbeddedKafkaBroker.builder().start()) {
            assertThat(listTopics(afterFailure)).isNotNull();
        }
    }

    @Test
    void shouldDeleteTemporaryDataDirOnCloseAndTolerateSecondClose() {
        EmbeddedKafkaBroker temporary = EmbeddedKafkaBroker.builder().start();
        Path dataDir = temporary.dataDir();
        assertThat(dataDir.resolve("meta.properties")).isRegularFile();

        temporary.close();
        temporary.close();

        assertThat(Files.exists(dataDir)).isFalse();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static List<String> values(String prefix, int count) {
        return IntStream.range(0, count)
            .mapToObj(i -> prefix + "-" + i)
            .collect(Collectors.toList());
    }

    private static void createTopic(EmbeddedKafkaBroker target, String topic, int partitions)
            throws Exception {
        try (Admin admin = Admin.create(adminConfig(target))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static Set<String> listTopics(EmbeddedKafkaBroker target) throws Exception {
        try (Admin admin = Admin.create(adminConfig(target))) {
            return admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static Map<String, Object> adminConfig(EmbeddedKafkaBroker target) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
    }

    private static void produce(EmbeddedKafkaBroker target, String topic, List<String> values)
            throws Exception {
        try (KafkaProducer<String, String> producer =
                 new KafkaProducer<>(producerConfig(target))) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value, value))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private static void sendInTransaction(
            KafkaProducer<String, String> producer, String topic, List<String> values) {
        producer.beginTransaction();
        values.forEach(value -> producer.send(new ProducerRecord<>(topic, value, value)));
        producer.flush();
    }

    private static Map<String, Object> producerConfig(EmbeddedKafkaBroker target) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    private static Map<String, Object> consumerConfig(EmbeddedKafkaBroker target) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return config;
    }

    /** Consumes through a consumer group, which needs the offsets topic to work with RF 1. */
    private static List<String> consumeWithGroup(
            EmbeddedKafkaBroker target, String topic, int expected) {
        Map<String, Object> config = consumerConfig(target);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "tally-it-" + topic);
        List<String> received = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            while (received.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
            }
            consumer.commitSync(TIMEOUT);
        }
        return received;
    }

    /**
     * Reads every partition of {@code topic} from the beginning until the consumer's position
     * reaches the end offset (the last stable offset under read_committed), so the result is
     * complete without guessing how long to wait.
     */
    private static List<String> consumeToEnd(EmbeddedKafkaBroker target, String topic) {
        List<String> received = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(target))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            while (!reachedEnd(consumer, end) && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                records.forEach(record -> received.add(record.value()));
            }
            assertThat(reachedEnd(consumer, end)).as("reached end offsets %s", end).isTrue();
        }
        return received;
    }

    private static boolean reachedEnd(
            KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream()
            .allMatch(e -> consumer.position(e.getKey(), TIMEOUT) >= e.getValue());
    }
}
