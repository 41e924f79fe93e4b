package io.tally.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft combined mode, running inside this JVM.
 *
 * <p>{@link Builder#start()} formats the data directory if it has never been formatted, starts
 * Kafka's {@code KafkaRaftServer} and returns once an Admin client sees the broker in the
 * cluster. {@link #close()} stops it again. Starting a second broker on the same data directory
 * and port after a close continues where the first one stopped.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
 *     String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>Note: a single node, so nothing is replicated; every topic must use replication factor 1,
 * and losing the data directory loses the data.
 *
 * <p>Note: listeners bind to 127.0.0.1 only, so the broker is not reachable from other
 * machines or containers. They take no authentication unless {@link Builder#saslPlainUser}
 * names users, and are never encrypted.
 *
 * <p>Note: only during {@code startup()} are Kafka's fatal faults turned into exceptions (and
 * broker starts serialised, since Kafka's exit hooks are global); once running, a fatal fault
 * such as a corrupt metadata log halts the JVM, as it would stop a standalone broker.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** Upper bound for the broker to become visible to clients after {@code startup()}. */
    private static final Duration SERVE_TIMEOUT = Duration.ofSeconds(30);

    /** Pause between describeCluster attempts that did not yet list this node. */
    private static final long RETRY_BACKOFF_MS = 100;

    private final int port;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final SaslPlainUsers sasl;
    private KafkaRaftServer server;
    private Duration startupTime = Duration.ZERO;
    private boolean closed;

    private EmbeddedKafkaBroker(int port, Path dataDir, boolean ownsDataDir,
            SaslPlainUsers sasl) {
        this.port = port;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.sasl = sasl;
    }

    /** Returns a builder with the defaults: a free port and a temporary data directory. */
    public static Builder builder() {
        return new Builder();
    }

    /** The bootstrap servers string for clients, {@code "127.0.0.1:<port>"}. */
    public String bootstrapServers() {
        return LoopbackPorts.HOST + ":" + port;
    }

    /**
     * The settings a Kafka client needs to log in to a broker started with
     * {@link Builder#saslPlainUser}: {@code security.protocol}, {@code sasl.mechanism} and
     * {@code sasl.jaas.config}.
     */
    public static Map<String, String> saslClientProperties(String user, String password) {
        return SaslPlainUsers.clientProperties(user, password);
    }

    /** The names of the SASL/PLAIN users the broker accepts; empty when it takes anyone. */
    public Set<String> saslUsers() {
        return sasl == null ? Set.of() : sasl.names();
    }

    /** The port of the client listener. */
    public int port() {
        return port;
    }

    /** The directory that holds the broker's metadata and topic data. */
    public Path dataDir() {
        return dataDir;
    }

    /** Time from {@link Builder#start()} until the broker served a describeCluster request. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Shuts the broker down cleanly and waits until it has stopped, then deletes the data
     * directory if it was a temporary one. Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopServer();
        if (ownsDataDir) {
            deleteDataDir();
        }
    }

    private void boot(Map<String, String> overrides) {
        long startNanos = System.nanoTime();
        boolean formatted = KraftStorage.isFormatted(dataDir);
        if (!formatted) {
            String clusterId = KraftStorage.format(
                dataDir, BrokerProperties.NODE_ID, BrokerProperties.CONTROLLER_LISTENER);
            LOG.info("Formatted new KRaft storage in {} (cluster id {})", dataDir, clusterId);
        }
        int controllerPort = LoopbackPorts.pickFree();
        startServer(config(BrokerProperties.create(port, controllerPort, dataDir, sasl,
            overrides)));
        awaitServing();
        startupTime = Duration.ofNanos(System.nanoTime() - startNanos);
        LOG.info("Broker started on {}{} in {} ms ({} data dir {})", bootstrapServers(),
            sasl == null ? "" : " with SASL/PLAIN", startupTime.toMillis(),
            formatted ? "existing" : "new", dataDir);
    }

    private static KafkaConfig config(Properties props) {
        try {
            return KafkaConfig.fromProps(props, false);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(
                "Invalid broker configuration: " + e.getMessage(), e);
        }
    }

    private void startServer(KafkaConfig config) {
        StartupFaultGuard guard = StartupFaultGuard.install();
        try {
            // The constructor already reads meta.properties, so it belongs inside the try too.
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
        } catch (RuntimeException e) {
            throw startFailure(e);
        } finally {
            guard.close();
        }
    }

    private IllegalStateException startFailure(RuntimeException e) {
        // The controller port could also have been taken since it was picked; only a clash on
        // the client port deserves the advice about --port.
        if (LoopbackPorts.isBindFailure(e) && mentionsClientPort(e)) {
            return new IllegalStateException(LoopbackPorts.inUseMessage(port), e);
        }
        return new IllegalStateException("Kafka broker on " + bootstrapServers()
            + " with data dir " + dataDir + " failed to start: " + e.getMessage(), e);
    }

    private boolean mentionsClientPort(Throwable failure) {
        String address = LoopbackPorts.HOST + ":" + port;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits until the broker answers describeCluster with itself as a member. {@code startup()}
     * returning says Kafka finished its startup sequence; only a client round trip proves that
     * the listener, the metadata cache and request handling all work.
     */
    private void awaitServing() {
        long deadline = System.nanoTime() + SERVE_TIMEOUT.toNanos();
        Map<String, Object> adminConfig = sasl == null
            ? new LinkedHashMap<>() : sasl.brokerClientProperties();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "tally-embedded-broker-probe");
        try (Admin admin = Admin.create(adminConfig)) {
            while (!listsThisNode(admin, deadline)) {
                if (System.nanoTime() >= deadline) {
                    throw notServing(null);
                }
                Thread.sleep(RETRY_BACKOFF_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notServing(e);
        }
    }

    private boolean listsThisNode(Admin admin, long deadline) throws InterruptedException {
        long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        DescribeClusterOptions options =
            new DescribeClusterOptions().timeoutMs((int) Math.min(remainingMs, Integer.MAX_VALUE));
        try {
            Collection<Node> nodes =
                admin.describeCluster(options).nodes().get(remainingMs, TimeUnit.MILLISECONDS);
            return nodes.stream().anyMatch(node -> node.id() == BrokerProperties.NODE_ID);
        } catch (ExecutionException | TimeoutException e) {
            if (System.nanoTime() >= deadline) {
                throw notServing(e);
            }
            LOG.debug("Broker on {} not serving yet", bootstrapServers(), e);
            return false;
        }
    }

    private IllegalStateException notServing(Exception cause) {
        return new IllegalStateException("Kafka broker on " + bootstrapServers()
            + " (data dir " + dataDir + ") did not serve requests within "
            + SERVE_TIMEOUT.toSeconds() + " s", cause);
    }

    private void stopServer() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
            LOG.info("Broker on {} stopped", bootstrapServers());
        } catch (RuntimeException e) {
            LOG.warn("Broker on {} did not shut down cleanly", bootstrapServers(), e);
        }
    }

    private void deleteDataDir() {
        try {
            Utils.delete(dataDir.toFile());
        } catch (IOException e) {
            LOG.warn("Could not delete temporary data dir {}", dataDir, e);
        }
    }

    /** Collects the settings of an {@link EmbeddedKafkaBroker} and starts it. */
    public static final class Builder {

        private int port;
        private Path dataDir;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final Map<String, String> saslUsers = new LinkedHashMap<>();

        private Builder() {
        }

        /** The client listener port on 127.0.0.1; 0, the default, picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * A data directory that is kept after close and reused by the next start; null, the
         * default, uses a temporary directory that close deletes.
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /**
         * Makes every listener require SASL/PLAIN and accept {@code user} with
         * {@code password}; may be called for several users. Clients log in with
         * {@link #saslClientProperties}.
         *
         * @throws IllegalArgumentException for a name or password that PLAIN cannot carry
         */
        public Builder saslPlainUser(String user, String password) {
            SaslPlainUsers.clientProperties(user, password);
            saslUsers.put(user, password);
            return this;
        }

        /** Adds or overrides one broker configuration entry, applied after the defaults. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Formats the data directory unless it is already formatted, starts the broker and waits
         * until it serves clients.
         *
         * @throws IllegalStateException if the port is taken, storage cannot be prepared, or the
         *     broker does not start or serve in time
         * @throws IllegalArgumentException if a {@link #brokerProperty} makes the config invalid
         */
        public EmbeddedKafkaBroker start() {
            int chosenPort = port == 0 ? LoopbackPorts.pickFree() : port;
            LoopbackPorts.requireFree(chosenPort);
            boolean temporary = dataDir == null;
            SaslPlainUsers sasl = saslUsers.isEmpty() ? null : new SaslPlainUsers(saslUsers);
            EmbeddedKafkaBroker broker =
                new EmbeddedKafkaBroker(chosenPort, prepareDataDir(), temporary, sasl);
            try {
                broker.boot(brokerProperties);
                return broker;
            } catch (RuntimeException e) {
                // Stop whatever threads did start and remove a temporary directory.
                broker.close();
                throw e;
            }
        }

        private Path prepareDataDir() {
            try {
                return dataDir == null
                    ? Files.createTempDirectory("tally-broker-")
                    : Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new IllegalStateException("Could not create data dir "
                    + (dataDir == null ? "in the temp directory" : dataDir), e);
            }
        }
    }
}
