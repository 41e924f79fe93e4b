package io.tally.bench.jmh;

import io.tally.producer.CorpusGenerator;
import io.tally.tokenizer.Tokenizer;
import java.util.SplittableRandom;

/**
 * Makes the pre-generated word streams that the counting benchmarks replay, so that drawing
 * words is done once in setup and never measured.
 *
 * <p>The words come from {@link CorpusGenerator} lines passed through the real
 * {@link Tokenizer}, so every occurrence is its own lowercased {@code String} object, exactly
 * as a consumer thread hands them to a counter. The streams do not intern: a map lookup on a
 * repeated word then compares characters in {@code equals} instead of stopping at an identity
 * check, as it does in the service. One difference remains: each string caches its hash code
 * on the first pass over the stream, while the service hashes every fresh word once; for
 * words of a few syllables that is a small, constant cost the benchmarks leave out.
 */
final class WordStreams {

    /** Distinct words, the same vocabulary size the tokenizer benchmark draws its lines from. */
    static final int VOCABULARY = 50_000;

    /** Words per generated line; only the order of the stream depends on it. */
    private static final int WORDS_PER_LINE = 10;

    /** Vocabulary rank of the word that takes half of all updates in the {@code hot} skew. */
    private static final int HOT_RANK = 0;

    private WordStreams() {
    }

    /**
     * Returns {@code length} words drawn with the given skew.
     *
     * @param skew {@code uniform}, {@code zipf1.0}, {@code zipf1.5} or {@code hot}
     * @param length how many words, a multiple of {@value #WORDS_PER_LINE}
     * @param seed the same seed gives the same stream; give each thread its own
     * @return a new array of words
     * @throws IllegalArgumentException for an unknown skew
     */
    static String[] generate(String skew, int length, long seed) {
        if (length % WORDS_PER_LINE != 0) {
            throw new IllegalArgumentException("length must be a multiple of "
                + WORDS_PER_LINE + ", was " + length);
        }
        // The hot stream starts from a uniform one and then overwrites half of it.
        double exponent = switch (skew) {
            case "uniform", "hot" -> 0.0;
            case "zipf1.0" -> 1.0;
            case "zipf1.5" -> 1.5;
            default -> throw new IllegalArgumentException("Unknown skew '" + skew
                + "'. Choose one of uniform, zipf1.0, zipf1.5, hot.");
        };
        CorpusGenerator corpus = new CorpusGenerator(
            length / WORDS_PER_LINE, VOCABULARY, exponent, WORDS_PER_LINE, seed);
        String[] words = new String[length];
        int[] filled = {0};
        Tokenizer tokenizer = Tokenizer.withDefaults();
        for (long line = 0; line < corpus.lines(); line++) {
            tokenizer.tokenize(corpus.line(line), word -> words[filled[0]++] = word);
        }
        if (filled[0] != length) {
            // A generator word that split in two would shift every later position.
            throw new IllegalStateException("Expected " + length + " words, the tokenizer gave "
                + filled[0]);
        }
        if (skew.equals("hot")) {
            // Random positions rather than every other word, so the hot word has no rhythm
            // that a strategy's batching could line up with.
            SplittableRandom random = new SplittableRandom(~seed);
            for (int i = 0; i < length; i++) {
                if (random.nextBoolean()) {
                    words[i] = corpus.word(HOT_RANK);
                }
            }
        }
        return words;
    }
}
