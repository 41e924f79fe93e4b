package io.tally.http;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The {@code n} most frequent words of a stream of counts, kept in a heap of {@code n}, so
 * that a large map costs one pass and no sort of the whole.
 */
final class TopWords {

    private final int n;
    /** The weakest kept word on top, so that a stronger one can replace it. */
    private final PriorityQueue<WordCount> heap;

    TopWords(int n) {
        this.n = n;
        this.heap = new PriorityQueue<>(n + 1, WordCount.BY_COUNT_THEN_WORD.reversed());
    }

    void offer(String word, long count) {
        offer(new WordCount(word, count));
    }

    void offer(WordCount candidate) {
        if (heap.size() < n) {
            heap.add(candidate);
        } else if (WordCount.BY_COUNT_THEN_WORD.compare(candidate, heap.peek()) < 0) {
            heap.poll();
            heap.add(candidate);
        }
    }

    void offerAll(Iterator<WordCount> candidates) {
        candidates.forEachRemaining(this::offer);
    }

    /** The kept words, most frequent first. */
    List<WordCount> sorted() {
        List<WordCount> result = new ArrayList<>(heap);
        result.sort(WordCount.BY_COUNT_THEN_WORD);
        return result;
    }
}
