package io.tally.producer;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A seeded synthetic corpus: each line holds a fixed number of words drawn from a vocabulary
 * whose ranks follow a Zipf law (exponent 0 gives a uniform draw). Optionally one hot word,
 * the first of the vocabulary, takes a fixed share of all words on top of that law. Line
 * {@code i} depends only on the seed and {@code i}, so any thread can make any line and
 * {@code tally generate} writes exactly what {@code tally produce --generate} publishes.
 *
 * <p>Words are made of syllables, so they look like words and are ASCII; the first word of
 * every line is capitalised, so the counting paths must lowercase to agree.
 *
 * <p>Immutable and thread-safe.
 */
public final class CorpusGenerator {

    private static final String[] SYLLABLES = {
        "ka", "fo", "ri", "tu", "ne", "so", "la", "mi", "de", "po", "ba", "gu", "ze", "vy",
        "ho", "xi"};
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long lines;
    private final int wordsPerLine;
    private final long seed;
    private final byte[][] vocabulary;
    private final double[] cumulative;
    private final double hotShare;

    /**
     * @param lines how many lines the corpus has
     * @param vocabularySize how many distinct words it can use
     * @param zipfExponent 0 for uniform, 1.0 for natural-language-like skew
     * @param wordsPerLine words on every line
     * @param seed the same seed gives the same corpus
     */
    public CorpusGenerator(long lines, int vocabularySize, double zipfExponent,
            int wordsPerLine, long seed) {
        this(lines, vocabularySize, zipfExponent, 0.0, wordsPerLine, seed);
    }

    /**
     * @param hotShare the share of all words, 0 to 1, that are the hot word (rank 0); the rest
     *     follow the Zipf law
     */
    public CorpusGenerator(long lines, int vocabularySize, double zipfExponent, double hotShare,
            int wordsPerLine, long seed) {
        if (hotShare < 0 || hotShare > 1) {
            throw new IllegalArgumentException("hot share must be between 0 and 1, was "
                + hotShare);
        }
        if (lines < 0 || vocabularySize < 1 || wordsPerLine < 1 || zipfExponent < 0) {
            throw new IllegalArgumentException("Need lines >= 0, vocabulary >= 1,"
                + " words per line >= 1 and a Zipf exponent >= 0; got " + lines + ", "
                + vocabularySize + ", " + wordsPerLine + ", " + zipfExponent);
        }
        this.lines = lines;
        this.hotShare = hotShare;
        this.wordsPerLine = wordsPerLine;
        this.seed = seed;
        this.vocabulary = vocabulary(vocabularySize);
        this.cumulative = zipfCumulative(vocabularySize, zipfExponent);
    }

    public long lines() {
        return lines;
    }

    /** Line {@code index}, as UTF-8 bytes without a line end. */
    public byte[] line(long index) {
        SplittableRandom random = new SplittableRandom(seed + index * GOLDEN_GAMMA);
        int length = wordsPerLine - 1;
        byte[][] words = new byte[wordsPerLine][];
        for (int i = 0; i < wordsPerLine; i++) {
            boolean hot = hotShare > 0 && random.nextDouble() < hotShare;
            words[i] = vocabulary[hot ? 0 : rank(random.nextDouble())];
            length += words[i].length;
        }
        byte[] line = new byte[length];
        int position = 0;
        for (int i = 0; i < wordsPerLine; i++) {
            if (i > 0) {
                line[position++] = ' ';
            }
            System.arraycopy(words[i], 0, line, position, words[i].length);
            position += words[i].length;
        }
        line[0] = (byte) Character.toUpperCase(line[0]);
        return line;
    }

    /** The word of vocabulary rank {@code rank}, 0 being the most frequent. */
    public String word(int rank) {
        return new String(vocabulary[rank], StandardCharsets.US_ASCII);
    }

    private int rank(double uniform) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] < uniform) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static byte[][] vocabulary(int size) {
        byte[][] words = new byte[size][];
        for (int rank = 0; rank < size; rank++) {
            StringBuilder word = new StringBuilder();
            int rest = rank;
            do {
                word.append(SYLLABLES[rest % SYLLABLES.length]);
                rest /= SYLLABLES.length;
            } while (rest > 0);
            words[rank] = word.toString().getBytes(StandardCharsets.US_ASCII);
        }
        return words;
    }

    private static double[] zipfCumulative(int size, double exponent) {
        double[] cumulative = new double[size];
        double sum = 0;
        for (int rank = 0; rank < size; rank++) {
            sum += 1.0 / Math.pow(rank + 1, exponent);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < size; rank++) {
            cumulative[rank] /= sum;
        }
        cumulative[size - 1] = 1.0;
        return cumulative;
    }
}
