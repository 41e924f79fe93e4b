package io.tally.cli;

import io.tally.config.TallyConfig;
import io.tally.kafka.EndOffsets;
import io.tally.metrics.MeterNames;
import io.tally.streams.StreamsService;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tally streams}: the message-passing path as a service. */
@Command(name = "streams", mixinStandardHelpOptions = true,
    versionProvider = TallyCli.Version.class,
    description = {"Runs the message-passing path: a Kafka Streams application that counts"
        + " words in a state store and writes them to the counts topic (exactly-once by"
        + " default).",
        "Runs until Ctrl-C, or with --until-caught-up until the input present at start is"
            + " counted.",
        "With --http-port it answers live queries from its store; instances with the same"
            + " application id split the partitions and forward to each other."})
final class StreamsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ServiceOptions service;

    @Mixin
    HttpOptions http;

    @Option(names = "--advertised-http-host", paramLabel = "HOST",
        description = "Host name that other instances of the application use to reach this"
            + " one's HTTP server, sent to them as application.server (default: --http-host;"
            + " required when that listens on every interface).")
    String advertisedHttpHost;

    @Override
    public Integer call() throws InterruptedException {
        TallyConfig config = common.load();
        http.check();
        String advertised = advertisedHost();
        try (KafkaSession session = KafkaSession.open(config, true);
                LiveQueries live = LiveQueries.forService(http, advertised, MeterNames.STREAMS,
                    config)) {
            Map<TopicPartition, Long> targets = EndOffsets.of(session.admin(), config.inputTopic());
            StreamsService streams = new StreamsService(config, live.streamsOverrides());
            long started = System.nanoTime();
            try {
                live.bind(streams);
                streams.start(session.admin());
                live.serve(streams);
            } catch (RuntimeException e) {
                streams.close();
                throw e;
            }
            if (live.enabled()) {
                System.err.println("streams: answering queries at " + live.url());
            }
            if (!service.untilCaughtUp) {
                return runUntilStopped(config, streams, live);
            }
            boolean done;
            try (Progress progress = Progress.start("streams", EndOffsets.total(targets),
                    "records")) {
                done = streams.awaitCaughtUp(session.admin(), targets,
                    Duration.ofMillis(config.catchUpTimeoutMs()), progress::update);
            } finally {
                live.close();
                streams.close();
            }
            if (!done) {
                throw new IllegalStateException("The streams path did not catch up within "
                    + config.catchUpTimeoutMs() + " ms. Raise tally.catch.up.timeout.ms, or"
                    + " check the broker and the application's logs.");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("streams: caught up with %,d input records in %.2f s; counts are"
                + " in %s.%n", EndOffsets.total(targets), seconds, config.streamsCountsTopic());
            return 0;
        }
    }

    private static int runUntilStopped(TallyConfig config, StreamsService streams,
            LiveQueries live) throws InterruptedException {
        System.err.println("streams: counting " + config.inputTopic() + " into "
            + config.streamsCountsTopic() + "; press Ctrl-C to stop.");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            live.close();
            streams.close();
        }, "tally-streams-shutdown"));
        // Returns at Ctrl-C once closed, or throws, exiting 1, when the path fails.
        streams.awaitTermination();
        return 0;
    }

    /** The host that other instances reach this one at, checked before anything starts. */
    private String advertisedHost() {
        if (advertisedHttpHost != null) {
            return advertisedHttpHost;
        }
        if (http.enabled() && http.wildcard()) {
            throw new UsageException("--http-host " + http.host + " listens on every interface,"
                + " so other instances cannot be told where this one is. Add"
                + " --advertised-http-host with a name they can reach.");
        }
        return http.host;
    }
}
