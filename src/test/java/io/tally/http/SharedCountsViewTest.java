package io.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SharedCountsViewTest {

    private final AtomicReference<Map<String, Long>> committed = new AtomicReference<>(
        Map.of("kafka", 5L, "stream", 3L, "word", 3L, "count", 1L));
    private final SharedCountsView view = new SharedCountsView(committed::get);

    @Test
    void shouldAnswerFromTheCommittedCountsAndZeroForAnUnknownWord() {
        assertThat(view.count("kafka", false)).isEqualTo(5);
        assertThat(view.count("never", false)).isZero();
    }

    @Test
    void shouldSortTheTopByCountThenWordForEveryAskedSize() {
        assertThat(view.top(2, false)).containsExactly(new WordCount("kafka", 5),
            new WordCount("stream", 3));
        assertThat(view.top(10, false)).containsExactly(new WordCount("kafka", 5),
            new WordCount("stream", 3), new WordCount("word", 3), new WordCount("count", 1));
        assertThat(view.top(1, false)).containsExactly(new WordCount("kafka", 5));
    }

    @Test
    void shouldFollowTheNextCheckpointsCountsAtOnce() {
        assertThat(view.top(1, false)).containsExactly(new WordCount("kafka", 5));

        committed.set(Map.of("kafka", 5L, "stream", 9L));

        assertThat(view.top(1, false)).containsExactly(new WordCount("stream", 9));
        assertThat(view.count("stream", false)).isEqualTo(9);
    }
}
