package io.tally.bench;

import io.tally.config.TallyConfig;
import io.tally.kafka.CountsTopicReader;
import io.tally.kafka.EndOffsets;
import io.tally.kafka.TopicSetup;
import io.tally.producer.CorpusGenerator;
import io.tally.producer.DirectCount;
import io.tally.producer.LineSource;
import io.tally.producer.TextProducer;
import io.tally.shared.SharedCounters;
import io.tally.shared.SharedCountingService;
import io.tally.streams.StreamsService;
import io.tally.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak: publishes a large generated corpus while both paths count it at once, samples each
 * path's consumer lag, the heap and the garbage collector at a fixed interval, waits until both
 * have caught up, and checks both counts topics against a direct count.
 *
 * <p>Everything runs in this JVM (the embedded broker too, unless {@code -b} names a cluster),
 * so the heap figures are those of the whole process; run it with {@code -Xmx512m} to show that
 * neither path needs more. Driven by one thread; the listener is called on that thread.
 */
public final class SoakRun {

    private static final Logger log = LoggerFactory.getLogger(SoakRun.class);
    private static final long BYTES_PER_MIB = 1024 * 1024;
    /** How long one look at a path's progress may wait, once the input is published. */
    private static final Duration CHECK = Duration.ofMillis(50);

    /** What the soak does: the corpus, the paths' settings and the sampling interval. */
    public record Plan(long lines, int vocabulary, double zipf, int wordsPerLine, long seed,
            int producers, String strategy, int consumers, String variant,
            Duration sampleInterval, Duration timeout) {

        public Plan {
            if (lines < 1 || vocabulary < 1 || producers < 1 || consumers < 1
                    || sampleInterval.isNegative() || sampleInterval.isZero()) {
                throw new IllegalArgumentException("lines, vocabulary, producers and consumers"
                    + " must be at least 1 and the sample interval positive");
            }
        }
    }

    /** One sample: the input so far, what each path has committed of it, and the heap. */
    public record Sample(double seconds, long inputRecords, long streamsCommitted,
            long sharedCommitted, long heapUsedBytes, long gcCount, double gcSeconds) {

        public static final String HEADER = "seconds,input_records,streams_committed,"
            + "shared_committed,streams_lag,shared_lag,heap_used_mib,gc_count,gc_seconds";

        public long streamsLag() {
            return Math.max(0, inputRecords - streamsCommitted);
        }

        public long sharedLag() {
            return Math.max(0, inputRecords - sharedCommitted);
        }

        public String csv() {
            return String.format(Locale.ROOT, "%.1f,%d,%d,%d,%d,%d,%.1f,%d,%.3f",
                seconds, inputRecords, streamsCommitted, sharedCommitted, streamsLag(),
                sharedLag(), heapUsedBytes / (double) BYTES_PER_MIB, gcCount, gcSeconds);
        }
    }

    /** What the soak found. */
    public record Result(Plan plan, List<Sample> samples, DirectCount expected,
            double publishSeconds, double streamsSeconds, double sharedSeconds,
            boolean streamsMatched, boolean sharedMatched, long heapMaxBytes) {

        public long peakHeapBytes() {
            return samples.stream().mapToLong(Sample::heapUsedBytes).max().orElse(0);
        }

        public Sample last() {
            return samples.get(samples.size() - 1);
        }

        public boolean matched() {
            return streamsMatched && sharedMatched;
        }
    }

    /** Told of every sample, on the soak's thread. */
    @FunctionalInterface
    public interface Listener {
        void onSample(Sample sample);
    }

    private final String run;
    private final TallyConfig config;
    private final Admin admin;
    private final Plan plan;
    private final List<Sample> samples = new ArrayList<>();
    private final long started = System.nanoTime();

    /**
     * @param base settings of the cluster; the soak uses topics and an application id of its
     *     own, named {@code tally-soak-<time>-*}
     */
    public SoakRun(TallyConfig base, Admin admin, Plan plan, Path stateDir) {
        this.run = "tally-soak-" + Long.toString(System.currentTimeMillis(), 36);
        this.config = base.with(Map.of(
            TallyConfig.INPUT_TOPIC_CONFIG, run + "-input",
            TallyConfig.STREAMS_COUNTS_TOPIC_CONFIG, run + "-counts-streams",
            TallyConfig.SHARED_COUNTS_TOPIC_CONFIG, run + "-counts-shared",
            TallyConfig.DEAD_LETTER_TOPIC_CONFIG, run + "-dlq",
            TallyConfig.STREAMS_APPLICATION_ID_CONFIG, run,
            TallyConfig.STREAMS_VARIANT_CONFIG, plan.variant(),
            StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()));
        this.admin = admin;
        this.plan = plan;
    }

    /** The settings the soak runs with, topics included. */
    public TallyConfig config() {
        return config;
    }

    /**
     * Runs the soak to the end. Publishing and both paths are stopped again before it returns,
     * whether it succeeds or fails, and every topic and the group the soak made are deleted, so
     * that a soak against a real cluster leaves nothing but its expired transactional ids.
     */
    public Result run(Listener listener) throws Exception {
        ExecutorService publisher = Executors.newSingleThreadExecutor(
            task -> new Thread(task, "tally-soak-publisher"));
        try {
            return soak(listener, publisher);
        } finally {
            // Interrupting the publisher stops the producer threads between two batches.
            publisher.shutdownNow();
            if (!publisher.awaitTermination(1, TimeUnit.MINUTES)) {
                log.warn("The soak's producer threads did not stop within a minute");
            }
            deleteTopicsAndGroup();
        }
    }

    private Result soak(Listener listener, ExecutorService publisher) throws Exception {
        CorpusGenerator corpus = new CorpusGenerator(plan.lines(), plan.vocabulary(),
            plan.zipf(), plan.wordsPerLine(), plan.seed());
        CompletableFuture<DirectCount> expected = CompletableFuture.supplyAsync(
            () -> directCount(corpus));
        TopicSetup.ensureTopics(admin, config);
        try (SharedCountingService shared = new SharedCountingService(config,
                SharedCounters.create(plan.strategy()), plan.consumers());
                StreamsService streams = new StreamsService(config)) {
            shared.start(admin);
            streams.start(admin);
            log.info("Soak started: {} lines into {}", plan.lines(), config.inputTopic());
            TextProducer producer = new TextProducer(config, plan.producers());
            Future<Double> publishing = publisher.submit(() -> {
                producer.run(LineSource.generated(corpus), length -> { });
                return seconds();
            });
            while (!publishing.isDone()) {
                sample(shared, listener);
                pause(publishing);
            }
            double publishSeconds = join(publishing);
            Map<TopicPartition, Long> ends = EndOffsets.of(admin, config.inputTopic());
            double[] caughtUp = awaitBoth(shared, streams, ends, listener);
            double sharedSeconds = caughtUp[0];
            double streamsSeconds = caughtUp[1];
            sample(shared, listener);
            DirectCount direct = join(expected);
            boolean sharedMatched = CountsTopicReader.readAll(config, admin,
                config.sharedCountsTopic()).equals(direct.counts());
            boolean streamsMatched = CountsTopicReader.readAll(config, admin,
                config.streamsCountsTopic()).equals(direct.counts());
            return new Result(plan, List.copyOf(samples), direct, publishSeconds,
                streamsSeconds, sharedSeconds, streamsMatched, sharedMatched,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax());
        }
    }

    private void deleteTopicsAndGroup() {
        try {
            List<String> doomed = admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(run)).toList();
            admin.deleteTopics(doomed).all().get();
            admin.deleteConsumerGroups(List.of(config.streamsApplicationId())).all().get();
        } catch (ExecutionException e) {
            log.warn("Could not delete the soak's topics and group {}-*: {}", run,
                e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for both paths at once, so that each one's time is its own. */
    private double[] awaitBoth(SharedCountingService shared, StreamsService streams,
            Map<TopicPartition, Long> ends, Listener listener) throws InterruptedException {
        double sharedSeconds = Double.NaN;
        double streamsSeconds = Double.NaN;
        long nextSample = System.nanoTime() + plan.sampleInterval().toNanos();
        while (Double.isNaN(sharedSeconds) || Double.isNaN(streamsSeconds)) {
            if (Double.isNaN(sharedSeconds) && shared.awaitCommitted(ends, CHECK, done -> { })) {
                sharedSeconds = seconds();
            }
            if (Double.isNaN(streamsSeconds)
                    && streams.awaitCaughtUp(admin, ends, CHECK, done -> { })) {
                streamsSeconds = seconds();
            }
            if (System.nanoTime() - nextSample >= 0) {
                sample(shared, listener);
                nextSample += plan.sampleInterval().toNanos();
            }
            requireTime(Double.isNaN(sharedSeconds) ? "shared" : "streams");
        }
        return new double[] {sharedSeconds, streamsSeconds};
    }

    private void requireTime(String path) {
        if (seconds() > plan.timeout().toSeconds()) {
            throw new IllegalStateException("The " + path + " path did not catch up within "
                + plan.timeout().toMinutes() + " minutes of the soak's start");
        }
    }

    private void sample(SharedCountingService shared, Listener listener) {
        long input = EndOffsets.total(EndOffsets.of(admin, config.inputTopic()));
        long sharedCommitted = shared.committedPositions().values().stream()
            .mapToLong(Long::longValue).sum();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        Sample sample = new Sample(seconds(), input, streamsCommitted(), sharedCommitted,
            heap.getUsed(), gcCount, gcMillis / 1e3);
        samples.add(sample);
        listener.onSample(sample);
    }

    private long streamsCommitted() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin
                .listConsumerGroupOffsets(config.streamsApplicationId())
                .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(config.inputTopic())
                    && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
        } catch (ExecutionException e) {
            throw new KafkaException("Cannot read the streams path's committed offsets: "
                + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while sampling", e);
        }
    }

    private void pause(Future<?> until) throws InterruptedException {
        try {
            until.get(plan.sampleInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Not done yet, or failed: the loop sees it and join() reports the failure.
        }
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private DirectCount directCount(CorpusGenerator corpus) {
        try {
            return DirectCount.of(LineSource.generated(corpus),
                new Tokenizer(config.wordMaxLength()), config.producerMaxLineBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T join(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
