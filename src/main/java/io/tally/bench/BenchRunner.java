package io.tally.bench;

import io.tally.config.TallyConfig;
import io.tally.kafka.EndOffsets;
import io.tally.kafka.TopicSetup;
import io.tally.producer.DirectCount;
import io.tally.producer.LineSource;
import io.tally.producer.TextProducer;
import io.tally.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link BenchPlan}: publishes each workload once, then times every contender on it,
 * repeat after repeat, rotating the contenders' order so that none always runs first (on a
 * warm or a cold JVM), and finally runs the fixed-rate latency mode.
 */
public final class BenchRunner {

    /** Told of progress; the CLI draws it. */
    public interface Listener {

        /** A timed run is about to start. */
        void onRunStarting(String description);

        /** A timed run has finished. */
        void onRow(BenchRow row);
    }

    private static final Logger log = LoggerFactory.getLogger(BenchRunner.class);

    private final BenchPlan plan;
    private final BenchContext context;

    public BenchRunner(TallyConfig base, Admin admin, Path stateRoot, BenchPlan plan) {
        this.plan = plan;
        this.context = new BenchContext(base, admin, stateRoot);
    }

    /** Runs the whole plan and returns one row per timed run. */
    public List<BenchRow> run(Listener listener) throws Exception {
        List<BenchRow> rows = new ArrayList<>();
        String inputPrefix = context.nextRunId("input");
        try {
            List<Workload> workloads = plan.workloads();
            for (int w = 0; w < workloads.size(); w++) {
                PublishedInput input = publish(workloads.get(w), inputPrefix);
                for (int repeat = 1; repeat <= plan.repeat(); repeat++) {
                    for (Contender contender : rotated(w + repeat - 1)) {
                        for (int threads : contender.takesThreads() ? plan.threads() : List.of(1)) {
                            rows.add(timed(listener, contender, input, threads, repeat));
                        }
                    }
                }
            }
            if (plan.latencyRate() > 0) {
                rows.addAll(latencyRuns(listener, workloads.get(0)));
            }
        } finally {
            context.deleteTopics(inputPrefix);
        }
        return rows;
    }

    private BenchRow timed(Listener listener, Contender contender, PublishedInput input,
            int threads, int repeat) {
        Workload workload = input.workload();
        listener.onRunStarting(contender.name() + " " + workload.id() + " t" + threads);
        Measurement measurement;
        try {
            measurement = contender.measure(context, input, threads);
        } catch (Exception e) {
            // One failed run must not cost the whole sweep: record it as unmatched and go on.
            log.error("{} failed on {} with {} threads", contender.name(), workload.id(),
                threads, e);
            measurement = Measurement.throughput(Double.NaN, false, Double.NaN, -1, Double.NaN);
        }
        BenchRow row = new BenchRow(contender.name(), workload.skew().label(), threads,
            workload.wordsPerLine(), repeat, input.expected().lines(),
            input.expected().words(), measurement);
        if (!measurement.matched()) {
            log.warn("{} did not reach the direct count on {} with {} threads",
                contender.name(), workload.id(), threads);
        }
        listener.onRow(row);
        return row;
    }

    private List<BenchRow> latencyRuns(Listener listener, Workload workload) throws Exception {
        int threads = plan.threads().contains(2) ? 2 : plan.threads().get(0);
        LatencyProbe probe = new LatencyProbe(plan.latencyRate(), plan.latencyDuration());
        List<BenchRow> rows = new ArrayList<>();
        for (Contender contender : contenders()) {
            if (contender instanceof CountingContender counting) {
                listener.onRunStarting(contender.name() + " latency t" + threads);
                CountingContender.LatencyRun run;
                try {
                    run = counting.measureLatency(context, workload, threads, probe);
                } catch (Exception e) {
                    log.error("{} failed its latency run", contender.name(), e);
                    continue;
                }
                BenchRow row = new BenchRow(contender.name(), workload.skew().label(), threads,
                    workload.wordsPerLine(), 1, run.lines(), run.words(), run.measurement());
                listener.onRow(row);
                rows.add(row);
            }
        }
        return rows;
    }

    private PublishedInput publish(Workload workload, String prefix) throws Exception {
        String topic = prefix + "-" + workload.id();
        TallyConfig config = context.base().with(Map.of(TallyConfig.INPUT_TOPIC_CONFIG, topic));
        TopicSetup.ensure(context.admin(), config, List.of(topic), List.of());
        DirectCount expected = DirectCount.of(LineSource.generated(workload.generator()),
            new Tokenizer(config.wordMaxLength()), config.producerMaxLineBytes());
        new TextProducer(config, config.producerThreads())
            .run(LineSource.generated(workload.generator()), length -> { });
        log.info("Published workload {}: {} lines, {} words", workload.id(), expected.lines(),
            expected.words());
        return new PublishedInput(workload, topic, expected,
            EndOffsets.of(context.admin(), topic));
    }

    private List<Contender> rotated(int by) {
        List<Contender> contenders = contenders();
        Collections.rotate(contenders, -(by % contenders.size()));
        return contenders;
    }

    private List<Contender> contenders() {
        List<Contender> contenders = new ArrayList<>();
        for (String name : plan.contenders()) {
            contenders.add(switch (name) {
                case "peer" -> StreamsContender.peer();
                case "plain" -> StreamsContender.plain();
                case "combined" -> StreamsContender.combined();
                case "transport" -> new TransportContender();
                case "memory" -> new MemoryContender();
                default -> new SharedContender(name);
            });
        }
        return contenders;
    }
}
