package io.tally.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one contract every shared-map strategy keeps, at 1, 2 and 8 threads. */
class SharedCounterContractTest {

    private static final long TIMEOUT_SECONDS = 60;

    static Stream<Arguments> strategiesAndThreads() {
        return SharedCounters.names().stream().flatMap(name ->
            Stream.of(1, 2, 8).map(threads -> Arguments.of(name, threads)));
    }

    static Stream<String> strategies() {
        return SharedCounters.names().stream();
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("strategiesAndThreads")
    void shouldNeitherLoseNorDoubleAnUpdateUnderContention(String name, int threads)
            throws Exception {
        int batches = 200;
        int wordsPerBatch = 500;
        try (SharedCounter counter = SharedCounters.create(name)) {
            runConcurrently(threads, thread -> {
                SharedCounter.Updater updater = counter.updater();
                for (int batch = 0; batch < batches; batch++) {
                    for (int i = 0; i < wordsPerBatch; i++) {
                        // Half the updates hit one hot word, the rest spread over 1,000 words.
                        updater.add(i % 2 == 0 ? "hot" : "w" + (i * 31 + batch) % 1_000);
                    }
                    updater.endBatch();
                }
            });

            long total = (long) threads * batches * wordsPerBatch;
            Map<String, Long> snapshot = counter.snapshot();
            assertThat(snapshot.get("hot")).isEqualTo(total / 2);
            assertThat(snapshot.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(total);
            assertThat(counter.count("hot")).isEqualTo(total / 2);
        }
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("strategiesAndThreads")
    void shouldCountEachThreadsDistinctWordsExactly(String name, int threads) throws Exception {
        try (SharedCounter counter = SharedCounters.create(name)) {
            runConcurrently(threads, thread -> {
                SharedCounter.Updater updater = counter.updater();
                for (int n = 1; n <= 300; n++) {
                    for (int k = 0; k < n; k++) {
                        updater.add("t" + thread + "-" + n);
                    }
                    updater.endBatch();
                }
            });

            Map<String, Long> expected = new HashMap<>();
            for (int thread = 0; thread < threads; thread++) {
                for (long n = 1; n <= 300; n++) {
                    expected.put("t" + thread + "-" + n, n);
                }
            }
            assertThat(counter.snapshot()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void shouldShowAnEndedBatchInTheNextSnapshotWhileOthersWrite(String name) throws Exception {
        try (SharedCounter counter = SharedCounters.create(name)) {
            CountDownLatch stop = new CountDownLatch(1);
            ExecutorService background = Executors.newSingleThreadExecutor();
            Future<?> noise = background.submit(() -> {
                SharedCounter.Updater updater = counter.updater();
                while (stop.getCount() > 0) {
                    updater.add("noise");
                    updater.endBatch();
                }
            });
            SharedCounter.Updater updater = counter.updater();
            for (long round = 1; round <= 200; round++) {
                updater.add("mine");
                updater.endBatch();
                assertThat(counter.snapshot()).containsEntry("mine", round);
            }
            stop.countDown();
            noise.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            background.shutdown();
            assertThat(background.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void shouldStartFromRestoredCountsAndAddToThem(String name) {
        try (SharedCounter counter = SharedCounters.create(name)) {
            counter.restore(Map.of("kafka", 41L, "streams", 7L));
            SharedCounter.Updater updater = counter.updater();
            updater.add("kafka");
            updater.add("new");
            updater.endBatch();

            assertThat(counter.snapshot()).containsOnly(Map.entry("kafka", 42L),
                Map.entry("streams", 7L), Map.entry("new", 1L));
            assertThat(counter.count("absent")).isZero();
            assertThat(counter.name()).isEqualTo(name);
        }
    }

    /** Runs {@code work} on {@code threads} threads started together; joins them all. */
    private static void runConcurrently(int threads, ThreadWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    work.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    @FunctionalInterface
    private interface ThreadWork {
        void run(int thread) throws Exception;
    }
}
