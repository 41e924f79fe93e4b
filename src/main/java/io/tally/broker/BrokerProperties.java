package io.tally.broker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** The broker configuration of a single-node KRaft broker in combined mode on loopback. */
final class BrokerProperties {

    /** The node is both the only broker and the only controller, so one id serves both. */
    static final int NODE_ID = 1;

    /** Name of the listener that the controller quorum (of one) uses. */
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private static final String CLIENT_LISTENER = "CLIENT";

    private BrokerProperties() {
    }

    /**
     * Builds the configuration, with SASL/PLAIN on every listener when {@code sasl} is not
     * null; {@code overrides} are applied last so callers can replace any default.
     */
    static Properties create(int port, int controllerPort, Path dataDir,
            SaslPlainUsers sasl, Map<String, String> overrides) {
        Properties props = new Properties();
        putRolesAndListeners(props, port, controllerPort, sasl);
        putSingleNodeSettings(props);
        props.put("log.dirs", dataDir.toAbsolutePath().toString());
        props.putAll(overrides);
        return props;
    }

    private static void putRolesAndListeners(Properties props, int port, int controllerPort,
            SaslPlainUsers sasl) {
        String host = LoopbackPorts.HOST;
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        // A static voter set keeps kraft.version 0, which stores no controller address in the
        // log: the controller can take a new free port on every start of the same data dir.
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", CLIENT_LISTENER + "://" + host + ":" + port + ","
            + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + port);
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        if (sasl == null) {
            props.put("listener.security.protocol.map",
                CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
            return;
        }
        // Both listeners take SASL/PLAIN, so that nothing on this port or the controller's
        // answers a client that has not logged in.
        String protocol = SaslPlainUsers.SECURITY_PROTOCOL;
        props.put("listener.security.protocol.map",
            CLIENT_LISTENER + ":" + protocol + "," + CONTROLLER_LISTENER + ":" + protocol);
        props.put("sasl.enabled.mechanisms", SaslPlainUsers.MECHANISM);
        props.put("sasl.mechanism.inter.broker.protocol", SaslPlainUsers.MECHANISM);
        props.put("sasl.mechanism.controller.protocol", SaslPlainUsers.MECHANISM);
        for (String listener : new String[] {CLIENT_LISTENER, CONTROLLER_LISTENER}) {
            props.put("listener.name." + listener.toLowerCase(java.util.Locale.ROOT) + ".plain"
                + ".sasl.jaas.config", sasl.serverJaasConfig());
        }
    }

    private static void putSingleNodeSettings(Properties props) {
        // Internal topics default to three replicas, which one node can never host.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions make the first group or transaction faster to set up; with
        // one node, more coordinator partitions spread no load.
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.num.partitions", "1");
        // Nobody else is going to join: rebalance as soon as the first member arrives.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("group.streams.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        // The cleaner would otherwise reserve 128 MiB of heap in the host JVM.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
    }
}
