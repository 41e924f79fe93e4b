package io.tally.tokenizer;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits text into words by the project's single rule; both counting paths and all tests call
 * it, so that they agree exactly.
 *
 * <p>The rule:
 * <ol>
 *   <li>A byte value that is not well-formed UTF-8 (see {@link Utf8}) produces no words.</li>
 *   <li>The text is normalised to Unicode NFC.</li>
 *   <li>A word is a maximal run of code points that are letters (L*), marks (Mn, Mc, Me) or
 *       decimal digits (Nd). An apostrophe, U+0027 or U+2019, standing between two such code
 *       points joins the run, and is always written as U+0027 inside the word.</li>
 *   <li>Each word is lowercased on its own with {@code toLowerCase(Locale.ROOT)}.</li>
 *   <li>A word longer than {@link #maxWordLength()} code points, measured after lowercasing,
 *       is dropped and counted.</li>
 * </ol>
 *
 * <p>Note: a mark that follows no letter or digit forms a word by itself, so a lone variation
 * selector U+FE0F after an emoji is emitted as a one-code-point word, and a keycap such as
 * "1", U+FE0F, U+20E3 is one word.
 *
 * <p>Note: only a single apostrophe joins, so "don''t" is "don" and "t", and apostrophes at
 * the edges of a word are dropped; other quote-like characters (U+2018, U+0060) separate,
 * while U+02BC is a letter (Lm) and stays in the word as it is.
 *
 * <p>Note: everything else separates words: punctuation, symbols (emoji, skin-tone
 * modifiers), format characters (ZWJ U+200D, BOM U+FEFF), controls (NUL, CR), and numbers
 * that are not decimal digits (superscripts, fractions, Roman numerals).
 *
 * <p>Note: lowercased words are not normalised again, and lowercasing can lengthen a word
 * (U+0130 becomes "i" plus U+0307), which is why the length limit applies afterwards.
 *
 * <p>Note: text passed as a {@link CharSequence} may hold unpaired surrogates; they are
 * general category Cs and so act as separators rather than being rejected.
 *
 * <p>Instances are immutable and thread-safe: Kafka Streams shares one across stream threads.
 */
public final class Tokenizer {

    /** The default longest word kept, in code points. */
    public static final int DEFAULT_MAX_WORD_LENGTH = 100;

    /**
     * Returned by tokenize(byte[], ...) when the bytes are not valid UTF-8; no word was emitted.
     */
    public static final int INVALID_UTF8 = -1;

    private static final Tokenizer DEFAULTS = new Tokenizer(DEFAULT_MAX_WORD_LENGTH);

    private final int maxWordLength;

    /**
     * Creates a tokenizer.
     *
     * @param maxWordLength the longest word kept, in code points after lowercasing
     * @throws IllegalArgumentException if {@code maxWordLength} is less than 1
     */
    public Tokenizer(int maxWordLength) {
        if (maxWordLength < 1) {
            throw new IllegalArgumentException(
                    "maxWordLength must be at least 1, was " + maxWordLength);
        }
        this.maxWordLength = maxWordLength;
    }

    /**
     * Returns the shared tokenizer with {@link #DEFAULT_MAX_WORD_LENGTH}.
     *
     * @return a tokenizer keeping words of up to 100 code points
     */
    public static Tokenizer withDefaults() {
        return DEFAULTS;
    }

    /**
     * Returns the longest word kept.
     *
     * @return the limit in code points, measured after lowercasing
     */
    public int maxWordLength() {
        return maxWordLength;
    }

    /**
     * Tokenizes a whole UTF-8 record value.
     *
     * @param utf8 the bytes, not null
     * @param sink receives each kept word
     * @return number of words dropped for length, or INVALID_UTF8 (then nothing was emitted)
     */
    public int tokenize(byte[] utf8, WordSink sink) {
        return tokenize(utf8, 0, utf8.length, sink);
    }

    /**
     * Tokenizes a range of UTF-8 bytes.
     *
     * @param utf8 the bytes, not null
     * @param offset index of the first byte
     * @param length number of bytes
     * @param sink receives each kept word
     * @return number of words dropped for length, or INVALID_UTF8 (then nothing was emitted)
     * @throws IndexOutOfBoundsException if the range is outside {@code utf8}
     */
    public int tokenize(byte[] utf8, int offset, int length, WordSink sink) {
        Objects.checkFromIndexSize(offset, length, utf8.length);
        Objects.requireNonNull(sink, "sink");
        int end = offset + length;
        int firstNonAscii = AsciiScanner.firstNonAscii(utf8, offset, end);
        if (firstNonAscii == end) {
            // ASCII text is already NFC, so the bytes can be scanned as they are.
            return AsciiScanner.scan(utf8, offset, end, maxWordLength, sink);
        }
        // The ASCII prefix is valid by construction; only the rest needs checking.
        if (!Utf8.isValid(utf8, firstNonAscii, end - firstNonAscii)) {
            return INVALID_UTF8;
        }
        return scanText(new String(utf8, offset, length, StandardCharsets.UTF_8), sink);
    }

    /**
     * Same rule on already-decoded text (still NFC-normalised).
     *
     * @param text the text, not null
     * @param sink receives each kept word
     * @return words dropped for length
     */
    public int tokenize(CharSequence text, WordSink sink) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sink, "sink");
        return scanText(text, sink);
    }

    /**
     * Collects the words of a text; a convenience for tests and tools.
     *
     * @param text the text, not null
     * @return a new, modifiable list of the kept words in input order
     */
    public List<String> words(String text) {
        List<String> words = new ArrayList<>();
        tokenize(text, words::add);
        return words;
    }

    @Override
    public String toString() {
        return "Tokenizer[maxWordLength=" + maxWordLength + "]";
    }

    private int scanText(CharSequence text, WordSink sink) {
        return TextScanner.scan(nfc(text), maxWordLength, sink);
    }

    private static String nfc(CharSequence text) {
        // The quick check is far cheaper than normalising, and most text is already NFC.
        if (Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
            return text.toString();
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }
}
