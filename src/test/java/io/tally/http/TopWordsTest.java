package io.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopWordsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 10, 500, 2_000})
    void shouldKeepWhatAFullSortPutsFirstWithTiesInWordOrder(int n) {
        Random random = new Random(n);
        List<WordCount> all = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            all.add(new WordCount("w" + random.nextInt(1_000_000), random.nextInt(20)));
        }
        TopWords top = new TopWords(n);
        all.forEach(top::offer);

        List<WordCount> sorted = new ArrayList<>(all);
        sorted.sort(WordCount.BY_COUNT_THEN_WORD);
        assertThat(top.sorted()).isEqualTo(sorted.subList(0, Math.min(n, sorted.size())));
    }
}
