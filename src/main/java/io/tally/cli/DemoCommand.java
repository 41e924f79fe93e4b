package io.tally.cli;

import io.tally.broker.EmbeddedKafkaBroker;
import io.tally.config.TallyConfig;
import io.tally.kafka.CountsTopicReader;
import io.tally.kafka.EndOffsets;
import io.tally.metrics.MeterNames;
import io.tally.producer.DirectCount;
import io.tally.producer.LineSource;
import io.tally.producer.StreamLines;
import io.tally.producer.TextProducer;
import io.tally.shared.SharedCounters;
import io.tally.shared.SharedCountingService;
import io.tally.streams.StreamsService;
import io.tally.streams.TopologyMetrics;
import io.tally.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tally demo}: the whole story in one command. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    versionProvider = TallyCli.Version.class,
    description = {"Starts an embedded Kafka broker (unless -b is given), publishes a corpus"
        + " with the producer threads, counts it by message passing and by shared memory,"
        + " waits until both counts topics hold the final counts, and prints a side-by-side"
        + " comparison.",
        "Exits 0 only when both paths equal a direct count of the input.",
        "With --http-port it serves a live dashboard at / while it runs, and after the report"
            + " keeps both paths counting and answering /counts/{word}?path=streams|shared,"
            + " /top and /metrics until Ctrl-C."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    GeneratorOptions shape;

    @Option(names = "--lines", paramLabel = "N", defaultValue = "200000",
        description = "Generated lines to publish (default: ${DEFAULT-VALUE}).")
    long lines;

    @Option(names = "--input", paramLabel = "FILE", arity = "1..*",
        description = "Publish these files instead of a generated corpus.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--strategy", paramLabel = "NAME",
        description = "Shared-map strategy (default: tally.shared.strategy, locked-map).")
    String strategy;

    @Option(names = "--consumers", paramLabel = "N",
        description = "Consumer threads of the shared path (default: tally.shared.consumers).")
    Integer consumers;

    @Option(names = "--producers", paramLabel = "N",
        description = "Producer threads (default: tally.producer.threads).")
    Integer producers;

    @Mixin
    HttpOptions http;

    /** Set while the demo serves after its report, so that Ctrl-C ends it cleanly. */
    private ShutdownSignal signal;

    @Override
    public Integer call() throws Exception {
        try {
            return demo();
        } finally {
            if (signal != null) {
                signal.close();
            }
        }
    }

    private int demo() throws Exception {
        TallyConfig base = common.load();
        InputFiles.checkReadable(inputs);
        http.check();
        DemoSettings settings = settings(base);
        boolean external = common.bootstrapServer != null || base.clientProperties()
            .containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (external) {
            return run(settings.isolated(base, System.currentTimeMillis()));
        }
        System.err.println("demo: starting an embedded Kafka broker...");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            System.err.printf("demo: broker ready at %s in %d ms%n", broker.bootstrapServers(),
                broker.startupTime().toMillis());
            return run(settings.on(base, broker.bootstrapServers()));
        }
    }

    private DemoSettings settings(TallyConfig base) {
        String name = strategy != null ? strategy : base.sharedStrategy();
        if (!SharedCounters.names().contains(name)) {
            throw new UsageException("Unknown --strategy '" + name + "'. Choose one of "
                + String.join(", ", SharedCounters.names()) + ".");
        }
        int consumerThreads = consumers != null ? consumers : base.sharedConsumers();
        int producerThreads = producers != null ? producers : base.producerThreads();
        if (consumerThreads < 1 || producerThreads < 1) {
            throw new UsageException("--consumers and --producers must be at least 1.");
        }
        return new DemoSettings(name, consumerThreads, producerThreads);
    }

    private int run(DemoRun run) throws Exception {
        Path stateDir = Files.createTempDirectory("tally-demo-state");
        try {
            return runIn(run.config().clientProperties().containsKey(
                StreamsConfig.STATE_DIR_CONFIG) ? run : run.withStateDir(stateDir));
        } finally {
            TempFolders.deleteRecursively(stateDir);
        }
    }

    private int runIn(DemoRun run) throws Exception {
        TallyConfig config = run.config();
        DirectCount expected = DirectCount.of(source(), new Tokenizer(config.wordMaxLength()),
            config.producerMaxLineBytes());
        List<AutoCloseable> running = new ArrayList<>();
        try (KafkaSession session = KafkaSession.open(config, true);
                LiveQueries live = LiveQueries.forDemo(http, config)) {
            if (live.enabled()) {
                System.err.println("demo: dashboard at " + live.url());
            }
            TextProducer producer = new TextProducer(config, run.settings().producers());
            Duration produced = ProduceCommand.publish(producer, source());
            Map<TopicPartition, Long> targets = EndOffsets.of(session.admin(), config.inputTopic());

            DemoReport.PathResult shared = runShared(run, session, targets, live, running);
            DemoReport.PathResult streams = runStreams(config, session, targets, live, running);

            DemoReport report = new DemoReport(expected, produced, run.settings(), streams,
                shared);
            report.print(System.out);
            if (live.enabled()) {
                serveUntilStopped(live);
            }
            return report.bothMatch() ? 0 : 1;
        } finally {
            closeAll(running);
        }
    }

    /** After the report, both paths keep counting and answering until Ctrl-C. */
    private void serveUntilStopped(LiveQueries live) throws InterruptedException {
        signal = ShutdownSignal.install();
        live.status(MeterNames.SHARED, "caught up; counting new input");
        live.status(MeterNames.STREAMS, "caught up; counting new input");
        System.out.println();
        System.out.println("Serving both paths at " + live.url() + " (dashboard at /, "
            + "/counts/{word}?path=streams|shared, /top?n=10, /metrics); press Ctrl-C to stop.");
        System.out.flush();
        signal.await();
        System.err.println("demo: stopping");
    }

    /** Closes the paths that stayed up to serve, newest first. */
    private static void closeAll(List<AutoCloseable> running) throws Exception {
        Exception first = null;
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private LineSource source() {
        if (inputs.isEmpty()) {
            return LineSource.generated(shape.generator(lines));
        }
        return new StreamLines(inputs.stream().<StreamLines.Opener>map(
            name -> () -> InputFiles.open(name)).toList());
    }

    /**
     * Counts with the shared path; with a live server it stays up, in {@code running}, to go
     * on counting and answering after the report.
     */
    private static DemoReport.PathResult runShared(DemoRun run, KafkaSession session,
            Map<TopicPartition, Long> targets, LiveQueries live, List<AutoCloseable> running)
            throws InterruptedException {
        TallyConfig config = run.config();
        long started = System.nanoTime();
        SharedCountingService shared = new SharedCountingService(config,
            SharedCounters.create(run.settings().strategy()), run.settings().consumers());
        live.bind(shared, config);
        boolean done;
        double seconds;
        try (Progress progress = Progress.start("shared ", EndOffsets.total(targets),
                "records")) {
            shared.start(session.admin());
            live.serve(shared);
            live.status(MeterNames.SHARED, "counting");
            done = shared.awaitCommitted(targets, Duration.ofMillis(config.catchUpTimeoutMs()),
                progress::update);
            // The clock stops when the counts are final; shutting down is not counting.
            seconds = (System.nanoTime() - started) / 1e9;
        } finally {
            if (live.enabled()) {
                running.add(shared);
            } else {
                shared.close();
            }
        }
        live.status(MeterNames.SHARED, String.format("caught up in %.2f s", seconds));
        Map<String, Long> counts = CountsTopicReader.readAll(config, session.admin(),
            config.sharedCountsTopic());
        return new DemoReport.PathResult(done, seconds, counts, shared.stats().deadLetters(),
            shared.counter().lockWaitNanos() / 1e9);
    }

    /** Counts with the streams path; with a live server it stays up, as the shared one. */
    private static DemoReport.PathResult runStreams(TallyConfig config, KafkaSession session,
            Map<TopicPartition, Long> targets, LiveQueries live, List<AutoCloseable> running)
            throws InterruptedException {
        long started = System.nanoTime();
        StreamsService streams = new StreamsService(config, live.streamsOverrides());
        live.bind(streams);
        boolean done;
        long deadLetters;
        double seconds;
        try (Progress progress = Progress.start("streams", EndOffsets.total(targets),
                "records")) {
            streams.start(session.admin());
            live.serve(streams);
            live.status(MeterNames.STREAMS, "counting");
            done = streams.awaitCaughtUp(session.admin(), targets,
                Duration.ofMillis(config.catchUpTimeoutMs()), progress::update);
            seconds = (System.nanoTime() - started) / 1e9;
            deadLetters = streams.metricTotal(TopologyMetrics.DEAD_LETTER_RECORDS);
        } finally {
            if (live.enabled()) {
                running.add(streams);
            } else {
                streams.close();
            }
        }
        live.status(MeterNames.STREAMS, String.format("caught up in %.2f s", seconds));
        Map<String, Long> counts = CountsTopicReader.readAll(config, session.admin(),
            config.streamsCountsTopic());
        return new DemoReport.PathResult(done, seconds, counts, deadLetters, Double.NaN);
    }

    /** What the demo runs: the shared strategy and the thread counts. */
    record DemoSettings(String strategy, int consumers, int producers) {

        /** On the demo's own embedded broker, with the configured names. */
        DemoRun on(TallyConfig base, String bootstrapServers) {
            return new DemoRun(base.with(Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)), this);
        }

        /**
         * On a cluster that may already hold Tally's topics: every topic and the application id
         * get a suffix for this run, so that old data cannot spoil the count.
         */
        DemoRun isolated(TallyConfig base, long runId) {
            String suffix = "-demo-" + runId;
            return new DemoRun(base.with(Map.of(
                TallyConfig.INPUT_TOPIC_CONFIG, base.inputTopic() + suffix,
                TallyConfig.STREAMS_COUNTS_TOPIC_CONFIG, base.streamsCountsTopic() + suffix,
                TallyConfig.SHARED_COUNTS_TOPIC_CONFIG, base.sharedCountsTopic() + suffix,
                TallyConfig.DEAD_LETTER_TOPIC_CONFIG, base.deadLetterTopic() + suffix,
                TallyConfig.STREAMS_APPLICATION_ID_CONFIG, base.streamsApplicationId() + suffix)),
                this);
        }
    }

    /** One demo run's configuration. */
    record DemoRun(TallyConfig config, DemoSettings settings) {

        /** Keeps the streams path's state in {@code folder}, which the demo deletes after. */
        DemoRun withStateDir(Path folder) {
            return new DemoRun(config.with(Map.of(StreamsConfig.STATE_DIR_CONFIG,
                folder.toString())), settings);
        }
    }
}
