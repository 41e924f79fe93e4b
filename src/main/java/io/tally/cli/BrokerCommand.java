package io.tally.cli;

import io.tally.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tally broker}: a real single-node Kafka broker for local work. */
@Command(name = "broker", mixinStandardHelpOptions = true,
    versionProvider = TallyCli.Version.class,
    description = {"Runs a real single-node Kafka broker (KRaft, broker and controller in one)"
        + " inside this JVM, on 127.0.0.1, until interrupted with Ctrl-C.",
        "Point other commands at it with -b 127.0.0.1:PORT."})
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092",
        description = "Client port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Where the broker keeps its logs, kept across runs (default: a temporary"
            + " folder deleted on exit).")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new UsageException("--port must be between 0 and 65535, not " + port + ".");
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
            .port(port)
            .dataDir(dataDir)
            .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "tally-broker-shutdown"));
        System.out.printf("Kafka broker ready at %s (started in %d ms, data in %s).%n",
            broker.bootstrapServers(), broker.startupTime().toMillis(), broker.dataDir());
        System.out.println("Press Ctrl-C to stop.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
