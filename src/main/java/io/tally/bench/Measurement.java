package io.tally.bench;

/**
 * What one timed run of a contender measured. A figure that does not apply to the contender
 * is NaN (or -1 for counts), and is written as an empty CSV field.
 *
 * @param seconds from the contender's start until its counts topic held the final counts
 * @param matched whether those counts equalled the direct count
 * @param lockWaitShare time threads waited for the map's locks, over threads times seconds
 * @param repartitionRecords offsets the topology used in its repartition topic: its records,
 *     plus a transaction marker per partition and commit
 * @param cpuSeconds CPU time of the whole process (contender, clients and embedded broker)
 * @param p50Millis median end-to-end latency, in the fixed-rate mode only
 * @param p99Millis 99th percentile end-to-end latency, in the fixed-rate mode only
 */
public record Measurement(double seconds, boolean matched, double lockWaitShare,
        long repartitionRecords, double cpuSeconds, double p50Millis, double p99Millis) {

    /** A throughput run's measurement, with no latency figures. */
    static Measurement throughput(double seconds, boolean matched, double lockWaitShare,
            long repartitionRecords, double cpuSeconds) {
        return new Measurement(seconds, matched, lockWaitShare, repartitionRecords, cpuSeconds,
            Double.NaN, Double.NaN);
    }
}
