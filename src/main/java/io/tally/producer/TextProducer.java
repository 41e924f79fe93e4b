package io.tally.producer;

import io.tally.config.TallyConfig;
import io.tally.kafka.KafkaClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes text lines to the input topic from several threads, each with its own idempotent
 * producer, so that batching and compression run in parallel. Values are the line's bytes as
 * they are; a line too long for one record is split by {@link OversizeLineSplitter}.
 *
 * <p>The first send that fails stops every thread, and {@link #run} throws with its cause.
 */
public final class TextProducer {

    private static final Logger log = LoggerFactory.getLogger(TextProducer.class);

    private final TallyConfig config;
    private final int threads;
    private final ProducerStats stats = new ProducerStats();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public TextProducer(TallyConfig config, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("producer threads must be at least 1, was "
                + threads);
        }
        this.config = config;
        this.threads = threads;
    }

    /** Live totals, for progress reporting while {@link #run} works. */
    public ProducerStats stats() {
        return stats;
    }

    /**
     * Publishes every line of {@code source} and waits until all are acknowledged.
     *
     * @param droppedRuns told the byte length of each unsplittable run that was dropped
     * @return the time it took
     */
    public Duration run(LineSource source, Consumer<Integer> droppedRuns)
            throws InterruptedException {
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> publish(source, droppedRuns),
                "tally-producer-" + i);
            workers.add(worker);
            worker.start();
        }
        try {
            for (Thread worker : workers) {
                worker.join();
            }
        } finally {
            workers.forEach(Thread::interrupt);
        }
        Exception error = failure.get();
        if (error instanceof RecordTooLargeException) {
            throw new KafkaException("A record was too large for Kafka: " + error.getMessage()
                + " Lower tally.producer.max.line.bytes below the producer's max.request.size"
                + " and the broker's message.max.bytes.", error);
        }
        if (error != null) {
            throw new KafkaException("Publishing to " + config.inputTopic() + " failed: "
                + error.getMessage(), error);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        log.info("Published {} lines as {} records ({} bytes) in {} ms", stats.lines(),
            stats.records(), stats.bytes(), elapsed.toMillis());
        return elapsed;
    }

    private void publish(LineSource source, Consumer<Integer> droppedRuns) {
        Properties properties = KafkaClients.producer(config);
        OversizeLineSplitter splitter = new OversizeLineSplitter(config.producerMaxLineBytes());
        List<byte[]> batch = new ArrayList<>(LineSource.BATCH_LINES);
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            // An interrupt of run()'s caller reaches here, and stops publishing between batches.
            while (failure.get() == null && !Thread.currentThread().isInterrupted()
                    && source.nextBatch(batch)) {
                for (byte[] line : batch) {
                    stats.lines.increment();
                    int pieces = splitter.split(line, piece -> send(producer, piece), length -> {
                        stats.droppedRuns.increment();
                        droppedRuns.accept(length);
                    });
                    if (pieces > 1) {
                        stats.splitLines.increment();
                    }
                }
                batch.clear();
            }
            producer.flush();
        } catch (IOException e) {
            failure.compareAndSet(null, new UncheckedIOException(e));
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private void send(Producer<byte[], byte[]> producer, byte[] value) {
        stats.records.increment();
        stats.bytes.add(value.length);
        producer.send(new ProducerRecord<>(config.inputTopic(), value), (metadata, error) -> {
            if (error == null) {
                stats.acknowledged.increment();
            } else {
                failure.compareAndSet(null, error);
            }
        });
    }
}
