package io.tally.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** A running counting path, seen the same way whatever its design. */
interface PathUnderTest extends AutoCloseable {

    /** Waits until every record before {@code targets} is counted; false on timeout. */
    boolean awaitCaughtUp(Map<TopicPartition, Long> targets, Duration timeout)
        throws InterruptedException;

    /** Waits until the path owns {@code partitions} and counts what arrives; false on timeout. */
    boolean awaitReady(Collection<TopicPartition> partitions, Duration timeout)
        throws InterruptedException;

    /** Seconds threads spent waiting for locks, or NaN where the design has none. */
    double lockWaitSeconds();

    /** Stops the path; its last counts are in its counts topic when this returns. */
    @Override
    void close();
}
