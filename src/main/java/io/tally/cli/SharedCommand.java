package io.tally.cli;

import io.tally.config.TallyConfig;
import io.tally.kafka.EndOffsets;
import io.tally.metrics.MeterNames;
import io.tally.shared.SharedCounter;
import io.tally.shared.SharedCounters;
import io.tally.shared.SharedCountingService;
import io.tally.shared.SharedPathStats;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tally shared}: the shared-memory path as a service. */
@Command(name = "shared", mixinStandardHelpOptions = true,
    versionProvider = TallyCli.Version.class,
    description = {"Runs the shared-memory path: several consumer threads in this JVM, all"
        + " updating one map, which checkpoints its counts and input positions together,"
        + " exactly once, to the shared counts topic.",
        "Runs until Ctrl-C, or with --until-caught-up until the input present at start is"
            + " counted.",
        "With --http-port it answers queries from its last checkpoint, as its counts topic"
            + " holds them."})
final class SharedCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ServiceOptions service;

    @Mixin
    HttpOptions http;

    @Option(names = "--strategy", paramLabel = "NAME",
        description = "How the map is guarded: locked-map, locked-batch, striped, concurrent"
            + " or actor (default: tally.shared.strategy, locked-map).")
    String strategy;

    @Option(names = "--consumers", paramLabel = "N",
        description = "Consumer threads (default: tally.shared.consumers, 2).")
    Integer consumers;

    @Override
    public Integer call() throws InterruptedException {
        TallyConfig config = common.load();
        String name = strategy != null ? strategy : config.sharedStrategy();
        if (!SharedCounters.names().contains(name)) {
            throw new UsageException("Unknown --strategy '" + name + "'. Choose one of "
                + String.join(", ", SharedCounters.names()) + ".");
        }
        int threads = consumers != null ? consumers : config.sharedConsumers();
        if (threads < 1) {
            throw new UsageException("--consumers must be at least 1, not " + threads + ".");
        }
        http.check();
        try (KafkaSession session = KafkaSession.open(config, true);
                LiveQueries live = LiveQueries.forService(http, http.host, MeterNames.SHARED,
                    config)) {
            Map<TopicPartition, Long> targets = EndOffsets.of(session.admin(), config.inputTopic());
            SharedCounter counter = SharedCounters.create(name);
            SharedCountingService shared = new SharedCountingService(config, counter, threads);
            live.bind(shared, config);
            long started = System.nanoTime();
            shared.start(session.admin());
            live.serve(shared);
            if (live.enabled()) {
                System.err.println("shared: answering queries at " + live.url());
            }
            if (!service.untilCaughtUp) {
                System.err.println("shared: counting " + config.inputTopic() + " into "
                    + config.sharedCountsTopic() + " with " + threads + " consumers and"
                    + " strategy " + name + "; press Ctrl-C to stop.");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    live.close();
                    shared.close();
                }, "tally-shared-shutdown"));
                // Returns at Ctrl-C once closed, or throws, exiting 1, when the path fails.
                shared.awaitTermination();
                return 0;
            }
            boolean done;
            try (Progress progress = Progress.start("shared", EndOffsets.total(targets),
                    "records")) {
                done = shared.awaitCommitted(targets,
                    Duration.ofMillis(config.catchUpTimeoutMs()), progress::update);
            } finally {
                live.close();
                shared.close();
            }
            if (!done) {
                throw new IllegalStateException("The shared path did not catch up within "
                    + config.catchUpTimeoutMs() + " ms. Raise tally.catch.up.timeout.ms, or"
                    + " check the broker.");
            }
            printSummary(config, shared.stats(), (System.nanoTime() - started) / 1e9);
            return 0;
        }
    }

    private static void printSummary(TallyConfig config, SharedPathStats stats,
            double seconds) {
        System.out.printf("shared: caught up after %,d records and %,d words in %.2f s"
                + " (%,d dead letters); counts are in %s.%n", stats.records(), stats.words(),
            seconds, stats.deadLetters(), config.sharedCountsTopic());
    }
}
