package io.tally.testing;

import java.util.List;
import java.util.Random;

/** Seeded random lines that mix scripts, case, punctuation, apostrophes and combining marks. */
public final class MultilingualText {

    private static final List<String> WORDS = List.of(
        "Kafka", "stream", "STREAM", "don't", "Don’t", "rock'n'roll", "naïve", "nai\u0308ve",
        "Straße", "ΟΔΟΣ", "οδός", "Москва", "москва", "東京", "数据流", "مرحبا", "שלום",
        "İstanbul", "ıi", "Café", "Cafe\u0301", "42", "3.14", "١٢٣", "emoji😀x", "👍", "e\u0301",
        "'quoted'", "well-known", "x'", "'y", "a''b", "ﬁne", "ǅemal", "ΣΊΣΥΦΟΣ");
    private static final List<String> SEPARATORS = List.of(
        " ", "  ", "\t", ", ", ". ", "; ", " - ", "\u00A0", "\u3000", " (", ") ", "!", "\u200B");

    /** Values that are not valid UTF-8, one of each kind the tokenizer rejects. */
    public static final List<byte[]> INVALID_UTF8 = List.of(
        new byte[] {'a', ' ', (byte) 0xC3},                          // truncated sequence
        new byte[] {(byte) 0xC0, (byte) 0xAF, ' ', 'b'},             // overlong "/"
        new byte[] {'s', ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, // encoded surrogate
        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
        new byte[] {'x', (byte) 0x80, 'y'},                           // stray continuation
        new byte[] {(byte) 0xFF, (byte) 0xFE, 'z'});                  // never valid in UTF-8

    private MultilingualText() {
    }

    /** {@code count} seeded lines as UTF-8, with every invalid kind mixed in every 97 lines. */
    public static List<byte[]> corpus(int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> lines = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(i % 97 == 13
                ? INVALID_UTF8.get(i / 97 % INVALID_UTF8.size())
                : randomLine(random).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return lines;
    }

    /** First and last code point of Latin capitals, Latin small, Greek, Cyrillic and Han. */
    private static final int[][] SCRIPTS = {
        {'A', 'Z'}, {'a', 'z'}, {0x391, 0x3C9}, {0x410, 0x44F}, {0x4E00, 0x4E3F}};

    public static String randomWord(Random random) {
        int[] script = SCRIPTS[random.nextInt(SCRIPTS.length)];
        StringBuilder word = new StringBuilder();
        int length = 1 + random.nextInt(4);
        for (int i = 0; i < length; i++) {
            word.appendCodePoint(script[0] + random.nextInt(script[1] - script[0] + 1));
        }
        return word.toString();
    }

    public static String randomLine(Random random) {
        StringBuilder line = new StringBuilder();
        int words = 1 + random.nextInt(12);
        for (int i = 0; i < words; i++) {
            line.append(random.nextBoolean()
                ? WORDS.get(random.nextInt(WORDS.size()))
                : randomWord(random));
            line.append(SEPARATORS.get(random.nextInt(SEPARATORS.size())));
        }
        return line.toString();
    }
}
