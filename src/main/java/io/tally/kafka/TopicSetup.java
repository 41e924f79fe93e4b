package io.tally.kafka;

import io.tally.config.TallyConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Tally's topics when they are missing: the input and dead-letter topics with the
 * configured partition count, and the two counts topics compacted, so that the latest record
 * of a word is its current count. A topic that already exists is used as it is; if its
 * settings differ, a warning says so.
 */
public final class TopicSetup {

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    /** Creates Tally's missing topics and checks the existing ones. */
    public static void ensureTopics(Admin admin, TallyConfig config) {
        ensure(admin, config,
            List.of(config.inputTopic(), config.deadLetterTopic()),
            List.of(config.streamsCountsTopic(), config.sharedCountsTopic()));
    }

    /** Creates the named topics when missing: {@code plainTopics} as they are, and
     * {@code countsTopics} compacted. */
    public static void ensure(Admin admin, TallyConfig config, List<String> plainTopics,
            List<String> countsTopics) {
        List<NewTopic> wanted = new ArrayList<>();
        plainTopics.forEach(name -> wanted.add(plain(name, config)));
        countsTopics.forEach(name -> wanted.add(compacted(name, config)));
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : wanted) {
                if (existing.contains(topic.name())) {
                    checkExisting(admin, topic);
                } else {
                    missing.add(topic);
                }
            }
            create(admin, missing);
        } catch (ExecutionException e) {
            throw new KafkaException("Could not set up topics: " + e.getCause().getMessage(),
                e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while setting up topics", e);
        }
    }

    /** Whether the cluster has a topic named {@code name}. */
    public static boolean exists(Admin admin, String name) {
        try {
            return admin.listTopics().names().get().contains(name);
        } catch (ExecutionException e) {
            throw new KafkaException("Could not list the cluster's topics: "
                + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while listing topics", e);
        }
    }

    private static NewTopic plain(String name, TallyConfig config) {
        return new NewTopic(name, Optional.of(config.topicPartitions()), replication(config));
    }

    private static NewTopic compacted(String name, TallyConfig config) {
        return plain(name, config).configs(
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    private static Optional<Short> replication(TallyConfig config) {
        short factor = config.topicReplicationFactor();
        return factor < 0 ? Optional.empty() : Optional.of(factor);
    }

    private static void create(Admin admin, Collection<NewTopic> topics)
            throws InterruptedException, ExecutionException {
        if (topics.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(topics).all().get();
            topics.forEach(t -> log.info("Created topic {} with {} partitions", t.name(),
                t.numPartitions()));
        } catch (ExecutionException e) {
            // Another instance may have created it between the listing and now.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static void checkExisting(Admin admin, NewTopic wanted)
            throws InterruptedException, ExecutionException {
        TopicDescription description =
            admin.describeTopics(List.of(wanted.name())).allTopicNames().get().get(wanted.name());
        int partitions = description.partitions().size();
        if (partitions != wanted.numPartitions()) {
            log.warn("Topic {} exists with {} partitions, not {}; using it as it is",
                wanted.name(), partitions, wanted.numPartitions());
        }
        if (wanted.configs() == null || wanted.configs().isEmpty()) {
            return;
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, wanted.name());
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            log.warn("Counts topic {} has cleanup.policy={}, not compact; old counts will be"
                + " deleted by retention instead of compaction", wanted.name(), policy);
        }
    }
}
