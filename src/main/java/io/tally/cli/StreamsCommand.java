package io.tally.cli;

import io.tally.config.TallyConfig;
import io.tally.kafka.EndOffsets;
import io.tally.streams.StreamsService;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tally streams}: the message-passing path as a service. */
@Command(name = "streams", mixinStandardHelpOptions = true,
    versionProvider = TallyCli.Version.class,
    description = {"Runs the message-passing path: a Kafka Streams application that counts"
        + " words in a state store and writes them to the counts topic (exactly-once by"
        + " default).",
        "Runs until Ctrl-C, or with --until-caught-up until the input present at start is"
            + " counted."})
final class StreamsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() throws InterruptedException {
        TallyConfig config = common.load();
        try (KafkaSession session = KafkaSession.open(config, true)) {
            Map<TopicPartition, Long> targets = EndOffsets.of(session.admin(), config.inputTopic());
            StreamsService streams = new StreamsService(config);
            long started = System.nanoTime();
            streams.start(session.admin());
            if (!service.untilCaughtUp) {
                System.err.println("streams: counting " + config.inputTopic() + " into "
                    + config.streamsCountsTopic() + "; press Ctrl-C to stop.");
                Runtime.getRuntime().addShutdownHook(
                    new Thread(streams::close, "tally-streams-shutdown"));
                // Returns at Ctrl-C once closed, or throws, exiting 1, when the path fails.
                streams.awaitTermination();
                return 0;
            }
            boolean done;
            try (Progress progress = Progress.start("streams", EndOffsets.total(targets),
                    "records")) {
                done = streams.awaitCaughtUp(session.admin(), targets,
                    Duration.ofMillis(config.catchUpTimeoutMs()), progress::update);
            } finally {
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
}
