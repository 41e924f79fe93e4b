package io.tally.tokenizer;

/**
 * Receives the words a {@link Tokenizer} finds, in input order.
 *
 * <p>A callback rather than a returned collection so that the hot counting paths can update
 * their counts directly, without a list per record.
 */
@FunctionalInterface
public interface WordSink {

    /**
     * Accepts one word.
     *
     * @param word a non-empty word, cut from NFC text and then lowercased
     */
    void accept(String word);
}
