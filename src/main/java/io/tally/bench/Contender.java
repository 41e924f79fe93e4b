package io.tally.bench;

/** One of the designs the bench times on the same input. */
interface Contender {

    /** The name in results, for example {@code combined} or {@code locked-map}. */
    String name();

    /** Whether the thread count of the sweep applies; if not, it runs once per workload. */
    boolean takesThreads();

    /** Whether it writes a counts topic, and so can be timed in the fixed-rate latency mode. */
    boolean writesCounts();

    /** Counts {@code input} with {@code threads} threads, from start to final counts. */
    Measurement measure(BenchContext context, PublishedInput input, int threads)
        throws Exception;
}
