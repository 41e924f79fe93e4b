package io.tally.streams;

import io.tally.config.TallyConfig;
import io.tally.deadletter.DeadLetterHeaders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs the word-count topology in Kafka's {@link TopologyTestDriver}: the real processors and
 * state store, with no broker. Lines are piped in one at a time; counts and dead letters are
 * read back from the output topics exactly as a consumer of the real topics would see them.
 *
 * <p>Not thread-safe: the driver is single-threaded by design.
 */
public final class LocalTopologyRunner implements AutoCloseable {

    /** A dead-letter record as the topology wrote it. */
    public record DeadLetter(long sourceOffset, String reason, byte[] value) {
    }

    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> input;
    private final TestOutputTopic<String, Long> counts;
    private final TestOutputTopic<byte[], byte[]> deadLetterTopic;
    private final Map<String, Long> latestCounts = new HashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();

    public LocalTopologyRunner(TallyConfig config) {
        Properties properties = StreamsService.tuning(config);
        properties.putAll(config.clientProperties());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.streamsApplicationId());
        this.driver = new TopologyTestDriver(WordCountTopology.build(config), properties);
        this.input = driver.createInputTopic(config.inputTopic(),
            new ByteArraySerializer(), new ByteArraySerializer());
        this.counts = driver.createOutputTopic(config.streamsCountsTopic(),
            new StringDeserializer(), new LongDeserializer());
        this.deadLetterTopic = driver.createOutputTopic(config.deadLetterTopic(),
            new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Pipes one input record; its offset is the number of records piped before it. */
    public void pipe(byte[] key, byte[] value) {
        input.pipeInput(key, value);
    }

    /**
     * The latest count of every word so far. The driver commits after every input record, so
     * a combining topology has already sent everything it buffered.
     */
    public Map<String, Long> counts() {
        drain();
        return Collections.unmodifiableMap(latestCounts);
    }

    /** Every dead-letter record so far, in input order. */
    public List<DeadLetter> deadLetters() {
        drain();
        return Collections.unmodifiableList(deadLetters);
    }

    /** Reads the output topics so that the driver's queues stay small on long inputs. */
    public void drain() {
        for (KeyValue<String, Long> update : counts.readKeyValuesToList()) {
            latestCounts.put(update.key, update.value);
        }
        for (TestRecord<byte[], byte[]> record : deadLetterTopic.readRecordsToList()) {
            Headers headers = record.headers();
            String offset = DeadLetterHeaders.read(headers, DeadLetterHeaders.SOURCE_OFFSET);
            deadLetters.add(new DeadLetter(Long.parseLong(offset),
                DeadLetterHeaders.read(headers, DeadLetterHeaders.REASON), record.value()));
        }
    }

    /** Sum over all tasks of one of the {@link TopologyMetrics} totals. */
    public long metricTotal(String operation) {
        return TopologyMetrics.total(driver.metrics(), operation);
    }

    @Override
    public void close() {
        driver.close();
    }
}
