package io.tally.shared;

import io.tally.config.TallyConfig;
import io.tally.kafka.CountsTopicReader;
import io.tally.kafka.KafkaClients;
import io.tally.kafka.TopicSetup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Phaser;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared-memory path: several consumer threads in this JVM, each reading its own input
 * partitions, all updating one {@link SharedCounter}, with counts and input positions
 * checkpointed together, exactly once.
 *
 * <p>How a checkpoint works, and what it costs: when one is due, every consumer thread finishes
 * its poll batch and arrives at a {@link Phaser}; the last to arrive writes, in one Kafka
 * transaction, every count that changed and the position after each partition's last counted
 * record, then releases them all. While it runs, no thread updates the map, so the snapshot and the
 * positions describe the same cut of the input. The price is a pause of every consumer, for
 * the slowest thread's batch plus one transaction commit, once per
 * {@code tally.shared.flush.interval.ms}.
 *
 * <p>On start, the writer's transactional id fences any older instance, then the map is
 * restored from the counts topic and each partition resumes from the checkpointed position
 * (both read with {@code read_committed}), so a crash anywhere loses and doubles nothing.
 *
 * <p>Concurrency: {@link #positions} is written by each consumer thread for its own
 * partitions and read by the checkpoint while every thread waits, so it never changes under
 * the reader; {@link #committed} is written only by checkpoints and read by waiters. Both are
 * concurrent maps for visibility. {@link #stopping} and {@link #failure} are set by any thread
 * and read by all. {@link #latencySamples} guards itself; the sink is set before the start.
 * Everything else is set in {@link #start} before the threads start.
 *
 * <p>Note: partitions are assigned by this service, not by a consumer group, and positions live
 * in the checkpoint topic ({@code <counts topic>-checkpoint}), not in group offsets. The
 * transactional id is derived from the counts topic, so a second instance writing the same
 * counts fences the first: the map lives in one JVM.
 */
public final class SharedCountingService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedCountingService.class);
    private static final String CHECKPOINT_TOPIC_SUFFIX = "-checkpoint";
    private static final String TRANSACTIONAL_ID_PREFIX = "tally-shared-";

    private final TallyConfig config;
    private final SharedCounter counter;
    private final int consumers;
    private final SharedPathStats stats = new SharedPathStats();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
    private final Map<String, List<TopicPartition>> assignments = new LinkedHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<ConsumerLoop> loops = new ArrayList<>();
    /** {@link #loops} once every thread is built, for readers on other threads. */
    private volatile List<ConsumerLoop> startedLoops = List.of();
    private final CheckpointSchedule schedule;
    private final CountLatencySamples latencySamples = new CountLatencySamples();
    /** Told each sampled end-to-end latency at its checkpoint; null when nobody asked. */
    private volatile LongConsumer countLatencySink;
    private volatile boolean stopping;
    private CountDownLatch stopped = new CountDownLatch(0);
    private Phaser checkpoints;
    private volatile CheckpointWriter writer;
    private volatile Producer<byte[], byte[]> producer;

    public SharedCountingService(TallyConfig config, SharedCounter counter, int consumers) {
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be at least 1, was " + consumers);
        }
        this.config = config;
        this.counter = counter;
        this.consumers = consumers;
        this.schedule = new CheckpointSchedule(
            TimeUnit.MILLISECONDS.toNanos(config.sharedFlushIntervalMs()));
    }

    /**
     * Tells {@code sink}, at each checkpoint, the milliseconds from the timestamp of each
     * counted batch's first record until the checkpoint that holds its counts committed (see
     * {@link CountLatencySamples}). Call it before {@link #start}; without it nothing is
     * sampled.
     */
    public void onCountLatency(LongConsumer sink) {
        if (!threads.isEmpty()) {
            throw new IllegalStateException("Set the latency sink before the path starts");
        }
        this.countLatencySink = sink;
    }

    /** The topic that keeps the input positions that the counts cover. */
    public static String checkpointTopic(TallyConfig config) {
        return config.sharedCountsTopic() + CHECKPOINT_TOPIC_SUFFIX;
    }

    /** The checkpoint writer's transactional id: one writer per counts topic. */
    public static String transactionalId(TallyConfig config) {
        return TRANSACTIONAL_ID_PREFIX + config.sharedCountsTopic();
    }

    /**
     * Fences older writers, restores the map and positions, then starts the threads. If it
     * fails, everything it built is closed again.
     */
    public void start(Admin admin) {
        try {
            startOrThrow(admin);
        } catch (RuntimeException e) {
            stopping = true;
            try {
                close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private void startOrThrow(Admin admin) {
        long started = System.nanoTime();
        TopicSetup.ensure(admin, config, List.of(), List.of(checkpointTopic(config)));
        Properties properties = KafkaClients.producer(config);
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(config));
        // A checkpoint's transaction stays open for a whole interval; give it room.
        properties.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.max(60_000,
            Math.min(Integer.MAX_VALUE, 2 * config.sharedFlushIntervalMs() + 30_000)));
        producer = new KafkaProducer<>(properties);
        writer = new CheckpointWriter(counter, producer, config.sharedCountsTopic(),
            checkpointTopic(config), stats);
        writer.fence();
        Map<String, Long> restored =
            CountsTopicReader.readAll(config, admin, config.sharedCountsTopic());
        Map<String, Long> saved = CountsTopicReader.readAll(config, admin, checkpointTopic(config));
        counter.restore(restored);
        writer.begin(restored);
        List<TopicPartition> inputs = inputPartitions(admin);
        Map<TopicPartition, Long> startPositions = new HashMap<>();
        for (TopicPartition partition : inputs) {
            Long position = saved.get(CheckpointWriter.positionKey(partition));
            if (position != null) {
                startPositions.put(partition, position);
                committed.put(partition, position);
            }
        }
        schedule.restart();
        startThreads(inputs, startPositions);
        log.info("Shared path started: strategy {}, {} consumers, {} words and {} positions"
                + " restored in {} ms", counter.name(), threads.size(), restored.size(),
            startPositions.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private List<TopicPartition> inputPartitions(Admin admin) {
        try {
            TopicDescription description = admin.describeTopics(List.of(config.inputTopic()))
                .allTopicNames().get().get(config.inputTopic());
            return description.partitions().stream()
                .map(p -> new TopicPartition(config.inputTopic(), p.partition())).toList();
        } catch (ExecutionException e) {
            throw new KafkaException("Cannot read the partitions of " + config.inputTopic()
                + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while reading the input partitions", e);
        }
    }

    private void startThreads(List<TopicPartition> inputs, Map<TopicPartition, Long> start) {
        int count = Math.min(consumers, inputs.size());
        if (count < consumers) {
            log.warn("Input topic {} has {} partitions; running {} consumer threads, not {}",
                config.inputTopic(), inputs.size(), count, consumers);
        }
        List<List<TopicPartition>> shares = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < inputs.size(); i++) {
            shares.get(i % count).add(inputs.get(i));
        }
        checkpoints = new Phaser(count) {
            @Override
            protected boolean onAdvance(int phase, int parties) {
                return checkpoint();
            }
        };
        stopped = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            String name = "tally-shared-consumer-" + i;
            ConsumerLoop loop = new ConsumerLoop(config, shares.get(i), start, counter, writer,
                stats, schedule, checkpoints, () -> stopping, positions,
                countLatencySink == null ? null : latencySamples);
            assignments.put(name, List.copyOf(shares.get(i)));
            loops.add(loop);
            threads.add(new Thread(() -> runLoop(loop), name));
        }
        startedLoops = List.copyOf(loops);
        threads.forEach(Thread::start);
    }

    /**
     * Writes a checkpoint; runs in the last thread to arrive, while the others wait.
     *
     * @return true to end the phaser: after the last checkpoint of a stop, or a failure
     */
    private boolean checkpoint() {
        boolean last = stopping;
        try {
            Map<TopicPartition, Long> cut = new HashMap<>(positions);
            writer.checkpoint(cut, last);
            LongConsumer sink = countLatencySink;
            if (sink != null) {
                latencySamples.drain(System.currentTimeMillis(), sink);
            }
            cut.forEach((partition, position) -> committed.merge(partition, position, Math::max));
            schedule.restart();
            stats.checkpoints.increment();
            return last;
        } catch (Throwable e) {
            // An exception here would leave the other threads waiting: record it and end.
            fail(e);
            return true;
        }
    }

    private void runLoop(ConsumerLoop loop) {
        try {
            loop.run();
        } catch (Throwable e) {
            fail(e);
        } finally {
            stopped.countDown();
        }
    }

    /** Records the first failure, logs it once, and releases and stops every thread. */
    private void fail(Throwable e) {
        if (failure.compareAndSet(null, e)) {
            log.error("Shared path stopped: {}", describe(e), e);
        }
        stopping = true;
        checkpoints.forceTermination();
        loops.forEach(ConsumerLoop::wakeUp);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
     * Every count as of the last committed checkpoint: what the counts topic holds, read
     * without touching the shared map or its locks. Empty before {@link #start}.
     */
    public Map<String, Long> committedCounts() {
        CheckpointWriter current = writer;
        return current == null ? Map.of() : current.committedCounts();
    }

    /** The input position of each partition that the last checkpoint committed. */
    public Map<TopicPartition, Long> committedPositions() {
        return Map.copyOf(committed);
    }

    /**
     * The consumers of the running threads, for reading their {@code metrics()} only (Kafka's
     * consumer is confined to its thread for everything else). Empty before {@link #start}.
     */
    public List<Consumer<byte[], byte[]>> consumersForMetrics() {
        return startedLoops.stream().<Consumer<byte[], byte[]>>map(ConsumerLoop::consumer)
            .toList();
    }

    /** The checkpoint writer's producer, for reading its {@code metrics()} only. */
    public Producer<byte[], byte[]> producerForMetrics() {
        return producer;
    }

    /** Which input partitions each consumer thread reads. */
    public Map<String, List<TopicPartition>> assignments() {
        return Map.copyOf(assignments);
    }

    /**
     * Waits until checkpoints cover {@code targets}, so that every record before them is
     * counted and its counts are in the counts topic.
     *
     * @param progress told the number of checkpointed records of {@code targets} as it grows
     * @return false when {@code timeout} passed first
     * @throws KafkaException when a consumer thread failed
     */
    public boolean awaitCommitted(Map<TopicPartition, Long> targets, Duration timeout,
            LongConsumer progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(targets)) {
            progress.accept(committedOf(targets));
            throwIfFailed();
            if (System.nanoTime() - deadline > 0 || stopped.await(20, TimeUnit.MILLISECONDS)) {
                throwIfFailed();
                return reached(targets);
            }
        }
        return true;
    }

    /**
     * Waits until every partition of {@code partitions} has a consumer that knows where to
     * read, so that the path counts new records as they arrive.
     *
     * @return false when {@code timeout} passed first
     */
    public boolean awaitAssigned(Collection<TopicPartition> partitions, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!positions.keySet().containsAll(partitions)) {
            throwIfFailed();
            if (System.nanoTime() - deadline > 0 || stopped.await(20, TimeUnit.MILLISECONDS)) {
                throwIfFailed();
                return positions.keySet().containsAll(partitions);
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
            throw new KafkaException("The shared path failed: " + describe(error), error);
        }
    }

    /** Waits until the path stops on its own, which it does only when it fails. */
    public void awaitTermination() throws InterruptedException {
        stopped.await();
        throwIfFailed();
    }

    /** Stops the threads after a last checkpoint, then closes every client. */
    @Override
    public void close() {
        stopping = true;
        loops.forEach(ConsumerLoop::wakeUp);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            if (writer != null) {
                writer.abandon();
            }
            producer.close(Duration.ofSeconds(30));
        }
        counter.close();
        log.info("Shared path stopped: {} records, {} words, {} dead letters, {} checkpoints",
            stats.records(), stats.words(), stats.deadLetters(), stats.checkpoints());
        throwIfFailed();
    }
}
