package io.tally.testing;

import io.tally.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded broker for all the tests of a class: started before the first, stopped after
 * the last. Register it as a {@code static} field with {@code @RegisterExtension}.
 */
public final class EmbeddedBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedKafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = EmbeddedKafkaBroker.builder().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
        }
    }

    /** The running broker's address for clients. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
