package io.tally.shared;

import io.tally.config.TallyConfig;
import io.tally.kafka.CountsTopicReader;
import io.tally.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared-memory path: a consumer group of several threads in this JVM, all updating one
 * {@link SharedCounter}, which writes changed counts to the shared counts topic.
 *
 * <p>Offsets are committed only after the counts they produced are in the counts topic:
 * each thread ends its batch in the map, has the {@link CountsWriter} write and flush every
 * change, and only then commits its own consumer's offsets. On start the map is restored from
 * the counts topic, so a clean restart continues the counts.
 *
 * <p>Note: a crash between a counts write and the offset commit that follows it makes the
 * records after the last commit count again after a restart: this path is at-least-once.
 *
 * <p>Note: the map lives in one JVM. A second instance in the same group would hold other
 * partitions' counts and overwrite the first one's records in the counts topic, so run one.
 */
public final class SharedCountingService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedCountingService.class);

    private final TallyConfig config;
    private final SharedCounter counter;
    private final int consumers;
    private final SharedPathStats stats = new SharedPathStats();
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<ConsumerLoop> loops = new ArrayList<>();
    private final CountDownLatch stopped;
    private Producer<byte[], byte[]> producer;

    public SharedCountingService(TallyConfig config, SharedCounter counter, int consumers) {
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be at least 1, was " + consumers);
        }
        this.config = config;
        this.counter = counter;
        this.consumers = consumers;
        this.stopped = new CountDownLatch(consumers);
    }

    /** Restores the map from the counts topic, then starts the consumer threads. */
    public void start(Admin admin) {
        long started = System.nanoTime();
        Map<String, Long> restored =
            CountsTopicReader.readAll(config, admin, config.sharedCountsTopic());
        counter.restore(restored);
        producer = new KafkaProducer<>(KafkaClients.producer(config));
        CountsWriter writer =
            new CountsWriter(counter, producer, config.sharedCountsTopic(), stats);
        writer.restored(restored);
        for (int i = 0; i < consumers; i++) {
            ConsumerLoop loop = new ConsumerLoop(config, counter, writer, stats, committed);
            Thread thread = new Thread(() -> runLoop(loop), "tally-shared-consumer-" + i);
            loops.add(loop);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        log.info("Shared path started: strategy {}, {} consumers, {} words restored in {} ms",
            counter.name(), consumers, restored.size(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private void runLoop(ConsumerLoop loop) {
        try {
            loop.run();
        } catch (Throwable e) {
            if (failure.compareAndSet(null, e)) {
                log.error("Shared path stopped: a consumer thread failed", e);
            }
            loops.forEach(ConsumerLoop::stop);
        } finally {
            stopped.countDown();
        }
    }

    /** Live totals. */
    public SharedPathStats stats() {
        return stats;
    }

    /** The shared map. */
    public SharedCounter counter() {
        return counter;
    }

    /**
     * Waits until the committed offsets reach {@code targets}, so that every record before
     * them is counted and its counts are in the topic.
     *
     * @param progress told the number of committed records of {@code targets} as it grows
     * @return false when {@code timeout} passed first
     * @throws KafkaException when a consumer thread failed
     */
    public boolean awaitCommitted(Map<TopicPartition, Long> targets, Duration timeout,
            LongConsumer progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(targets)) {
            progress.accept(committedOf(targets));
            throwIfFailed();
            if (System.nanoTime() - deadline > 0 || stopped.await(50, TimeUnit.MILLISECONDS)) {
                throwIfFailed();
                return reached(targets);
            }
        }
        return true;
    }

    /**
     * Waits until every partition of {@code partitions} has been assigned to a consumer and
     * checkpointed once, so that the path is counting new records as they arrive.
     *
     * @return false when {@code timeout} passed first
     */
    public boolean awaitAssigned(Collection<TopicPartition> partitions, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!committed.keySet().containsAll(partitions)) {
            throwIfFailed();
            if (System.nanoTime() - deadline > 0 || stopped.await(20, TimeUnit.MILLISECONDS)) {
                throwIfFailed();
                return committed.keySet().containsAll(partitions);
            }
        }
        return true;
    }

    private long committedOf(Map<TopicPartition, Long> targets) {
        long sum = 0;
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            sum += Math.min(target.getValue(), committed.getOrDefault(target.getKey(), 0L));
        }
        return sum;
    }

    private boolean reached(Map<TopicPartition, Long> targets) {
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            if (committed.getOrDefault(target.getKey(), 0L) < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void throwIfFailed() {
        Throwable error = failure.get();
        if (error != null) {
            throw new KafkaException("The shared path failed: " + error.getMessage(), error);
        }
    }

    /** Stops the threads after a last write and commit, then closes every client. */
    @Override
    public void close() {
        loops.forEach(ConsumerLoop::stop);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(30));
        }
        counter.close();
        log.info("Shared path stopped: {} records, {} words, {} dead letters, {} checkpoints",
            stats.records(), stats.words(), stats.deadLetters(), stats.checkpoints());
        throwIfFailed();
    }
}
