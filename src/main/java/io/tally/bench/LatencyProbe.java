package io.tally.bench;

import io.tally.config.TallyConfig;
import io.tally.kafka.KafkaClients;
import io.tally.producer.CorpusGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The fixed-rate mode: publishes lines at a steady rate to a path that is already running, and
 * measures, for marker words sprinkled into the lines, the time from sending a line to its
 * marker's count appearing in the counts topic. That is end-to-end latency as a reader of the
 * counts topic sees it, commits and transactions included.
 *
 * <p>A marker is a word made of letters only, unique per marked line, so its first count is
 * the moment that line was counted and published.
 */
final class LatencyProbe {

    /** One line in this many carries a marker. */
    static final int MARKER_EVERY = 50;
    private static final String MARKER_PREFIX = "zqx";
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final int linesPerSecond;
    private final Duration duration;

    LatencyProbe(int linesPerSecond, Duration duration) {
        this.linesPerSecond = linesPerSecond;
        this.duration = duration;
    }

    /**
     * Publishes to the running path's input and measures; the histogram is in microseconds
     * and is read only after the watcher thread has been joined.
     */
    Result run(TallyConfig config, CorpusGenerator generator) throws InterruptedException {
        long lines = linesPerSecond * duration.toSeconds();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong markersSeen = new AtomicLong();
        Thread watcher = new Thread(() -> watch(config, sentAt, latency, markersSeen, stop),
            "tally-bench-latency-watcher");
        watcher.start();
        long words = publish(config, generator, lines, sentAt);
        long expectedMarkers = (lines + MARKER_EVERY - 1) / MARKER_EVERY;
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (markersSeen.get() < expectedMarkers && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        stop.set(true);
        watcher.join();
        return new Result(lines, words, latency, latency.getTotalCount() == expectedMarkers);
    }

    /** What a fixed-rate run saw. */
    record Result(long lines, long words, Histogram latencyMicros, boolean allSeen) {
    }

    private long publish(TallyConfig config, CorpusGenerator generator, long lines,
            Map<String, Long> sentAt) {
        Properties properties = KafkaClients.producer(config);
        // Latency, not batching, is what this mode measures.
        properties.put("linger.ms", 0);
        long words = 0;
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / linesPerSecond;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            for (long i = 0; i < lines; i++) {
                LockSupport.parkNanos(start + i * interval - System.nanoTime());
                byte[] line = generator.line(i % Math.max(1, generator.lines()));
                words += countWords(line);
                if (i % MARKER_EVERY == 0) {
                    String marker = marker(i);
                    line = (new String(line, StandardCharsets.UTF_8) + " " + marker)
                        .getBytes(StandardCharsets.UTF_8);
                    words++;
                    sentAt.put(marker, System.nanoTime());
                }
                producer.send(new ProducerRecord<>(config.inputTopic(), line));
            }
        }
        return words;
    }

    private void watch(TallyConfig config, Map<String, Long> sentAt, Histogram latency,
            AtomicLong seen, AtomicBoolean stop) {
        Properties properties = KafkaClients.consumer(config, "unused");
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(config.streamsCountsTopic())
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                    String word = new String(record.key(), StandardCharsets.UTF_8);
                    Long sent = sentAt.remove(word);
                    if (sent != null) {
                        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent);
                        latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                        seen.incrementAndGet();
                    }
                }
            }
        }
    }

    private static long countWords(byte[] line) {
        long words = 1;
        for (byte b : line) {
            if (b == ' ') {
                words++;
            }
        }
        return words;
    }

    /** A word of letters only, unique for each line index. */
    static String marker(long index) {
        StringBuilder word = new StringBuilder(MARKER_PREFIX);
        long rest = index;
        do {
            word.append((char) ('a' + rest % 26));
            rest /= 26;
        } while (rest > 0);
        return word.toString();
    }
}
