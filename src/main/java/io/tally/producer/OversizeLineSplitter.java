package io.tally.producer;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a line that is too long for one record into pieces without cutting a word.
 *
 * <p>A piece may end only after an ASCII byte that cannot belong to a word (not a letter, a
 * digit or an apostrophe) and only before another ASCII byte. ASCII never combines with what
 * follows under NFC, and both ends are outside any multi-byte sequence, so every piece yields
 * exactly the words the whole line held there.
 *
 * <p>Note: text with no ASCII separator for longer than the limit (a huge word, or a long
 * run of CJK without spaces) cannot be split this way. That run is dropped and reported; with
 * the default limits such a run is far over the word length limit and would not be counted.
 */
public final class OversizeLineSplitter {

    private final int maxBytes;

    public OversizeLineSplitter(int maxBytes) {
        if (maxBytes < 2) {
            throw new IllegalArgumentException("maxBytes must be at least 2, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Sends {@code line}, or its pieces, to {@code pieces}.
     *
     * @param dropped receives the length in bytes of each run that could not be split
     * @return the number of pieces sent
     */
    public int split(byte[] line, Consumer<byte[]> pieces, Consumer<Integer> dropped) {
        if (line.length <= maxBytes) {
            pieces.accept(line);
            return 1;
        }
        int count = 0;
        int start = 0;
        while (line.length - start > maxBytes) {
            int cut = lastSafeCut(line, start, start + maxBytes);
            if (cut < 0) {
                int resume = firstSafeCut(line, start + maxBytes);
                dropped.accept(resume - start);
                start = resume;
                continue;
            }
            pieces.accept(Arrays.copyOfRange(line, start, cut));
            count++;
            start = cut;
        }
        if (start < line.length) {
            pieces.accept(Arrays.copyOfRange(line, start, line.length));
            count++;
        }
        return count;
    }

    private static int lastSafeCut(byte[] line, int start, int limit) {
        for (int cut = limit; cut > start; cut--) {
            if (isSafeCut(line, cut)) {
                return cut;
            }
        }
        return -1;
    }

    private static int firstSafeCut(byte[] line, int from) {
        for (int cut = from; cut < line.length; cut++) {
            if (isSafeCut(line, cut)) {
                return cut;
            }
        }
        return line.length;
    }

    private static boolean isSafeCut(byte[] line, int cut) {
        return cut < line.length && isAsciiSeparator(line[cut - 1]) && line[cut] >= 0;
    }

    private static boolean isAsciiSeparator(byte b) {
        return b >= 0 && b != '\'' && !Character.isLetterOrDigit(b);
    }
}
