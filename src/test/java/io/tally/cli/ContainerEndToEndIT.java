package io.tally.cli;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The end-to-end scenario on Kafka's own {@code apache/kafka} image. Runs where a Docker engine
 * is reachable, and is reported as skipped where none is.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerEndToEndIT extends EndToEndScenario {

    @Container
    private static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.4.0");

    @Override
    protected String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
