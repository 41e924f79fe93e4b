package io.tally.kafka;

import io.tally.config.TallyConfig;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a counts topic to the latest count of each word. The topic is compacted, so its last
 * record for a word is the current count; reading from the start to the ends as they are at
 * the beginning, once the transactions then open are decided, gives a consistent picture of
 * that moment.
 *
 * <p>Every record must have a UTF-8 key and an 8-byte value as Kafka's {@code LongSerializer}
 * writes it; anything else means the topic belongs to something else, and reading stops with
 * a {@link ForeignRecordException} rather than guess.
 */
public final class CountsTopicReader {

    private static final Logger log = LoggerFactory.getLogger(CountsTopicReader.class);

    /** A record in a counts topic that is not a word and a count. */
    public static final class ForeignRecordException extends RuntimeException {
        ForeignRecordException(String message) {
            super(message);
        }
    }

    /** Told of each update while following a topic. */
    @FunctionalInterface
    public interface UpdateListener {
        void onUpdate(String word, long count);
    }

    private static final Duration POLL = Duration.ofMillis(200);

    /** How long a read waits for transactions that were open when it started. */
    private static final int SETTLE_SECONDS = 15;

    /** Records per partition, counted back from the end, that {@link #requireCounts} reads. */
    private static final int CHECKED_TAIL_RECORDS = 500;

    private CountsTopicReader() {
    }

    /** Reads {@code topic} from the beginning to its current end; see {@link #readSettled}. */
    public static Map<String, Long> readAll(TallyConfig config, Admin admin, String topic) {
        Map<String, Long> counts = new HashMap<>();
        readSettled(config, admin, topic, counts::put);
        return counts;
    }

    /**
     * Reads {@code topic} from the beginning to its end as of now, telling {@code listener} of
     * every record, and returns where it stopped in each partition.
     *
     * <p>The end is the high watermark, not the last stable offset: a transaction whose commit
     * was acknowledged a moment ago may not have its markers on every partition yet, and until
     * then the last stable offset stops before its counts. A {@code read_committed} reader
     * passes the high watermark once every transaction open at the start is decided. One that
     * stays open for {@value #SETTLE_SECONDS} s (its writer died mid-transaction and is not yet
     * fenced) is left out: the read then ends at the last stable offset of the start.
     *
     * <p>Note: there is no overall deadline; if the broker goes away during the read, the read
     * waits for it to come back.
     */
    public static Map<TopicPartition, Long> readSettled(TallyConfig config, Admin admin,
            String topic, UpdateListener listener) {
        Map<TopicPartition, Long> stable = EndOffsets.of(admin, topic);
        Map<TopicPartition, Long> latest = EndOffsets.latest(admin, topic);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        Properties properties = KafkaClients.assignedConsumer(config);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            consumer.assign(latest.keySet());
            consumer.seekToBeginning(latest.keySet());
            while (!reached(consumer, latest)
                    && !(System.nanoTime() - deadline > 0 && reached(consumer, stable))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    listener.onUpdate(word(record), count(record));
                }
            }
            Map<TopicPartition, Long> positions = new HashMap<>();
            latest.keySet().forEach(partition ->
                positions.put(partition, consumer.position(partition)));
            if (!reached(consumer, latest)) {
                log.warn("Read {} without the records of a transaction still open after {} s"
                    + " (its writer may have died; it is aborted once the writer restarts or"
                    + " times out): stopped at {}, written up to {}", topic, SETTLE_SECONDS,
                    positions, latest);
            }
            return positions;
        }
    }

    /**
     * Checks that the last records of every partition of {@code topic} are word counts. A path
     * that writes to a counts topic calls it before its first write, so that it never appends
     * counts to a topic that belongs to something else.
     *
     * @throws ForeignRecordException naming the first record that is not a word count
     */
    public static void requireCounts(TallyConfig config, Admin admin, String topic) {
        Map<TopicPartition, Long> ends = EndOffsets.of(admin, topic);
        Map<TopicPartition, Long> starts = new HashMap<>();
        ends.forEach((partition, end) ->
            starts.put(partition, Math.max(0, end - CHECKED_TAIL_RECORDS)));
        read(config, topic, starts, ends, (word, count) -> { }, () -> false);
    }

    /**
     * Reads {@code topic}, telling {@code listener} of every record, from {@code starts} (the
     * beginning when null) until {@code ends} are reached (never when null) or {@code stop}
     * says so.
     */
    public static void read(TallyConfig config, String topic, Map<TopicPartition, Long> starts,
            Map<TopicPartition, Long> ends, UpdateListener listener, BooleanSupplier stop) {
        Properties properties = KafkaClients.assignedConsumer(config);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = new ArrayList<>(
                ends != null ? ends.keySet() : partitionsOf(consumer, topic));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            if (starts != null) {
                starts.forEach(consumer::seek);
            }
            while (!stop.getAsBoolean() && (ends == null || !reached(consumer, ends))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    listener.onUpdate(word(record), count(record));
                }
            }
        }
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream()
            .map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static String word(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            throw foreign(record, "it has no key");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(record.key())).toString();
        } catch (CharacterCodingException e) {
            throw foreign(record, "its key is not UTF-8 text");
        }
    }

    private static long count(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null || value.length != Long.BYTES) {
            throw foreign(record, "its value is " + (value == null ? "null" : value.length
                + " bytes") + ", not an 8-byte count");
        }
        return ByteBuffer.wrap(value).getLong();
    }

    private static ForeignRecordException foreign(ConsumerRecord<?, ?> record, String why) {
        return new ForeignRecordException("Topic " + record.topic() + " holds a record that is"
            + " not a word count (partition " + record.partition() + ", offset "
            + record.offset() + "): " + why + ". Point Tally at its own counts topic with"
            + " --set tally.topic.counts.streams=... or tally.topic.counts.shared=..., or delete"
            + " the topic if it is stale.");
    }
}
