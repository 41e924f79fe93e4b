package io.tally.bench;

import io.tally.config.TallyConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every contender run shares: the cluster, names that no other run uses, a place for
 * Kafka Streams state, and the process CPU clock. Used by the bench's one thread.
 */
final class BenchContext {

    private static final Logger log = LoggerFactory.getLogger(BenchContext.class);

    private final TallyConfig base;
    private final Admin admin;
    private final Path stateRoot;
    private final String session;
    private final AtomicInteger runs = new AtomicInteger();

    BenchContext(TallyConfig base, Admin admin, Path stateRoot) {
        this.base = base;
        this.admin = admin;
        this.stateRoot = stateRoot;
        this.session = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    }

    TallyConfig base() {
        return base;
    }

    Admin admin() {
        return admin;
    }

    /** A prefix for one run's topics and group ids, unique within this cluster. */
    String nextRunId(String contender) {
        return "tally-bench-" + session + "-" + runs.incrementAndGet() + "-" + contender;
    }

    /** A fresh folder for one run's Kafka Streams state. */
    Path stateDir(String runId) throws IOException {
        return Files.createDirectories(stateRoot.resolve(runId));
    }

    /** CPU time of this whole process so far, in seconds. */
    static double processCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            return hotspot.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** Deletes every topic whose name starts with {@code prefix}, to keep the broker small. */
    void deleteTopics(String... prefixes) {
        try {
            Set<String> names = admin.listTopics().names().get();
            List<String> doomed = new ArrayList<>();
            for (String name : names) {
                for (String prefix : prefixes) {
                    if (name.startsWith(prefix)) {
                        doomed.add(name);
                    }
                }
            }
            if (!doomed.isEmpty()) {
                admin.deleteTopics(doomed).all().get();
            }
        } catch (Exception e) {
            log.debug("Could not delete bench topics {}", List.of(prefixes), e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
