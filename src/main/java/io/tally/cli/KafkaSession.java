package io.tally.cli;

import io.tally.config.TallyConfig;
import io.tally.kafka.ClusterProbe;
import io.tally.kafka.KafkaClients;
import io.tally.kafka.TopicSetup;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;

/**
 * What every command that talks to a cluster does first: build an admin client, check that
 * the cluster answers (failing fast with a clear message), and create missing topics.
 */
final class KafkaSession implements AutoCloseable {

    private final Admin admin;

    private KafkaSession(Admin admin) {
        this.admin = admin;
    }

    /** Connects and checks the cluster; creates Tally's topics when {@code setUpTopics}. */
    static KafkaSession open(TallyConfig config, boolean setUpTopics) {
        Admin admin = Admin.create(KafkaClients.admin(config));
        try {
            ClusterProbe.check(admin, KafkaClients.bootstrapServers(config),
                Duration.ofMillis(config.connectTimeoutMs()));
            if (setUpTopics) {
                TopicSetup.ensureTopics(admin, config);
            }
            return new KafkaSession(admin);
        } catch (RuntimeException e) {
            admin.close();
            throw e;
        }
    }

    Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close();
    }
}
