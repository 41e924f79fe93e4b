package io.tally.bench.jmh;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Measures words counted per second by a plain {@link HashMap#merge} with no synchronisation
 * at all: the ceiling that every {@code SharedCounterBenchmark} strategy pays some price
 * below, on the same word streams and the same skews.
 *
 * <p>One operation is one word. The map and the stream belong to the thread, so nothing is
 * shared. It runs on one thread by default; given {@code -t N}, each thread counts into its
 * own map, which is the perfectly partitioned limit (what the message-passing path's
 * per-partition stores approach), not a shared map.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class HashMapBaselineBenchmark {

    /** Words per invocation, the same as a poll batch in {@code SharedCounterBenchmark}. */
    static final int BATCH = SharedCounterBenchmark.BATCH;

    @Param({"uniform", "zipf1.0", "zipf1.5", "hot"})
    public String skew;

    private Map<String, Long> counts;
    private String[] words;
    private int next;

    @Setup(Level.Trial)
    public void setUp(ThreadParams thread) {
        counts = new HashMap<>();
        words = WordStreams.generate(skew, SharedCounterBenchmark.STREAM_LENGTH,
            SharedCounterBenchmark.seedFor(thread.getThreadIndex()));
        next = 0;
    }

    /**
     * Counts one batch of words. The map is reachable from this state object, so the merges
     * cannot be optimised away and nothing needs to go to a Blackhole.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void unsynchronisedHashMap() {
        int start = next;
        for (int i = start; i < start + BATCH; i++) {
            counts.merge(words[i], 1L, Long::sum);
        }
        next = start + BATCH == words.length ? 0 : start + BATCH;
    }
}
