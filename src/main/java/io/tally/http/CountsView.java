package io.tally.http;

import java.util.List;

/**
 * Live counts of one counting path, as the query API reads them. Implementations are safe to
 * call from any thread, and throw {@link HttpProblem#unavailable} rather than answer with a
 * number that may be wrong.
 */
public interface CountsView {

    /** The path's name: {@code streams} or {@code shared}. */
    String path();

    /**
     * The count of {@code word}, already normalised; 0 for a word never seen.
     *
     * @param localOnly answer from this instance's own data only, never asking another
     */
    long count(String word, boolean localOnly);

    /**
     * The {@code n} most frequent words, most first, ties in word order.
     *
     * @param localOnly answer from this instance's own data only, never asking another
     */
    List<WordCount> top(int n, boolean localOnly);
}
