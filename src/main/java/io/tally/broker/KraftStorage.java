package io.tally.broker;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a data directory for KRaft, the embedded equivalent of {@code kafka-storage.sh format}.
 */
final class KraftStorage {

    private static final Logger LOG = LoggerFactory.getLogger(KraftStorage.class);

    /** Written by formatting; its presence means the directory already holds a cluster. */
    private static final String META_PROPERTIES = "meta.properties";

    private KraftStorage() {
    }

    /** True if {@code dataDir} was formatted before, by this class or by Kafka's tools. */
    static boolean isFormatted(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve(META_PROPERTIES));
    }

    /**
     * Formats {@code dataDir} as the only log directory (and so the metadata log directory) of a
     * static one-voter quorum, with a new cluster id and the latest production metadata version.
     *
     * @return the new cluster id
     */
    static String format(Path dataDir, int nodeId, String controllerListenerName) {
        String clusterId = Uuid.randomUuid().toString();
        String dir = dataDir.toAbsolutePath().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        // The Formatter reports progress on System.out by default; capture it for the debug log.
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                .setPrintStream(printStream)
                .setNodeId(nodeId)
                .setClusterId(clusterId)
                .setDirectories(List.of(dir))
                .setMetadataLogDirectory(dir)
                .setControllerListenerName(controllerListenerName)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + dir, e);
        }
        LOG.debug("Formatter output: {}", output.toString(StandardCharsets.UTF_8).trim());
        return clusterId;
    }
}
