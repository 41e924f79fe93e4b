package io.tally.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * The fast path of {@link Tokenizer} for pure-ASCII bytes: the rule applied directly to the
 * bytes, with no decoding, no normalisation (ASCII is NFC already) and no per-line String.
 *
 * <p>In ASCII the word code points are exactly A-Z, a-z and 0-9, and lowercasing under
 * Locale.ROOT maps only A-Z, so this path gives the same words as {@link TextScanner}.
 */
final class AsciiScanner {

    private static final byte SEPARATOR = 0;
    private static final byte LOWER_OR_DIGIT = 1;
    private static final byte UPPER = 2;
    private static final byte[] CLASSES = classes();

    private AsciiScanner() {
    }

    static int firstNonAscii(byte[] b, int from, int end) {
        int i = from;
        while (i < end && b[i] >= 0) {
            i++;
        }
        return i;
    }

    /** Tells whether an ASCII code point (0..127) can be part of a word. */
    static boolean isWordByte(int c) {
        return CLASSES[c] != SEPARATOR;
    }

    /**
     * Scans bytes that the caller has checked are all ASCII, so every byte is a valid index
     * into the class table.
     *
     * @return the number of words dropped for length
     */
    static int scan(byte[] b, int from, int end, int max, WordSink sink) {
        int dropped = 0;
        // One scratch buffer per call, not per word: words needing a lowercase copy share it.
        byte[] scratch = null;
        int i = from;
        while (i < end) {
            if (CLASSES[b[i]] == SEPARATOR) {
                i++;
                continue;
            }
            int wordEnd = runEnd(b, i, end);
            int n = wordEnd - i;
            if (n > max) {
                dropped++;
            } else if (!hasUpper(b, i, wordEnd)) {
                sink.accept(new String(b, i, n, StandardCharsets.ISO_8859_1));
            } else {
                if (scratch == null) {
                    scratch = new byte[Math.min(max, end - from)];
                }
                sink.accept(lowered(b, i, n, scratch));
            }
            i = wordEnd;
        }
        return dropped;
    }

    /** Returns the end of the word starting at {@code start}, which is a word byte. */
    private static int runEnd(byte[] b, int start, int end) {
        int i = start + 1;
        while (i < end) {
            if (CLASSES[b[i]] != SEPARATOR) {
                i++;
            } else if (b[i] == '\'' && i + 1 < end && CLASSES[b[i + 1]] != SEPARATOR) {
                // The byte before is a word byte too, so the apostrophe stands between two.
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean hasUpper(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (CLASSES[b[i]] == UPPER) {
                return true;
            }
        }
        return false;
    }

    private static String lowered(byte[] b, int from, int n, byte[] scratch) {
        for (int k = 0; k < n; k++) {
            byte c = b[from + k];
            scratch[k] = CLASSES[c] == UPPER ? (byte) (c + ('a' - 'A')) : c;
        }
        return new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static byte[] classes() {
        byte[] classes = new byte[128];
        for (int c = '0'; c <= '9'; c++) {
            classes[c] = LOWER_OR_DIGIT;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            classes[c] = LOWER_OR_DIGIT;
        }
        for (int c = 'A'; c <= 'Z'; c++) {
            classes[c] = UPPER;
        }
        return classes;
    }
}
