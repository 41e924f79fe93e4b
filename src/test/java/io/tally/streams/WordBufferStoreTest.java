package io.tally.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordBufferStoreTest {

    private final WordBufferStore buffer = WordBufferStore.builder("buffer").build();

    @Test
    void shouldHandTheCombinerEverythingBufferedAtTheStartOfACommit() {
        Map<String, Long> sent = new HashMap<>();
        buffer.sendBeforeEachCommit(() -> buffer.drain(sent::put));
        buffer.add("a", 2);
        buffer.add("b", 1);
        buffer.add("a", 1);

        buffer.flushCache();

        assertThat(sent).containsOnly(Map.entry("a", 3L), Map.entry("b", 1L));
        assertThat(buffer.size()).isZero();
    }

    @Test
    void shouldRefuseACommitThatFindsPartialCountsWithNoCombinerToSendThem() {
        buffer.add("a", 1);

        assertThatThrownBy(buffer::flushCache).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("1 partial counts");
    }

    @Test
    void shouldRefuseAChangelogBecauseItIsEmptyAtEveryCommit() {
        assertThat(WordBufferStore.builder("buffer").loggingEnabled()).isFalse();
        assertThatThrownBy(() -> WordBufferStore.builder("buffer").withLoggingEnabled(Map.of()))
            .isInstanceOf(UnsupportedOperationException.class);
    }
}
