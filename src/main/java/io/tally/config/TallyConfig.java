package io.tally.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.Range.between;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every {@code tally.*} setting, each a documented constant with a type, a default and a
 * validator, in the manner of Kafka's own {@code StreamsConfig}.
 *
 * <p>Settings are layered: built-in defaults, then the properties file, then {@code --set}
 * overrides. Keys that do not start with {@code tally.} are not Tally's: they are kept apart
 * and handed to the Kafka clients untouched (for example {@code security.protocol} or
 * {@code sasl.jaas.config}). An unknown {@code tally.*} key or a bad value is rejected at
 * start-up with a {@link ConfigException} that names the key.
 */
public final class TallyConfig extends AbstractConfig {

    /** Prefix that marks a key as Tally's own rather than a Kafka client's. */
    public static final String PREFIX = "tally.";

    /** The properties file read when {@code --config} is not given, if it exists. */
    public static final Path DEFAULT_CONFIG_FILE = Path.of("config", "tally.properties");

    public static final String INPUT_TOPIC_CONFIG = "tally.topic.input";
    private static final String INPUT_TOPIC_DOC =
        "Topic the producers write text lines to and both counting paths read.";

    public static final String STREAMS_COUNTS_TOPIC_CONFIG = "tally.topic.counts.streams";
    private static final String STREAMS_COUNTS_TOPIC_DOC =
        "Compacted topic the message-passing (Kafka Streams) path writes word counts to.";

    public static final String SHARED_COUNTS_TOPIC_CONFIG = "tally.topic.counts.shared";
    private static final String SHARED_COUNTS_TOPIC_DOC =
        "Compacted topic the shared-memory path writes word counts to.";

    public static final String DEAD_LETTER_TOPIC_CONFIG = "tally.topic.dead.letter";
    private static final String DEAD_LETTER_TOPIC_DOC =
        "Topic that receives input records whose value is not valid UTF-8, with headers naming"
            + " the reason and the source topic, partition and offset.";

    public static final String TOPIC_PARTITIONS_CONFIG = "tally.topic.partitions";
    private static final String TOPIC_PARTITIONS_DOC =
        "Partitions of each topic Tally creates when it is missing.";

    public static final String TOPIC_REPLICATION_FACTOR_CONFIG = "tally.topic.replication.factor";
    private static final String TOPIC_REPLICATION_FACTOR_DOC =
        "Replication factor of each topic Tally creates; -1 takes the broker's default.";

    public static final String WORD_MAX_LENGTH_CONFIG = "tally.word.max.length";
    private static final String WORD_MAX_LENGTH_DOC =
        "Longest word counted, in code points after lowercasing. Longer words are dropped and"
            + " counted in a metric.";

    public static final String STREAMS_APPLICATION_ID_CONFIG = "tally.streams.application.id";
    private static final String STREAMS_APPLICATION_ID_DOC =
        "Kafka Streams application id of the message-passing path; it names its consumer group"
            + " and internal topics.";

    public static final String STREAMS_VARIANT_CONFIG = "tally.streams.variant";
    private static final String STREAMS_VARIANT_DOC =
        "Shape of the word-count topology. 'plain': split, group by word, count (one record per"
            + " word crosses the repartition topic). 'combined': each task counts words in a"
            + " buffer and sends partial counts, which are summed; exactly-once all the same.";

    public static final String STREAMS_COMBINE_INTERVAL_MS_CONFIG =
        "tally.streams.combine.interval.ms";
    private static final String STREAMS_COMBINE_INTERVAL_MS_DOC =
        "How often the combined topology commits, in milliseconds; every commit first sends"
            + " the partial counts buffered since the last one. Longer means fewer records and"
            + " more latency. Sets Kafka Streams' commit.interval.ms, which --set may override.";

    public static final String STREAMS_STORE_CONFIG = "tally.streams.store";
    private static final String STREAMS_STORE_DOC =
        "Store of the word counts: 'in-memory' (restored from its changelog on start) or"
            + " 'rocksdb' (on disk under state.dir).";

    public static final String SHARED_CONSUMERS_CONFIG = "tally.shared.consumers";
    private static final String SHARED_CONSUMERS_DOC =
        "Consumer threads of the shared-memory path, all updating one map in this JVM; at most"
            + " one per input partition.";

    public static final String SHARED_STRATEGY_CONFIG = "tally.shared.strategy";
    private static final String SHARED_STRATEGY_DOC =
        "How the shared map is guarded. 'locked-map': one lock around a HashMap, taken for every"
            + " word. 'locked-batch': each thread counts a poll batch locally, then merges it"
            + " under the one lock. 'striped': 64 locks, each guarding the words that hash to it."
            + " 'concurrent': ConcurrentHashMap of LongAdder, no lock. 'actor': threads send"
            + " partial maps over a bounded channel to one owner thread.";

    public static final String SHARED_FLUSH_INTERVAL_MS_CONFIG = "tally.shared.flush.interval.ms";
    private static final String SHARED_FLUSH_INTERVAL_MS_DOC =
        "How often the shared path checkpoints: it writes the changed counts and the input"
            + " positions they cover in one transaction, in milliseconds. It also does so at once"
            + " when the input runs dry.";

    public static final String PRODUCER_THREADS_CONFIG = "tally.producer.threads";
    private static final String PRODUCER_THREADS_DOC = "Threads that publish text lines.";

    public static final String PRODUCER_MAX_LINE_BYTES_CONFIG = "tally.producer.max.line.bytes";
    private static final String PRODUCER_MAX_LINE_BYTES_DOC =
        "Longest line sent as one record, in bytes. A longer line is split at a space or other"
            + " ASCII separator, so that no word is cut. Keep it below the producer's"
            + " max.request.size and the broker's message.max.bytes.";

    public static final String CONNECT_TIMEOUT_MS_CONFIG = "tally.connect.timeout.ms";
    private static final String CONNECT_TIMEOUT_MS_DOC =
        "How long a command waits at start for the cluster to answer before it fails with a"
            + " message, in milliseconds.";

    public static final String CATCH_UP_TIMEOUT_MS_CONFIG = "tally.catch.up.timeout.ms";
    private static final String CATCH_UP_TIMEOUT_MS_DOC =
        "Longest a service run with --until-caught-up, or the demo, waits for the counts to"
            + " reach the end of the input before it gives up, in milliseconds.";

    /** Topology variants; see {@link #STREAMS_VARIANT_CONFIG}. */
    public static final List<String> STREAMS_VARIANTS = List.of("plain", "combined");

    /** Count stores; see {@link #STREAMS_STORE_CONFIG}. */
    public static final List<String> STREAMS_STORES = List.of("in-memory", "rocksdb");

    /** Shared-map strategies; see {@link #SHARED_STRATEGY_CONFIG}. */
    public static final List<String> SHARED_STRATEGIES =
        List.of("locked-map", "locked-batch", "striped", "concurrent", "actor");

    private static final ConfigDef CONFIG = new ConfigDef()
        .define(INPUT_TOPIC_CONFIG, Type.STRING, "text-lines", new NonEmptyString(), HIGH,
            INPUT_TOPIC_DOC)
        .define(STREAMS_COUNTS_TOPIC_CONFIG, Type.STRING, "word-counts", new NonEmptyString(),
            HIGH, STREAMS_COUNTS_TOPIC_DOC)
        .define(SHARED_COUNTS_TOPIC_CONFIG, Type.STRING, "word-counts-shared",
            new NonEmptyString(), HIGH, SHARED_COUNTS_TOPIC_DOC)
        .define(DEAD_LETTER_TOPIC_CONFIG, Type.STRING, "text-lines-dlq", new NonEmptyString(),
            HIGH, DEAD_LETTER_TOPIC_DOC)
        .define(TOPIC_PARTITIONS_CONFIG, Type.INT, 4, between(1, 10_000), MEDIUM,
            TOPIC_PARTITIONS_DOC)
        .define(TOPIC_REPLICATION_FACTOR_CONFIG, Type.SHORT, (short) -1, between(-1, 32), MEDIUM,
            TOPIC_REPLICATION_FACTOR_DOC)
        .define(WORD_MAX_LENGTH_CONFIG, Type.INT, 100, between(1, 1_000_000), MEDIUM,
            WORD_MAX_LENGTH_DOC)
        .define(STREAMS_APPLICATION_ID_CONFIG, Type.STRING, "tally-streams",
            new NonEmptyString(), MEDIUM, STREAMS_APPLICATION_ID_DOC)
        .define(STREAMS_VARIANT_CONFIG, Type.STRING, "plain", in(STREAMS_VARIANTS), MEDIUM,
            STREAMS_VARIANT_DOC)
        .define(STREAMS_COMBINE_INTERVAL_MS_CONFIG, Type.LONG, 500L, between(1, 300_000),
            LOW, STREAMS_COMBINE_INTERVAL_MS_DOC)
        .define(STREAMS_STORE_CONFIG, Type.STRING, "in-memory", in(STREAMS_STORES), LOW,
            STREAMS_STORE_DOC)
        .define(SHARED_CONSUMERS_CONFIG, Type.INT, 2, between(1, 1024), MEDIUM,
            SHARED_CONSUMERS_DOC)
        .define(SHARED_STRATEGY_CONFIG, Type.STRING, "locked-map", in(SHARED_STRATEGIES), MEDIUM,
            SHARED_STRATEGY_DOC)
        .define(SHARED_FLUSH_INTERVAL_MS_CONFIG, Type.LONG, 1_000L, between(1, 3_600_000), LOW,
            SHARED_FLUSH_INTERVAL_MS_DOC)
        .define(PRODUCER_THREADS_CONFIG, Type.INT, 2, between(1, 1024), MEDIUM,
            PRODUCER_THREADS_DOC)
        .define(PRODUCER_MAX_LINE_BYTES_CONFIG, Type.INT, 1_000_000, between(16, 100_000_000),
            LOW, PRODUCER_MAX_LINE_BYTES_DOC)
        .define(CONNECT_TIMEOUT_MS_CONFIG, Type.INT, 15_000, between(100, 600_000), LOW,
            CONNECT_TIMEOUT_MS_DOC)
        .define(CATCH_UP_TIMEOUT_MS_CONFIG, Type.LONG, 600_000L, atLeast(1), LOW,
            CATCH_UP_TIMEOUT_MS_DOC);

    private final Map<String, String> clientProperties;

    private TallyConfig(Map<String, String> tallyProperties, Map<String, String> clientProps) {
        super(CONFIG, tallyProperties, false);
        this.clientProperties = Collections.unmodifiableMap(clientProps);
    }

    /** The definitions of every key, for documentation and {@code --help}. */
    public static ConfigDef definition() {
        return new ConfigDef(CONFIG);
    }

    /** Built-in defaults only, with no file and no overrides. */
    public static TallyConfig defaults() {
        return fromProperties(Map.of());
    }

    /**
     * Loads the layered settings.
     *
     * @param file properties file, or {@code null} to read {@link #DEFAULT_CONFIG_FILE} when it
     *     exists
     * @param overrides {@code --set} values, which win over the file
     * @throws ConfigException when the file cannot be read, a key is unknown or a value is bad
     */
    public static TallyConfig load(Path file, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (file != null) {
            merged.putAll(readFile(file));
        } else if (Files.isRegularFile(DEFAULT_CONFIG_FILE)) {
            merged.putAll(readFile(DEFAULT_CONFIG_FILE));
        }
        merged.putAll(overrides);
        return fromProperties(merged);
    }

    /** This configuration with {@code overrides} applied on top, validated again. */
    public TallyConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(originalsStrings());
        merged.putAll(clientProperties);
        merged.putAll(overrides);
        return fromProperties(merged);
    }

    /** Validates a flat map of Tally and Kafka client keys. */
    public static TallyConfig fromProperties(Map<String, String> properties) {
        Map<String, String> tally = new LinkedHashMap<>();
        Map<String, String> clients = new LinkedHashMap<>();
        Set<String> known = CONFIG.names();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            String key = entry.getKey().trim();
            String value = entry.getValue().trim();
            if (!key.startsWith(PREFIX)) {
                clients.put(key, value);
            } else if (known.contains(key)) {
                tally.put(key, value);
            } else {
                throw new ConfigException("Unknown setting '" + key + "'. Tally's keys are: "
                    + String.join(", ", CONFIG.names()) + " (see config/tally.properties).");
            }
        }
        return new TallyConfig(tally, clients);
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new ConfigException("Config file " + file + " does not exist. Pass an existing"
                + " file with --config, or leave --config out to use built-in defaults.");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage()
                + ". Check that it is a readable Java properties file.");
        }
        Map<String, String> result = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> result.put(k, properties.getProperty(k)));
        return result;
    }

    private static ConfigDef.Validator in(List<String> names) {
        return ValidString.in(names.toArray(new String[0]));
    }

    /**
     * Settings that are not Tally's, to be passed to every Kafka client Tally creates. They win
     * over Tally's built-in client tuning.
     */
    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    public String inputTopic() {
        return getString(INPUT_TOPIC_CONFIG);
    }

    public String streamsCountsTopic() {
        return getString(STREAMS_COUNTS_TOPIC_CONFIG);
    }

    public String sharedCountsTopic() {
        return getString(SHARED_COUNTS_TOPIC_CONFIG);
    }

    public String deadLetterTopic() {
        return getString(DEAD_LETTER_TOPIC_CONFIG);
    }

    public int topicPartitions() {
        return getInt(TOPIC_PARTITIONS_CONFIG);
    }

    public short topicReplicationFactor() {
        return getShort(TOPIC_REPLICATION_FACTOR_CONFIG);
    }

    public int wordMaxLength() {
        return getInt(WORD_MAX_LENGTH_CONFIG);
    }

    public String streamsApplicationId() {
        return getString(STREAMS_APPLICATION_ID_CONFIG);
    }

    public String streamsVariant() {
        return getString(STREAMS_VARIANT_CONFIG);
    }

    public long streamsCombineIntervalMs() {
        return getLong(STREAMS_COMBINE_INTERVAL_MS_CONFIG);
    }

    public String streamsStore() {
        return getString(STREAMS_STORE_CONFIG);
    }

    public int sharedConsumers() {
        return getInt(SHARED_CONSUMERS_CONFIG);
    }

    public String sharedStrategy() {
        return getString(SHARED_STRATEGY_CONFIG);
    }

    public long sharedFlushIntervalMs() {
        return getLong(SHARED_FLUSH_INTERVAL_MS_CONFIG);
    }

    public int producerThreads() {
        return getInt(PRODUCER_THREADS_CONFIG);
    }

    public int producerMaxLineBytes() {
        return getInt(PRODUCER_MAX_LINE_BYTES_CONFIG);
    }

    public int connectTimeoutMs() {
        return getInt(CONNECT_TIMEOUT_MS_CONFIG);
    }

    public long catchUpTimeoutMs() {
        return getLong(CATCH_UP_TIMEOUT_MS_CONFIG);
    }
}
