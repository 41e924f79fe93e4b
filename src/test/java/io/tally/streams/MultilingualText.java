package io.tally.streams;

import java.util.List;
import java.util.Random;

/** Seeded random lines that mix scripts, case, punctuation, apostrophes and combining marks. */
final class MultilingualText {

    private static final List<String> WORDS = List.of(
        "Kafka", "stream", "STREAM", "don't", "Don’t", "rock'n'roll", "naïve", "nai\u0308ve",
        "Straße", "ΟΔΟΣ", "οδός", "Москва", "москва", "東京", "数据流", "مرحبا", "שלום",
        "İstanbul", "ıi", "Café", "Cafe\u0301", "42", "3.14", "١٢٣", "emoji😀x", "👍", "e\u0301",
        "'quoted'", "well-known", "x'", "'y", "a''b", "ﬁne", "ǅemal", "ΣΊΣΥΦΟΣ");
    private static final List<String> SEPARATORS = List.of(
        " ", "  ", "\t", ", ", ". ", "; ", " - ", "\u00A0", "\u3000", " (", ") ", "!", "\u200B");

    private MultilingualText() {
    }

    /** First and last code point of Latin capitals, Latin small, Greek, Cyrillic and Han. */
    private static final int[][] SCRIPTS = {
        {'A', 'Z'}, {'a', 'z'}, {0x391, 0x3C9}, {0x410, 0x44F}, {0x4E00, 0x4E3F}};

    static String randomWord(Random random) {
        int[] script = SCRIPTS[random.nextInt(SCRIPTS.length)];
        StringBuilder word = new StringBuilder();
        int length = 1 + random.nextInt(4);
        for (int i = 0; i < length; i++) {
            word.appendCodePoint(script[0] + random.nextInt(script[1] - script[0] + 1));
        }
        return word.toString();
    }

    static String randomLine(Random random) {
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
