package io.tally.streams;

import io.tally.config.TallyConfig;
import io.tally.tokenizer.Tokenizer;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The message-passing path: a Kafka Streams topology that counts words in a state store. Each
 * stream task owns the counts of its partitions, so no thread shares a mutable map.
 *
 * <p>Every processor, store and internal topic has a fixed name, so that the output of
 * {@code tally topology} and the names of internal topics stay stable across versions.
 */
public final class WordCountTopology {

    public static final String SOURCE = "text-lines-source";
    public static final String CLASSIFY = "classify-lines";
    public static final String ROUTE = "route-";
    public static final String VALID_BRANCH = "valid";
    public static final String DEAD_LETTER_BRANCH = "dead-letters";
    public static final String DEAD_LETTER_BYTES = "dead-letter-bytes";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";
    public static final String SPLIT = "split-words";
    /** The combining processor of the {@code combined} variant, and its buffer store. */
    public static final String COMBINE = "combine-words";
    public static final String BUFFER_STORE = "word-buffer-store";
    /** Also names the repartition topic: {@code <application.id>-group-by-word-repartition}. */
    public static final String GROUP_BY_WORD = "group-by-word";
    public static final String COUNT = "count-words";
    public static final String SUM = "sum-partial-counts";
    /** The state store that holds the current count of each word. */
    public static final String STORE = "word-counts-store";
    public static final String COUNTS_TO_STREAM = "counts-to-stream";
    /** Passes counts on to the sink, telling the path's stats that each was written. */
    public static final String OBSERVE_COUNTS = "observe-counts-written";
    public static final String COUNTS_SINK = "word-counts-sink";

    /** Variant names of {@code tally.streams.variant}. */
    public static final String PLAIN = "plain";
    public static final String COMBINED = "combined";
    /** Store names of {@code tally.streams.store}. */
    public static final String IN_MEMORY = "in-memory";
    public static final String ROCKSDB = "rocksdb";

    private WordCountTopology() {
    }

    /** Builds the topology that {@code config} selects. */
    public static Topology build(TallyConfig config) {
        return build(config, new Tokenizer(config.wordMaxLength()));
    }

    /** Builds the topology with the given tokenizer, which must follow the default rule. */
    public static Topology build(TallyConfig config, Tokenizer tokenizer) {
        return build(config, tokenizer, new StreamsPathStats());
    }

    /** Builds the topology, which keeps its running totals in {@code stats}. */
    public static Topology build(TallyConfig config, Tokenizer tokenizer,
            StreamsPathStats stats) {
        StreamsBuilder builder = new StreamsBuilder();

        KStream<byte[], ClassifiedLine> lines = builder
            .stream(config.inputTopic(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE))
            .processValues(() -> new LineClassifier(stats), Named.as(CLASSIFY));

        Map<String, KStream<byte[], ClassifiedLine>> routes = lines
            .split(Named.as(ROUTE))
            .branch((key, line) -> line.validUtf8(), Branched.as(VALID_BRANCH))
            .defaultBranch(Branched.as(DEAD_LETTER_BRANCH));

        routes.get(ROUTE + DEAD_LETTER_BRANCH)
            .mapValues(ClassifiedLine::bytes, Named.as(DEAD_LETTER_BYTES))
            .to(config.deadLetterTopic(),
                Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(DEAD_LETTER_SINK));

        KStream<byte[], ClassifiedLine> valid = routes.get(ROUTE + VALID_BRANCH);
        KTable<String, Long> counts = config.streamsVariant().equals(COMBINED)
            ? combined(valid, config, tokenizer, stats)
            : plain(valid, config, tokenizer, stats);

        counts.toStream(Named.as(COUNTS_TO_STREAM))
            .processValues(() -> new CountsWrittenObserver(stats), Named.as(OBSERVE_COUNTS))
            .to(config.streamsCountsTopic(),
                Produced.with(Serdes.String(), Serdes.Long()).withName(COUNTS_SINK));

        return builder.build();
    }

    /** One record per word through the repartition topic, counted on the other side. */
    private static KTable<String, Long> plain(KStream<byte[], ClassifiedLine> valid,
            TallyConfig config, Tokenizer tokenizer, StreamsPathStats stats) {
        return valid
            .process(() -> new WordSplitter(tokenizer, stats), Named.as(SPLIT))
            .groupByKey(Grouped.with(GROUP_BY_WORD, Serdes.String(), Serdes.String()))
            .count(Named.as(COUNT), countsStore(config));
    }

    /**
     * Partial counts per task and commit through the repartition topic, summed on the other
     * side.
     */
    private static KTable<String, Long> combined(KStream<byte[], ClassifiedLine> valid,
            TallyConfig config, Tokenizer tokenizer, StreamsPathStats stats) {
        return valid
            .process(WordCombiner.supplier(tokenizer, stats), Named.as(COMBINE))
            .groupByKey(Grouped.with(GROUP_BY_WORD, Serdes.String(), Serdes.Long()))
            .reduce(Long::sum, Named.as(SUM), countsStore(config));
    }

    private static Materialized<String, Long, KeyValueStore<Bytes, byte[]>> countsStore(
            TallyConfig config) {
        KeyValueBytesStoreSupplier store = config.streamsStore().equals(ROCKSDB)
            ? Stores.persistentKeyValueStore(STORE)
            : Stores.inMemoryKeyValueStore(STORE);
        return Materialized.<String, Long>as(store)
            .withKeySerde(Serdes.String())
            .withValueSerde(Serdes.Long());
    }
}
