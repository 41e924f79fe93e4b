package io.tally.cli;

import io.tally.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--sasl-user", paramLabel = "NAME:PASSWORD",
        description = "Require SASL/PLAIN logins on every listener and accept this user; may be"
            + " repeated. For local development: PLAIN over loopback is not encrypted, and a"
            + " password on the command line shows in the process list.")
    List<String> saslUsers = new ArrayList<>();

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Where the broker keeps its logs, kept across runs (default: a temporary"
            + " folder deleted on exit).")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new UsageException("--port must be between 0 and 65535, not " + port + ".");
        }
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder()
            .port(port)
            .dataDir(dataDir);
        for (String user : saslUsers) {
            int colon = user.indexOf(':');
            if (colon < 1) {
                throw new UsageException("--sasl-user takes NAME:PASSWORD, not '" + user
                    + "'.");
            }
            try {
                builder.saslPlainUser(user.substring(0, colon), user.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        EmbeddedKafkaBroker broker = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "tally-broker-shutdown"));
        System.out.printf("Kafka broker ready at %s (started in %d ms, data in %s).%n",
            broker.bootstrapServers(), broker.startupTime().toMillis(), broker.dataDir());
        if (!broker.saslUsers().isEmpty()) {
            printLoginSettings(broker);
        }
        System.out.println("Press Ctrl-C to stop.");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** How a client logs in, with the password left for the user to fill in. */
    private static void printLoginSettings(EmbeddedKafkaBroker broker) {
        String user = broker.saslUsers().iterator().next();
        System.out.println("SASL/PLAIN users: " + String.join(", ", broker.saslUsers())
            + ". Clients log in with:");
        EmbeddedKafkaBroker.saslClientProperties(user, "PASSWORD").forEach((key, value) ->
            System.out.println("  --set '" + key + "=" + value + "'"));
    }
}
