package io.tally.shared;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * End-to-end latency samples of the shared path: one per poll batch, the timestamp of the
 * batch's first record, taken when the batch is counted and turned into a latency when the
 * checkpoint that commits the batch's counts has committed. So the figure is the time from a
 * record's timestamp until its count is visible to {@code read_committed} readers of the
 * counts topic, and the hot path pays nothing per word.
 *
 * <p>Concurrency: consumer threads add, the checkpoint drains while they all wait for it; the
 * monitor of this object guards the buffer, and is taken once per batch, never per word.
 *
 * <p>Note: one sample per batch under-weights large batches, and the first record of a batch
 * is the oldest of its first partition only. At most {@link #CAPACITY} samples wait for a
 * checkpoint; later ones of that interval are dropped.
 */
final class CountLatencySamples {

    /** Samples kept between two checkpoints. */
    static final int CAPACITY = 65_536;

    private long[] timestamps = new long[256];
    private int size;

    /** Keeps the timestamp of one counted batch. */
    synchronized void add(long recordTimestamp) {
        if (size == timestamps.length) {
            if (size == CAPACITY) {
                return;
            }
            timestamps = Arrays.copyOf(timestamps, Math.min(CAPACITY, size * 2));
        }
        timestamps[size++] = recordTimestamp;
    }

    /** Tells {@code sink} each kept sample's latency at {@code committedAt}, and forgets them. */
    synchronized void drain(long committedAt, LongConsumer sink) {
        for (int i = 0; i < size; i++) {
            sink.accept(Math.max(0, committedAt - timestamps[i]));
        }
        size = 0;
    }
}
