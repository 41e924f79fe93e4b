package io.tally.tokenizer;

import java.util.Locale;

/**
 * The general path of {@link Tokenizer}: the rule applied code point by code point to text
 * that is already NFC-normalised.
 */
final class TextScanner {

    private static final char APOSTROPHE = '\'';
    private static final char RIGHT_SINGLE_QUOTE = '\u2019';

    /** The general categories that make up words, as a bit set indexed by Character.getType. */
    private static final int WORD_TYPES = (1 << Character.UPPERCASE_LETTER)
            | (1 << Character.LOWERCASE_LETTER)
            | (1 << Character.TITLECASE_LETTER)
            | (1 << Character.MODIFIER_LETTER)
            | (1 << Character.OTHER_LETTER)
            | (1 << Character.NON_SPACING_MARK)
            | (1 << Character.COMBINING_SPACING_MARK)
            | (1 << Character.ENCLOSING_MARK)
            | (1 << Character.DECIMAL_DIGIT_NUMBER);

    private TextScanner() {
    }

    /**
     * Emits the words of NFC text.
     *
     * @return the number of words dropped for length
     */
    static int scan(String s, int max, WordSink sink) {
        int dropped = 0;
        int n = s.length();
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            if (!isWordCodePoint(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int wordEnd = runEnd(s, i + Character.charCount(cp), n);
            String word = finish(s.substring(i, wordEnd));
            if (isTooLong(word, max)) {
                dropped++;
            } else {
                sink.accept(word);
            }
            i = wordEnd;
        }
        return dropped;
    }

    /** Tells whether a code point is a letter (L*), a mark (Mn, Mc, Me) or a digit (Nd). */
    static boolean isWordCodePoint(int cp) {
        if (cp < 0x80) {
            return AsciiScanner.isWordByte(cp);
        }
        return ((WORD_TYPES >>> Character.getType(cp)) & 1) != 0;
    }

    /** Returns the end of the word whose code points before {@code from} are all in it. */
    private static int runEnd(String s, int from, int n) {
        int i = from;
        while (i < n) {
            int cp = s.codePointAt(i);
            if (isWordCodePoint(cp)) {
                i += Character.charCount(cp);
            } else if (isApostrophe(cp) && i + 1 < n && isWordCodePoint(s.codePointAt(i + 1))) {
                // Both apostrophes are one char, and the code point before is in the word.
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isApostrophe(int cp) {
        return cp == APOSTROPHE || cp == RIGHT_SINGLE_QUOTE;
    }

    /**
     * Unifies apostrophes before lowercasing, so the case mapping sees the word exactly as it
     * is emitted (final sigma looks at neighbouring characters).
     */
    private static String finish(String raw) {
        return raw.replace(RIGHT_SINGLE_QUOTE, APOSTROPHE).toLowerCase(Locale.ROOT);
    }

    private static boolean isTooLong(String word, int max) {
        // A String never has fewer chars than code points, so short ones need no count.
        return word.length() > max && word.codePointCount(0, word.length()) > max;
    }
}
