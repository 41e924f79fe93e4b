package io.tally.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Compares the tokenizer with a deliberately simple reference implementation of the rule on
 * seeded random text.
 */
class TokenizerPropertyTest {

    private static final long SEED = 0x7A11_5EEDL;
    private static final int SAMPLES = 1_000;
    private static final int MAX_CODE_POINTS = 40;

    /** Code point ranges to draw from, inclusive pairs; each range is equally likely. */
    private static final int[][] MIXED = {
        {'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {' ', ' '}, {'\t', '\r'}, {'!', '/'},
        {'\'', '\''}, {'\u2019', '\u2019'}, {0xA0, 0xFF}, {0x300, 0x36F}, {0x391, 0x3A9},
        {0x3B1, 0x3C9}, {0x3A3, 0x3A3}, {0x400, 0x44F}, {0x4E00, 0x4E80}, {0x20000, 0x20010},
        {0x621, 0x64A}, {0x64B, 0x652}, {0x660, 0x669}, {0x1F600, 0x1F64F}, {0x1F3FB, 0x1F3FF},
        {0x200D, 0x200D}, {0xFE0F, 0xFE0F}, {0x20E3, 0x20E3}, {0x2764, 0x2764}, {0x130, 0x130},
        {0x1E9E, 0x1E9E}, {0xFEFF, 0xFEFF}, {0x0, 0x0}, {0x1100, 0x1112}, {0x1161, 0x1175},
        {0xFF10, 0xFF19}, {0xFB01, 0xFB01}, {0x2160, 0x216B}, {0x2010, 0x2027},
    };

    /** ASCII only, so the byte[] entry's ASCII fast path meets the reference too. */
    private static final int[][] ASCII = {
        {'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {' ', ' '}, {'\'', '\''}, {'\'', '\''},
        {0x0, 0x1F}, {'!', '/'}, {':', '@'}, {'[', '`'}, {'{', 0x7F},
    };

    /** The words and return value of one tokenize call. */
    private record Outcome(List<String> words, int dropped) {
    }

    @Test
    void shouldMatchReferenceOnSeededRandomText() {
        Random random = new Random(SEED);
        Tokenizer[] tokenizers = {Tokenizer.withDefaults(), new Tokenizer(4)};
        for (int sample = 0; sample < SAMPLES; sample++) {
            String text = randomText(random, sample % 4 == 0 ? ASCII : MIXED);
            for (Tokenizer tokenizer : tokenizers) {
                checkAgainstReference(tokenizer, text);
            }
        }
    }

    private static void checkAgainstReference(Tokenizer tokenizer, String text) {
        Outcome expected = reference(text, tokenizer.maxWordLength());
        String name = describe(text) + " with " + tokenizer;

        List<String> fromBytes = new ArrayList<>();
        int droppedFromBytes = tokenizer.tokenize(text.getBytes(StandardCharsets.UTF_8),
                fromBytes::add);
        assertThat(new Outcome(fromBytes, droppedFromBytes)).as("byte[] entry on %s", name)
                .isEqualTo(expected);

        List<String> fromText = new ArrayList<>();
        int droppedFromText = tokenizer.tokenize(text, fromText::add);
        assertThat(new Outcome(fromText, droppedFromText)).as("CharSequence entry on %s", name)
                .isEqualTo(expected);
    }

    private static String randomText(Random random, int[][] ranges) {
        int length = random.nextInt(MAX_CODE_POINTS + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int[] range = ranges[random.nextInt(ranges.length)];
            text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
        }
        return text.toString();
    }

    /**
     * The rule written as plainly as possible: mark each code point as in a word or not, then
     * cut the marked runs out. It shares no code with the tokenizer.
     */
    private static Outcome reference(String text, int max) {
        int[] cps = Normalizer.normalize(text, Normalizer.Form.NFC).codePoints().toArray();
        boolean[] inWord = new boolean[cps.length];
        for (int i = 0; i < cps.length; i++) {
            inWord[i] = isWordChar(cps[i]) || isJoiningApostrophe(cps, i);
        }
        List<String> words = new ArrayList<>();
        int dropped = 0;
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= cps.length; i++) {
            if (i < cps.length && inWord[i]) {
                word.appendCodePoint(isApostrophe(cps[i]) ? '\'' : cps[i]);
            } else if (word.length() > 0) {
                String lower = word.toString().toLowerCase(Locale.ROOT);
                if (lower.codePointCount(0, lower.length()) > max) {
                    dropped++;
                } else {
                    words.add(lower);
                }
                word.setLength(0);
            }
        }
        return new Outcome(words, dropped);
    }

    private static boolean isWordChar(int cp) {
        int type = Character.getType(cp);
        return Character.isLetter(cp) || Character.isDigit(cp)
                || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == '\u2019';
    }

    private static boolean isJoiningApostrophe(int[] cps, int i) {
        return isApostrophe(cps[i]) && i > 0 && i + 1 < cps.length
                && isWordChar(cps[i - 1]) && isWordChar(cps[i + 1]);
    }

    /** Names an input unambiguously, since much of it is invisible or unprintable. */
    private static String describe(String text) {
        return text.codePoints()
                .mapToObj(cp -> String.format("U+%04X", cp))
                .collect(Collectors.joining(" ", "[", "]"));
    }
}
