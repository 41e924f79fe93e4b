package io.tally.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * A word someone asks about, read by the tokenizer's rule, so that a question such as
 * {@code tally counts --word Kafka} or {@code GET /counts/Kafka} names exactly the word the
 * paths count ({@code kafka}). Both call this, so they accept the same input.
 *
 * @param text the text as given
 * @param words the words the tokenizer keeps from it
 * @param tooLong how many words it dropped for exceeding the longest word length
 */
public record QueryWord(String text, List<String> words, int tooLong) {

    public QueryWord {
        words = List.copyOf(words);
    }

    /** Reads {@code text} with {@code tokenizer}. */
    public static QueryWord parse(Tokenizer tokenizer, String text) {
        List<String> kept = new ArrayList<>();
        int dropped = tokenizer.tokenize(text, kept::add);
        return new QueryWord(text, kept, dropped);
    }

    /** Whether the text holds exactly one word that is counted. */
    public boolean isOneWord() {
        return words.size() == 1;
    }

    /** The one word, normalised as the paths count it. */
    public String word() {
        if (!isOneWord()) {
            throw new IllegalStateException("'" + text + "' holds " + words.size() + " words");
        }
        return words.get(0);
    }
}
