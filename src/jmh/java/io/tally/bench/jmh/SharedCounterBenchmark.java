package io.tally.bench.jmh;

import io.tally.shared.SharedCounter;
import io.tally.shared.SharedCounters;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Measures words counted per second, summed over all threads, by each shared-map strategy of
 * the shared-memory path, under four word-frequency skews. It isolates the cost of the
 * strategy's synchronisation from Kafka, polling and tokenizing, which the end-to-end bench
 * also includes.
 *
 * <p>One operation is one word added. Each invocation adds one poll batch of {@value #BATCH}
 * words through the thread's own {@link SharedCounter.Updater} and then calls
 * {@link SharedCounter.Updater#endBatch()}, as a consumer thread does after every poll.
 *
 * <p>Threads: there is no {@code @Threads} annotation, so JMH's default of one thread applies
 * unless the run passes {@code -t N}; all N threads then share the single counter of the
 * {@link Counter} state, and each has its own updater and word stream in {@link Feed}. The
 * {@code actor} strategy also starts its owner thread, one more runnable thread than
 * {@code -t} says, which matters on a machine with few cores.
 *
 * <p>Skews ({@code -p skew=...}): {@code uniform} draws every word of the
 * {@value WordStreams#VOCABULARY}-word vocabulary equally, {@code zipf1.0} and
 * {@code zipf1.5} follow a Zipf law with that exponent, and {@code hot} makes one word half of
 * all updates, the rest uniform. The streams are generated in setup (see {@link WordStreams})
 * and replayed in a loop, so drawing words is never measured.
 *
 * <p>The counter lives for the whole trial, so during warm-up its map grows to the set of
 * words in the streams and stays that size, as the service's map does on a long run.
 * Compare with {@link HashMapBaselineBenchmark}, the same work with no synchronisation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SharedCounterBenchmark {

    /** Words per poll batch, between two endBatch calls. */
    static final int BATCH = 500;

    /**
     * Words in each thread's stream: many batches, so the replay loop is long compared with
     * the batch, and a whole number of them, so a batch never wraps around the end.
     */
    static final int STREAM_LENGTH = BATCH * 512;

    private static final long SEED = 0x7A11_5EEDL;

    /** The one counter that every benchmark thread updates. */
    @State(Scope.Benchmark)
    public static class Counter {

        @Param({"locked-map", "locked-batch", "striped", "concurrent", "actor"})
        public String strategy;

        @Param({"uniform", "zipf1.0", "zipf1.5", "hot"})
        public String skew;

        SharedCounter counter;

        @Setup(Level.Trial)
        public void open() {
            counter = SharedCounters.create(strategy);
        }

        /** Stops the actor's owner thread, which would otherwise outlive the trial. */
        @TearDown(Level.Trial)
        public void close() {
            counter.close();
        }
    }

    /** One consumer thread's updater and its own pre-generated stream of words. */
    @State(Scope.Thread)
    public static class Feed {

        SharedCounter.Updater updater;
        String[] words;
        int next;

        /** Runs on the benchmark thread itself, so each updater is used by its maker only. */
        @Setup(Level.Trial)
        public void open(Counter shared, ThreadParams thread) {
            updater = shared.counter.updater();
            // A seed per thread: threads that replayed the same words in step would collide
            // on the same keys far more than partitions of one topic do.
            words = WordStreams.generate(shared.skew, STREAM_LENGTH,
                seedFor(thread.getThreadIndex()));
            next = 0;
        }
    }

    /** The seed of thread {@code index}'s stream, shared with the baseline benchmark. */
    static long seedFor(int index) {
        return SEED + 1_000_003L * index;
    }

    /**
     * Adds one poll batch and ends it. The counter keeps every word in its own state, so the
     * calls cannot be optimised away and nothing needs to go to a Blackhole.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void addBatch(Feed feed) {
        SharedCounter.Updater updater = feed.updater;
        String[] words = feed.words;
        int start = feed.next;
        for (int i = start; i < start + BATCH; i++) {
            updater.add(words[i]);
        }
        updater.endBatch();
        feed.next = start + BATCH == words.length ? 0 : start + BATCH;
    }
}
