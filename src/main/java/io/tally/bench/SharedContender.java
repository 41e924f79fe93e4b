package io.tally.bench;

import io.tally.config.TallyConfig;
import io.tally.shared.SharedCounters;
import io.tally.shared.SharedCountingService;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** The shared-memory path with one strategy, its consumer threads set by the sweep. */
final class SharedContender extends CountingContender {

    private final String strategy;

    SharedContender(String strategy) {
        this.strategy = strategy;
    }

    @Override
    public String name() {
        return strategy;
    }

    @Override
    PathUnderTest start(BenchContext context, TallyConfig config, int threads) {
        SharedCountingService service =
            new SharedCountingService(config, SharedCounters.create(strategy), threads);
        service.start(context.admin());
        return new PathUnderTest() {
            @Override
            public boolean awaitCaughtUp(Map<TopicPartition, Long> targets, Duration timeout)
                    throws InterruptedException {
                return service.awaitCommitted(targets, timeout, done -> { });
            }

            @Override
            public boolean awaitReady(Collection<TopicPartition> partitions, Duration timeout)
                    throws InterruptedException {
                return service.awaitAssigned(partitions, timeout);
            }

            @Override
            public double lockWaitSeconds() {
                return service.counter().lockWaitNanos() / 1e9;
            }

            @Override
            public void close() {
                service.close();
            }
        };
    }
}
