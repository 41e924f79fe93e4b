package io.tally.tokenizer;

import java.util.Objects;

/**
 * Strict UTF-8 validation, following the well-formed byte sequences of the Unicode Standard
 * (Table 3-7).
 *
 * <p>Rejected: truncated sequences, overlong encodings (including leads C0 and C1), encoded
 * surrogates (ED A0..BF xx), code points above U+10FFFF (F4 90.. and leads F5..FF), and stray
 * continuation bytes. Nothing is repaired: a record is either wholly valid or it is not.
 */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * Tells whether a byte range is well-formed UTF-8. Allocates nothing.
     *
     * @param b the bytes
     * @param off index of the first byte of the range
     * @param len number of bytes in the range
     * @return {@code true} if the whole range is well-formed UTF-8 (an empty range is)
     * @throws IndexOutOfBoundsException if the range is outside {@code b}
     */
    public static boolean isValid(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        int end = off + len;
        int i = off;
        while (i < end) {
            if (b[i] >= 0) {
                i++;
                continue;
            }
            int n = sequenceLength(b, i, end);
            if (n == 0) {
                return false;
            }
            i += n;
        }
        return true;
    }

    /**
     * Returns the length of the well-formed multi-byte sequence starting at {@code i}, or 0.
     * The second byte carries every special range, which is why only it gets custom bounds.
     */
    private static int sequenceLength(byte[] b, int i, int end) {
        int lead = b[i] & 0xFF;
        if (lead < 0xC2 || lead > 0xF4) {
            return 0;
        }
        if (lead < 0xE0) {
            return inRange(b, i + 1, end, 0x80, 0xBF) ? 2 : 0;
        }
        int lo = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
        int hi = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
        int tail = lead < 0xF0 ? 1 : 2;
        boolean ok = inRange(b, i + 1, end, lo, hi) && continuations(b, i + 2, end, tail);
        return ok ? tail + 2 : 0;
    }

    private static boolean continuations(byte[] b, int from, int end, int count) {
        for (int k = 0; k < count; k++) {
            if (!inRange(b, from + k, end, 0x80, 0xBF)) {
                return false;
            }
        }
        return true;
    }

    private static boolean inRange(byte[] b, int i, int end, int lo, int hi) {
        if (i >= end) {
            return false;
        }
        int v = b[i] & 0xFF;
        return v >= lo && v <= hi;
    }
}
