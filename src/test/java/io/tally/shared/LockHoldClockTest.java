package io.tally.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How each strategy reports the time its guard was held, and what it costs per word. */
class LockHoldClockTest {

    static Stream<String> guardedStrategies() {
        return Stream.of(LockedMapCounter.NAME, LockedBatchCounter.NAME, StripedLockCounter.NAME,
            ActorCounter.NAME);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guardedStrategies")
    void shouldReportHoldTimeOnceWordsAreCounted(String name) {
        try (SharedCounter counter = SharedCounters.create(name)) {
            assertThat(counter.lockHoldNanos()).isZero();
            SharedCounter.Updater updater = counter.updater();
            for (int i = 0; i < 10 * LockHoldClock.SAMPLE_EVERY; i++) {
                updater.add("w" + i % 50);
            }
            updater.endBatch();
            counter.snapshot();

            assertThat(counter.lockHoldNanos()).isPositive();
        }
    }

    @Test
    void shouldReportNoHoldTimeForTheStrategyWithoutLocks() {
        try (SharedCounter counter = SharedCounters.create(ConcurrentMapCounter.NAME)) {
            SharedCounter.Updater updater = counter.updater();
            for (int i = 0; i < 1_000; i++) {
                updater.add("w" + i % 50);
            }
            updater.endBatch();

            assertThat(counter.lockHoldNanos()).isZero();
            assertThat(counter.lockWaitNanos()).isZero();
        }
    }

    @Test
    void shouldTimeExactlyOnePerWordHoldInSixtyFour() {
        LockHoldClock.Sampler sampler = new LockHoldClock.Sampler();
        int timed = 0;
        int firstTimed = -1;
        for (int i = 0; i < 64 * 100; i++) {
            if (sampler.due()) {
                timed++;
                firstTimed = firstTimed < 0 ? i : firstTimed;
            }
        }

        assertThat(timed).isEqualTo(100);
        assertThat(firstTimed).isEqualTo(LockHoldClock.SAMPLE_EVERY - 1);
    }

    @Test
    void shouldScaleASampledHoldToStandForEveryHoldItSamples() {
        LockHoldClock clock = new LockHoldClock();
        long start = System.nanoTime() - 1_000;

        clock.heldSampled(start);

        assertThat(clock.totalNanos()).isGreaterThanOrEqualTo(1_000L * LockHoldClock.SAMPLE_EVERY);
    }
}
