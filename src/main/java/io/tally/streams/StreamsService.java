package io.tally.streams;

import io.tally.config.TallyConfig;
import io.tally.kafka.CountsTopicReader;
import io.tally.kafka.KafkaClients;
import io.tally.kafka.TopicSetup;
import io.tally.tokenizer.Tokenizer;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the word-count topology against a cluster as a Kafka Streams application, with
 * exactly-once processing by default.
 *
 * <p>Tally's tuning for Kafka Streams is in {@link #tuning}; every setting can be overridden
 * with {@code --set}.
 */
public final class StreamsService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamsService.class);

    private final TallyConfig config;
    private final KafkaStreams streams;
    private final StreamsPathStats stats = new StreamsPathStats();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch notRunning = new CountDownLatch(1);

    public StreamsService(TallyConfig config) {
        this(config, Map.of());
    }

    /**
     * @param overrides Kafka Streams settings that win over everything else, such as the
     *     {@code application.server} that the query API advertises
     */
    public StreamsService(TallyConfig config, Map<String, ?> overrides) {
        this.config = config;
        Properties properties = properties(config);
        properties.putAll(overrides);
        this.streams = new KafkaStreams(WordCountTopology.build(config,
            new Tokenizer(config.wordMaxLength()), stats), properties);
        streams.setUncaughtExceptionHandler(this::onStreamThreadFailure);
        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.ERROR
                    || newState == KafkaStreams.State.PENDING_SHUTDOWN
                    || newState == KafkaStreams.State.NOT_RUNNING) {
                notRunning.countDown();
            }
        });
    }

    /** The Kafka Streams settings: Tally's tuning, then the user's client settings. */
    static Properties properties(TallyConfig config) {
        Properties properties = tuning(config);
        properties.putAll(config.clientProperties());
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaClients.bootstrapServers(config));
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.streamsApplicationId());
        return properties;
    }

    /**
     * Tally's defaults for Kafka Streams, before the user's settings. Both variants run
     * exactly-once on two threads, with a group session short enough that a crashed instance's
     * work moves on within seconds. The plain variant commits once a second, which batches its
     * per-word cache flushes. The combined variant commits at its combining interval, since
     * each commit sends the combined partial counts; it needs no record cache downstream
     * because the combiner already sends one record per word per commit.
     */
    static Properties tuning(TallyConfig config) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        // The tasks of an instance that died wait for its group session to expire before a
        // restart or another instance takes them: 10 s instead of the consumer's 45 s.
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
            10_000);
        // Under the classic protocol a thread learns that a rebalance has begun from its next
        // heartbeat, and the whole group waits for it: at the consumer's 3 s default, the
        // second rebalance of every start (after Kafka Streams creates its internal topics)
        // took about 2.7 s. Half a second costs the broker little.
        properties.put(StreamsConfig.consumerPrefix(
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 500);
        // The topology has no global store; opting in now is what Kafka 5.0 will default to.
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        if (config.streamsVariant().equals(WordCountTopology.COMBINED)) {
            long interval = config.streamsCombineIntervalMs();
            properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, interval);
            // A transaction stays open for a whole commit interval, and Kafka Streams refuses
            // to start when its producers' transaction timeout (10 s by default) is shorter.
            properties.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) Math.max(10_000, 2 * interval));
            properties.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        } else {
            properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000);
        }
        return properties;
    }

    private StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onStreamThreadFailure(
            Throwable error) {
        if (failure.compareAndSet(null, error)) {
            log.error("Streams path stopped: a stream thread failed", error);
        }
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /**
     * Starts the application, after checking that the counts topic holds only word counts, so
     * that the path never appends to a topic that belongs to something else, and that no
     * earlier build left partial counts in a changelog of the combining buffer.
     *
     * @throws CountsTopicReader.ForeignRecordException when the counts topic is not Tally's
     * @throws ConfigException when the application id holds such a changelog
     */
    public void start(Admin admin) {
        try {
            CountsTopicReader.requireCounts(config, admin, config.streamsCountsTopic());
            refuseLoggedBuffer(admin);
            streams.start();
        } catch (RuntimeException e) {
            streams.close(Duration.ofSeconds(10));
            throw e;
        }
        log.info("Streams path started: application {}, guarantee {}",
            config.streamsApplicationId(),
            properties(config).get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        log.debug("Streams settings: variant {}, {}", config.streamsVariant(),
            tuning(config));
    }

    /**
     * Tally's combining buffer once kept partial counts in a changelog; the input offsets they
     * came from are committed, and nothing reads that changelog any more, so running on would
     * silently lose them.
     */
    private void refuseLoggedBuffer(Admin admin) {
        String changelog = config.streamsApplicationId() + "-" + WordCountTopology.BUFFER_STORE
            + "-changelog";
        if (TopicSetup.exists(admin, changelog)) {
            throw new ConfigException("Application " + config.streamsApplicationId()
                + " was run by an earlier Tally whose combined topology kept partial counts in "
                + changelog + ", which this version no longer reads. Reset the application with"
                + " kafka-streams-application-reset --application-id "
                + config.streamsApplicationId() + " (and delete that topic), or start afresh"
                + " with --set " + TallyConfig.STREAMS_APPLICATION_ID_CONFIG + "=NEW_ID.");
        }
    }

    /** The repartition topic that carries words from the splitting to the counting tasks. */
    public static String repartitionTopic(TallyConfig config) {
        return RepartitionProgress.topic(config);
    }

    /** The running application, for metrics and interactive queries. */
    public KafkaStreams streams() {
        return streams;
    }

    /** Live totals of the topology, for metrics. */
    public StreamsPathStats stats() {
        return stats;
    }

    /** The configuration the path runs with. */
    public TallyConfig config() {
        return config;
    }

    /**
     * Waits until the application has committed past {@code targets} on the input topic, and
     * the counting side has committed its repartition topic to the end; so every count of that
     * input is in the counts topic. The combining variant needs nothing more: it sends its
     * partial counts at the start of every commit, in the same transaction as the offsets.
     *
     * @param progress told the number of committed input records of {@code targets}
     * @return false when {@code timeout} passed first
     */
    public boolean awaitCaughtUp(Admin admin, Map<TopicPartition, Long> targets,
            Duration timeout, LongConsumer progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        CatchUp catchUp = new CatchUp(targets);
        while (!caughtUp(admin, catchUp, progress)) {
            throwIfFailed();
            if (System.nanoTime() - deadline > 0 || notRunning.await(200, TimeUnit.MILLISECONDS)) {
                throwIfFailed();
                return caughtUp(admin, catchUp, progress);
            }
        }
        return true;
    }

    /**
     * What one wait for caught-up has learnt. Once the input is committed to its targets,
     * every repartition record of that input is in the log, so the repartition topic's ends
     * are taken then, once: records that later input adds do not keep moving the goal.
     */
    private static final class CatchUp {
        final Map<TopicPartition, Long> targets;
        Map<TopicPartition, Long> repartitionEnds;

        CatchUp(Map<TopicPartition, Long> targets) {
            this.targets = targets;
        }
    }

    /**
     * The committed positions are read before the repartition topic's ends, so that a
     * repartition record sent after the input was committed can only make the answer "not
     * yet".
     */
    private boolean caughtUp(Admin admin, CatchUp catchUp, LongConsumer progress)
            throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin
                .listConsumerGroupOffsets(config.streamsApplicationId())
                .partitionsToOffsetAndMetadata().get();
            long committed = 0;
            boolean inputDone = true;
            for (Map.Entry<TopicPartition, Long> target : catchUp.targets.entrySet()) {
                OffsetAndMetadata done = offsets.get(target.getKey());
                long offset = done == null ? 0 : done.offset();
                committed += Math.min(offset, target.getValue());
                inputDone &= offset >= target.getValue();
            }
            progress.accept(committed);
            if (inputDone && catchUp.repartitionEnds == null) {
                catchUp.repartitionEnds = RepartitionProgress.ends(admin, config);
            }
            boolean counted = inputDone && catchUp.repartitionEnds != null
                && RepartitionProgress.drained(catchUp.repartitionEnds, offsets);
            log.debug("Catching up: state {}, input committed {}, counted {}", streams.state(),
                inputDone, counted);
            return counted;
        } catch (ExecutionException e) {
            log.debug("Could not read the committed offsets yet", e.getCause());
            return false;
        }
    }

    /** Sum over every task of one of the {@link TopologyMetrics} totals, while running. */
    public long metricTotal(String operation) {
        return TopologyMetrics.total(streams.metrics(), operation);
    }

    private void throwIfFailed() {
        Throwable error = failure.get();
        if (error != null) {
            String message = error.getMessage() != null
                ? error.getMessage() : error.getClass().getSimpleName();
            throw new KafkaException("The streams path failed: " + message, error);
        }
    }

    /**
     * Waits until the application stops on its own, which it does only when it fails or is
     * closed, and throws if it failed.
     */
    public void awaitTermination() throws InterruptedException {
        notRunning.await();
        throwIfFailed();
    }

    /**
     * Closes the application, which commits what it has processed, and leaves the group, so
     * that a restart or another instance takes its tasks at once instead of after the group
     * session expires.
     */
    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(
            CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(60)));
        log.info("Streams path stopped");
        throwIfFailed();
    }
}
