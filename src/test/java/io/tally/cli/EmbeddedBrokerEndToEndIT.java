package io.tally.cli;

import io.tally.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The end-to-end scenario on the embedded KRaft broker, which runs everywhere. */
class EmbeddedBrokerEndToEndIT extends EndToEndScenario {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Override
    protected String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
