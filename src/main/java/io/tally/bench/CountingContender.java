package io.tally.bench;

import io.tally.config.TallyConfig;
import io.tally.kafka.CountsTopicReader;
import io.tally.kafka.TopicSetup;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A contender that counts into a counts topic: one of the shared strategies or a topology
 * variant. A run starts it on the published input with fresh names, waits until it has
 * counted everything, stops it, and compares its counts topic with the direct count.
 */
abstract class CountingContender implements Contender {

    private static final Logger log = LoggerFactory.getLogger(CountingContender.class);

    /** Longest a single run may take before it counts as a failure. */
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    @Override
    public boolean takesThreads() {
        return true;
    }

    @Override
    public boolean writesCounts() {
        return true;
    }

    /** Starts the path on {@code config} with {@code threads} threads. */
    abstract PathUnderTest start(BenchContext context, TallyConfig config, int threads)
        throws Exception;

    /** Records the run wrote to a repartition topic, or -1 where there is none. */
    long repartitionRecords(BenchContext context, TallyConfig config) {
        return -1;
    }

    /** The run's settings: the input topic, and names of its own for everything it writes. */
    TallyConfig configFor(BenchContext context, String inputTopic, String runId)
            throws Exception {
        Map<String, String> names = new HashMap<>();
        names.put(TallyConfig.INPUT_TOPIC_CONFIG, inputTopic);
        names.put(TallyConfig.STREAMS_COUNTS_TOPIC_CONFIG, runId + "-counts");
        names.put(TallyConfig.SHARED_COUNTS_TOPIC_CONFIG, runId + "-counts");
        names.put(TallyConfig.DEAD_LETTER_TOPIC_CONFIG, runId + "-dlq");
        names.put(TallyConfig.STREAMS_APPLICATION_ID_CONFIG, runId);
        names.put(StreamsConfig.STATE_DIR_CONFIG, context.stateDir(runId).toString());
        TallyConfig config = context.base().with(names);
        TopicSetup.ensure(context.admin(), config, List.of(config.deadLetterTopic()),
            List.of(config.streamsCountsTopic()));
        return config;
    }

    @Override
    public Measurement measure(BenchContext context, PublishedInput input, int threads)
            throws Exception {
        String runId = context.nextRunId(name());
        TallyConfig config = configFor(context, input.topic(), runId);
        double cpuBefore = BenchContext.processCpuSeconds();
        long started = System.nanoTime();
        try {
            boolean caughtUp;
            double seconds;
            double cpu;
            PathUnderTest path = start(context, config, threads);
            try {
                caughtUp = path.awaitCaughtUp(input.ends(), RUN_TIMEOUT);
                // The clock stops when the counts are final; shutting down is not counting.
                seconds = (System.nanoTime() - started) / 1e9;
                cpu = BenchContext.processCpuSeconds() - cpuBefore;
            } finally {
                path.close();
            }
            double lockWait = path.lockWaitSeconds();
            Map<String, Long> counts = CountsTopicReader.readAll(config, context.admin(),
                config.streamsCountsTopic());
            long repartition = repartitionRecords(context, config);
            boolean matched = caughtUp && counts.equals(input.expected().counts());
            if (caughtUp && !matched) {
                log.warn("{} on {} with {} threads: {}", name(), input.topic(), threads,
                    difference(counts, input.expected().counts()));
            }
            return Measurement.throughput(seconds, matched, lockWait / (threads * seconds),
                repartition, cpu);
        } finally {
            context.deleteTopics(runId);
        }
    }

    /** How {@code counted} differs from {@code expected}, in one line, for the log. */
    static String difference(Map<String, Long> counted, Map<String, Long> expected) {
        long under = 0;
        long over = 0;
        int wordsUnder = 0;
        int wordsOver = 0;
        StringBuilder examples = new StringBuilder();
        Set<String> words = new TreeSet<>(expected.keySet());
        words.addAll(counted.keySet());
        for (String word : words) {
            long gap = counted.getOrDefault(word, 0L) - expected.getOrDefault(word, 0L);
            if (gap == 0) {
                continue;
            }
            if (gap < 0) {
                under -= gap;
                wordsUnder++;
            } else {
                over += gap;
                wordsOver++;
            }
            if (wordsUnder + wordsOver <= 5) {
                examples.append(' ').append(word).append('=')
                    .append(counted.getOrDefault(word, 0L)).append(" (expected ")
                    .append(expected.getOrDefault(word, 0L)).append(')');
            }
        }
        return wordsUnder + " words under by " + under + " in all, " + wordsOver
            + " words over by " + over + " in all; for example" + examples;
    }

    /**
     * The fixed-rate mode: starts the path on an empty input topic of its own, waits until it
     * owns every partition, then lets {@code probe} publish and measure.
     */
    LatencyRun measureLatency(BenchContext context, Workload workload, int threads,
            LatencyProbe probe) throws Exception {
        String runId = context.nextRunId(name() + "-latency");
        TallyConfig config = configFor(context, runId + "-input", runId);
        TopicSetup.ensure(context.admin(), config, List.of(config.inputTopic()), List.of());
        double cpuBefore = BenchContext.processCpuSeconds();
        LatencyProbe.Result result;
        long started;
        double seconds;
        double cpu;
        PathUnderTest path = start(context, config, threads);
        try {
            if (!path.awaitReady(partitions(config.inputTopic(), config.topicPartitions()),
                    RUN_TIMEOUT)) {
                throw new IllegalStateException(name() + " did not start within "
                    + RUN_TIMEOUT.toMinutes() + " minutes");
            }
            started = System.nanoTime();
            result = probe.run(config, workload.generator());
            seconds = (System.nanoTime() - started) / 1e9;
            cpu = BenchContext.processCpuSeconds() - cpuBefore;
        } finally {
            path.close();
        }
        context.deleteTopics(runId);
        return new LatencyRun(new Measurement(seconds, result.allSeen(),
            path.lockWaitSeconds() / (threads * seconds), -1, cpu,
            result.latencyMicros().getValueAtPercentile(50) / 1000.0,
            result.latencyMicros().getValueAtPercentile(99) / 1000.0),
            result.lines(), result.words());
    }

    /** A fixed-rate run: its measurement and how much it published. */
    record LatencyRun(Measurement measurement, long lines, long words) {
    }

    /** The input partitions a latency run must own before it starts publishing. */
    static List<TopicPartition> partitions(String topic, int count) {
        return java.util.stream.IntStream.range(0, count)
            .mapToObj(p -> new TopicPartition(topic, p)).toList();
    }
}
