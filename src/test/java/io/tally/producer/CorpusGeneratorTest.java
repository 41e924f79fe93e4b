package io.tally.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.tokenizer.Tokenizer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorpusGeneratorTest {

    @Test
    void shouldMakeTheSameLineForTheSameSeedAndIndexWhateverTheOrder() {
        CorpusGenerator first = new CorpusGenerator(1_000, 500, 1.0, 10, 42);
        CorpusGenerator second = new CorpusGenerator(1_000, 500, 1.0, 10, 42);

        assertThat(first.line(999)).isEqualTo(second.line(999));
        assertThat(first.line(3)).isEqualTo(second.line(3));
        assertThat(first.line(3)).isNotEqualTo(new CorpusGenerator(1_000, 500, 1.0, 10, 43)
            .line(3));
    }

    @Test
    void shouldPutTheGivenNumberOfWordsOnEveryLineWithTheFirstCapitalised() {
        CorpusGenerator generator = new CorpusGenerator(100, 1_000, 1.0, 7, 1);

        for (int i = 0; i < 100; i++) {
            byte[] line = generator.line(i);
            assertThat(Tokenizer.withDefaults().words(new String(line))).hasSize(7);
            assertThat(Character.isUpperCase(line[0])).isTrue();
        }
    }

    @Test
    void shouldMakeTheFirstRankTheMostFrequentUnderZipf() {
        Map<String, Long> counts = count(new CorpusGenerator(2_000, 1_000, 1.0, 10, 9));
        CorpusGenerator shape = new CorpusGenerator(0, 1_000, 1.0, 10, 9);

        long top = counts.get(shape.word(0));
        assertThat(top).isGreaterThan(counts.get(shape.word(1)))
            .isGreaterThan(counts.get(shape.word(9)) * 5);
    }

    @Test
    void shouldGiveTheHotWordItsShareOfAllWords() {
        Map<String, Long> counts = count(new CorpusGenerator(2_000, 1_000, 0.0, 0.5, 10, 9));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        String hot = new CorpusGenerator(0, 1_000, 0.0, 10, 9).word(0);

        assertThat(counts.get(hot) / (double) total).isBetween(0.47, 0.53);
    }

    @Test
    void shouldRejectImpossibleShapes() {
        assertThatThrownBy(() -> new CorpusGenerator(1, 0, 1.0, 10, 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CorpusGenerator(1, 10, -1.0, 10, 1))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CorpusGenerator(1, 10, 1.0, 1.5, 10, 1))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Long> count(CorpusGenerator generator) {
        Map<String, Long> counts = new HashMap<>();
        for (long i = 0; i < generator.lines(); i++) {
            Tokenizer.withDefaults().tokenize(generator.line(i),
                word -> counts.merge(word, 1L, Long::sum));
        }
        return counts;
    }
}
