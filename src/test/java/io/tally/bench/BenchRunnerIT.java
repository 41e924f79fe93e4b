package io.tally.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.broker.EmbeddedKafkaBroker;
import io.tally.config.TallyConfig;
import io.tally.kafka.KafkaClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A miniature sweep on the embedded broker: every kind of contender, timed and verified. */
class BenchRunnerIT {

    @TempDir
    Path folder;

    @Test
    void shouldTimeEveryKindOfContenderVerifyItsCountsAndWriteTheReport() throws Exception {
        BenchPlan plan = new BenchPlan(List.of(Skew.HOT), List.of(8), List.of(1),
            List.of("plain", "combined", "locked-map", "actor", "transport", "memory"),
            3_000, 500, 7L, 1, 200, Duration.ofSeconds(2));
        List<BenchRow> rows;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            TallyConfig config = TallyConfig.fromProperties(
                Map.of("bootstrap.servers", broker.bootstrapServers()));
            try (Admin admin = Admin.create(KafkaClients.admin(config))) {
                rows = new BenchRunner(config, admin, folder.resolve("state"), plan)
                    .run(new BenchRunner.Listener() {
                        @Override
                        public void onRunStarting(String description) {
                        }

                        @Override
                        public void onRow(BenchRow row) {
                        }
                    });
            }
        }

        assertThat(rows).hasSize(plan.runCount()).allSatisfy(row -> {
            assertThat(row.measurement().matched()).as(row.contender()).isTrue();
            assertThat(row.measurement().seconds()).isPositive();
        });
        assertThat(rows).filteredOn(r -> !r.isLatencyRun()).extracting(BenchRow::words)
            .containsOnly(24_000L);
        BenchRow combined = row(rows, "combined");
        BenchRow plain = row(rows, "plain");
        // Offsets count transaction markers too, a few per commit and partition.
        assertThat(plain.measurement().repartitionRecords()).isBetween(24_000L, 24_200L);
        assertThat(combined.measurement().repartitionRecords()).isLessThan(24_000L / 4);
        assertThat(rows).filteredOn(BenchRow::isLatencyRun).extracting(BenchRow::contender)
            .containsExactlyInAnyOrder("plain", "combined", "locked-map", "actor");

        List<Path> written = new BenchReport(plan, rows).write(folder.resolve("out"));
        assertThat(written).extracting(p -> p.getFileName().toString()).contains("results.csv",
            "results.md", "throughput-hot.png", "throughput-hot.svg", "latency.png",
            "latency.svg");
        List<String> csv = Files.readAllLines(folder.resolve("out/results.csv"));
        assertThat(csv.get(0)).isEqualTo(BenchRow.HEADER);
        assertThat(csv).hasSize(rows.size() + 1);
        assertThat(Files.readString(folder.resolve("out/results.md"))).contains("| combined |");
    }

    private static BenchRow row(List<BenchRow> rows, String contender) {
        return rows.stream().filter(r -> r.contender().equals(contender) && !r.isLatencyRun())
            .findFirst().orElseThrow();
    }
}
