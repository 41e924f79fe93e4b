package io.tally.http;

import java.util.Comparator;

/** One word and its count, as the API writes it: {@code {"word": "kafka", "count": 12}}. */
public record WordCount(String word, long count) {

    /** Most counts first; ties in word order, as {@code tally counts} prints them. */
    public static final Comparator<WordCount> BY_COUNT_THEN_WORD =
        Comparator.comparingLong(WordCount::count).reversed()
            .thenComparing(WordCount::word);
}
