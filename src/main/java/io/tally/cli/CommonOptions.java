package io.tally.cli;

import io.tally.config.TallyConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/** The flags that every command takes: where Kafka is and how Tally is configured. */
final class CommonOptions {

    @Option(names = {"-b", "--bootstrap-server"}, paramLabel = "HOST:PORT",
        description = "Kafka cluster to use. Commands that need a broker and are not given one"
            + " either start an embedded broker (demo) or say so.")
    String bootstrapServer;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
        description = "Properties file (default: config/tally.properties when present).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
        description = "Override one setting; may be repeated. tally.* keys are Tally's, any"
            + " other key goes to the Kafka clients.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** Loads the layered configuration; {@code -b} wins over everything else. */
    TallyConfig load() {
        Map<String, String> merged = new LinkedHashMap<>(overrides);
        if (bootstrapServer != null) {
            merged.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
        }
        return TallyConfig.load(configFile, merged);
    }
}
