package io.tally.metrics;

/**
 * The name of every meter of Tally's own, and their tags. Each meter exists once per counting
 * path, tagged {@value #PATH_TAG}={@value #STREAMS} or {@value #SHARED}, so that one query
 * puts the two designs side by side. In Prometheus text the dots become underscores, and
 * counters end in {@code _total}: {@code tally_records_in_total{path="shared"}}.
 */
public final class MeterNames {

    /** The tag that names the counting path. */
    public static final String PATH_TAG = "path";
    /** The message-passing path. */
    public static final String STREAMS = "streams";
    /** The shared-memory path. */
    public static final String SHARED = "shared";

    /** Input records consumed, valid or not. */
    public static final String RECORDS_IN = "tally.records.in";
    /** Words counted. */
    public static final String WORDS_COUNTED = "tally.words.counted";
    /** Count records written to the counts topic: the path's records out. */
    public static final String COUNTS_WRITTEN = "tally.counts.written";
    /** Input records sent to the dead-letter topic. */
    public static final String DEAD_LETTERS = "tally.dead.letters";
    /** Input records not yet consumed, summed over the input partitions. */
    public static final String CONSUMER_LAG = "tally.consumer.lag";
    /** From an input record's timestamp until its count is written; see each path's notes. */
    public static final String COUNT_LATENCY = "tally.count.latency";
    /** Time threads spent waiting for the shared map's locks. */
    public static final String LOCK_WAIT = "tally.lock.wait";
    /** Time the shared map's locks were held (sampled for per-word locking). */
    public static final String LOCK_HOLD = "tally.lock.hold";

    private MeterNames() {
    }
}
