package io.tally.cli;

import io.tally.testing.EmbeddedBrokerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The end-to-end scenario on the embedded KRaft broker, which runs everywhere. */
class EmbeddedBrokerEndToEndIT extends EndToEndScenario {

    @RegisterExtension
    static final EmbeddedBrokerExtension broker = new EmbeddedBrokerExtension();

    @Override
    protected String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
