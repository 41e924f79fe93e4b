package io.tally.streams;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Which tasks of a combining topology hold partial counts that are not yet committed
 * downstream: still in the buffer, or sent but not yet published by a commit. Such counts are
 * safe in the buffer's changelog, but not yet in the counts topic, so "caught up" must wait
 * for them.
 *
 * <p>Concurrency: each task marks only itself, from its stream thread; any thread may ask.
 * The set is concurrent, so a reader sees each task's latest mark.
 */
public final class PendingPartialCounts {

    private final Set<TaskId> holding = ConcurrentHashMap.newKeySet();

    void holding(TaskId task) {
        holding.add(task);
    }

    void emptied(TaskId task) {
        holding.remove(task);
    }

    /** Whether no task of this instance holds partial counts. */
    public boolean none() {
        return holding.isEmpty();
    }
}
