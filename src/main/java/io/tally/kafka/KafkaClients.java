package io.tally.kafka;

import io.tally.config.TallyConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Builds the settings of every Kafka client Tally creates. Each client starts from Tally's
 * tuning, then takes every non-{@code tally.} key of the configuration, so the user always has
 * the last word (security settings, timeouts, batching).
 */
public final class KafkaClients {

    /** How long a client may block on metadata before a send or a call fails. */
    public static final int DEFAULT_BLOCK_MS = 30_000;

    private KafkaClients() {
    }

    /** The cluster address, or a usage error saying how to give one. */
    public static String bootstrapServers(TallyConfig config) {
        String servers =
            config.clientProperties().get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null || servers.isBlank()) {
            throw new ConfigException("No Kafka cluster given. Pass --bootstrap-server HOST:PORT,"
                + " set bootstrap.servers in the config file, or start one with 'tally broker'.");
        }
        return servers;
    }

    /** Settings for an admin client. */
    public static Properties admin(TallyConfig config) {
        Properties properties = new Properties();
        properties.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, DEFAULT_BLOCK_MS);
        properties.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        return withUserSettings(properties, config);
    }

    /**
     * Settings for a producer tuned for throughput without giving up safety: idempotent,
     * {@code acks=all}, lz4 batches of up to 256 KiB that wait up to 20 ms to fill.
     */
    public static Properties producer(TallyConfig config) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DEFAULT_BLOCK_MS);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return withUserSettings(properties, config);
    }

    /** Settings for a consumer in {@code groupId} that reads only committed data. */
    public static Properties consumer(TallyConfig config, String groupId) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class);
        return withUserSettings(properties, config);
    }

    /**
     * Settings for a consumer that is given its partitions instead of joining a group, and
     * reads only committed data.
     */
    public static Properties assignedConsumer(TallyConfig config) {
        Properties properties = consumer(config, "assigned");
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return properties;
    }

    private static Properties withUserSettings(Properties properties, TallyConfig config) {
        for (Map.Entry<String, String> entry : config.clientProperties().entrySet()) {
            properties.put(entry.getKey(), entry.getValue());
        }
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(config));
        return properties;
    }
}
