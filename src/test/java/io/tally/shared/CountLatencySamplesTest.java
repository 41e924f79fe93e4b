package io.tally.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountLatencySamplesTest {

    @Test
    void shouldTurnEachBatchTimestampIntoItsLatencyAtTheCommitAndForgetIt() {
        CountLatencySamples samples = new CountLatencySamples();
        samples.add(1_000);
        samples.add(1_250);
        List<Long> latencies = new ArrayList<>();

        samples.drain(1_400, latencies::add);
        samples.drain(9_999, latencies::add);

        assertThat(latencies).containsExactly(400L, 150L);
    }

    @Test
    void shouldNeverReportANegativeLatencyForATimestampFromTheFuture() {
        CountLatencySamples samples = new CountLatencySamples();
        samples.add(5_000);
        List<Long> latencies = new ArrayList<>();

        samples.drain(4_000, latencies::add);

        assertThat(latencies).containsExactly(0L);
    }

    @Test
    void shouldKeepAtMostItsCapacityBetweenTwoCheckpoints() {
        CountLatencySamples samples = new CountLatencySamples();
        for (int i = 0; i < CountLatencySamples.CAPACITY + 10; i++) {
            samples.add(i);
        }
        List<Long> latencies = new ArrayList<>();

        samples.drain(CountLatencySamples.CAPACITY + 10, latencies::add);

        assertThat(latencies).hasSize(CountLatencySamples.CAPACITY);
    }
}
