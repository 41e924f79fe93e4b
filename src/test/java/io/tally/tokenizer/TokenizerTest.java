package io.tally.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenizerTest {

    private static final Tokenizer TOKENIZER = Tokenizer.withDefaults();

    /** Bytes 3..14 are "Hello wÖrld"; byte 1 is the continuation byte of the leading é. */
    private static final byte[] BUFFER =
            "\u00e9xHello w\u00d6rld!yz".getBytes(StandardCharsets.UTF_8);

    /** The words and return value of one tokenize call. */
    private record Outcome(List<String> words, int result) {
    }

    private static Outcome ofBytes(Tokenizer tokenizer, byte[] bytes) {
        List<String> words = new ArrayList<>();
        int result = tokenizer.tokenize(bytes, words::add);
        return new Outcome(words, result);
    }

    private static Outcome ofText(Tokenizer tokenizer, CharSequence text) {
        List<String> words = new ArrayList<>();
        int result = tokenizer.tokenize(text, words::add);
        return new Outcome(words, result);
    }

    /** Runs both entries, checks they agree, and returns their common outcome. */
    private static Outcome both(Tokenizer tokenizer, String text) {
        Outcome fromBytes = ofBytes(tokenizer, text.getBytes(StandardCharsets.UTF_8));
        Outcome fromText = ofText(tokenizer, text);
        assertThat(fromBytes).as("byte[] and CharSequence entries for %s", text)
                .isEqualTo(fromText);
        return fromText;
    }

    private static List<String> words(String text) {
        return both(TOKENIZER, text).words();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void shouldJoinCurlyApostropheAndLowercase() {
        assertThat(words("Don\u2019t STOP")).containsExactly("don't", "stop");
    }

    @Test
    void shouldSplitOnHyphenAndDecimalPoint() {
        assertThat(words("well-known 3.14")).containsExactly("well", "known", "3", "14");
    }

    @Test
    void shouldStripQuotingApostrophes() {
        assertThat(words("'quoted'")).containsExactly("quoted");
    }

    @Test
    void shouldLowercaseGreekWithFinalSigma() {
        assertThat(words("\u039f\u0394\u039f\u03a3"))
                .containsExactly("\u039f\u0394\u039f\u03a3".toLowerCase(Locale.ROOT))
                .containsExactly("\u03bf\u03b4\u03bf\u03c2");
    }

    @Test
    void shouldComposeDecomposedAccentWithNfc() {
        List<String> words = words("Cafe\u0301");
        assertThat(words).containsExactly("caf\u00e9");
        assertThat(words.get(0).codePointCount(0, words.get(0).length())).isEqualTo(4);
    }

    @Test
    void shouldApplyFinalSigmaPerWord() {
        assertThat(words("\u039f\u0394\u039f\u03a3 \u03a3\u039f\u03a3"))
                .containsExactly("\u03bf\u03b4\u03bf\u03c2", "\u03c3\u03bf\u03c2");
    }

    @Test
    void shouldMeasureTurkishDottedCapitalIAfterLowercasing() {
        assertThat(words("\u0130")).containsExactly("i\u0307");
        Outcome one = both(new Tokenizer(1), "\u0130");
        assertThat(one.words()).isEmpty();
        assertThat(one.result()).isEqualTo(1);
        assertThat(both(new Tokenizer(2), "\u0130").words()).containsExactly("i\u0307");
    }

    @Test
    void shouldCountUnicodeWordsAfterNfc() {
        assertThat(words("e\u0301t\u0065\u0301 A\u030a"))
                .isEqualTo(words("\u00e9t\u00e9 \u00c5"))
                .containsExactly("\u00e9t\u00e9", "\u00e5");
    }

    @Test
    void shouldKeepCombiningMarkWithoutPrecomposedFormInWord() {
        assertThat(words("q\u0323\u0307 x")).containsExactly("q\u0323\u0307", "x");
    }

    @Test
    void shouldTreatEmojiAsSeparators() {
        assertThat(words("hello\ud83d\ude00world I\u2764NY"))
                .containsExactly("hello", "world", "i", "ny");
    }

    @Test
    void shouldTreatZwjSequencesAndSkinTonesAsSeparators() {
        String family = "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67";
        String wave = "\ud83d\udc4b\ud83c\udffd";
        assertThat(words(family + " " + wave)).isEmpty();
        assertThat(words("a\u200db")).containsExactly("a", "b");
    }

    @Test
    void shouldEmitLoneVariationSelectorAsWord() {
        // The rule taken literally: U+FE0F is a mark (Mn), so it forms a word by itself.
        assertThat(words("\u2764\ufe0f")).containsExactly("\ufe0f");
        assertThat(words("1\ufe0f\u20e3")).containsExactly("1\ufe0f\u20e3");
    }

    @Test
    void shouldKeepRunOfHanLettersAsOneWord() {
        assertThat(words("\u6211\u7231\u5317\u4eac\u3002\u5929\u5b89\u95e8"))
                .containsExactly("\u6211\u7231\u5317\u4eac", "\u5929\u5b89\u95e8");
    }

    @Test
    void shouldKeepSupplementaryHanLetterInWord() {
        assertThat(words("\ud840\udc00\ud840\udc01 x"))
                .containsExactly("\ud840\udc00\ud840\udc01", "x");
    }

    @Test
    void shouldSplitArabicOnSpaceAndArabicComma() {
        String hello = "\u0645\u0631\u062d\u0628\u0627";
        String world = "\u0628\u0627\u0644\u0639\u0627\u0644\u0645";
        assertThat(words(hello + " " + world + "\u060c" + hello))
                .containsExactly(hello, world, hello);
    }

    @Test
    void shouldKeepArabicDiacriticsAndDigitsInWords() {
        String word = "\u0643\u064e\u062a\u064e\u0628\u064e";
        String digits = "\u0661\u0662\u0663";
        assertThat(words(word + " " + digits)).containsExactly(word, digits);
    }

    @Test
    void shouldTreatBomAtLineStartAsSeparator() {
        byte[] withBom = bytes(0xEF, 0xBB, 0xBF, 'H', 'i', ' ', 'y', 'o', 'u');
        assertThat(ofBytes(TOKENIZER, withBom).words()).containsExactly("hi", "you");
        assertThat(words("\ufeffHi you")).containsExactly("hi", "you");
    }

    @Test
    void shouldTreatNonDecimalNumbersAsSeparators() {
        assertThat(words("x\u00b2 \u00bd \u216b 4")).containsExactly("x", "4");
    }

    @Test
    void shouldTreatNulAndControlCharactersAsSeparators() {
        assertThat(words("a\u0000b\u0007c\td\u001be\u007ff\u0085g"))
                .containsExactly("a", "b", "c", "d", "e", "f", "g");
    }

    @Test
    void shouldTreatCarriageReturnAsSeparator() {
        assertThat(words("one\r\ntwo\r\n")).containsExactly("one", "two");
    }

    @Test
    void shouldTreatUnderscoreAndPunctuationAsSeparators() {
        assertThat(words("snake_case, (x)! \"y\"?")).containsExactly("snake", "case", "x", "y");
    }

    @Test
    void shouldEmitNothingForEmptyOrBlankInput() {
        assertThat(both(TOKENIZER, "").words()).isEmpty();
        assertThat(both(TOKENIZER, " \t\r\n").words()).isEmpty();
    }

    @Test
    void shouldJoinRepeatedApostrophesBetweenLetters() {
        assertThat(words("Rock'n'Roll")).containsExactly("rock'n'roll");
    }

    @Test
    void shouldSplitOnDoubledApostrophe() {
        assertThat(words("don''t")).containsExactly("don", "t");
    }

    @Test
    void shouldDropLeadingAndTrailingApostrophes() {
        assertThat(words("'tis dogs' ' ''")).containsExactly("tis", "dogs");
    }

    @Test
    void shouldWriteCurlyApostropheAsAscii() {
        assertThat(words("rock\u2019n\u2019roll")).containsExactly("rock'n'roll");
    }

    @Test
    void shouldJoinApostropheNextToDigit() {
        assertThat(words("90's \u201990s")).containsExactly("90's", "90s");
    }

    @Test
    void shouldNotJoinOtherQuotes() {
        assertThat(words("don\u2018t don`t don\u02bct")).containsExactly(
                "don", "t", "don", "t", "don\u02bct");
    }

    @Test
    void shouldKeepWordOfExactlyMaxLength() {
        String word = "a".repeat(100);
        Outcome outcome = both(TOKENIZER, word);
        assertThat(outcome.words()).containsExactly(word);
        assertThat(outcome.result()).isZero();
    }

    @Test
    void shouldDropAndCountWordLongerThanMax() {
        Outcome outcome = both(TOKENIZER, "A".repeat(101) + " ok " + "b".repeat(200));
        assertThat(outcome.words()).containsExactly("ok");
        assertThat(outcome.result()).isEqualTo(2);
    }

    @Test
    void shouldMeasureLengthInCodePoints() {
        String kept = "\u00e9".repeat(99) + "\ud840\udc00";
        assertThat(words(kept)).containsExactly(kept);
        Outcome outcome = both(TOKENIZER, kept + "\u00e9");
        assertThat(outcome.words()).isEmpty();
        assertThat(outcome.result()).isEqualTo(1);
    }

    @Test
    void shouldMeasureLengthAfterNfc() {
        String decomposed = "e\u0301".repeat(100);
        assertThat(words(decomposed)).containsExactly("\u00e9".repeat(100));
    }

    @Test
    void shouldCountApostropheTowardLength() {
        Tokenizer tokenizer = new Tokenizer(5);
        assertThat(both(tokenizer, "don't").words()).containsExactly("don't");
        assertThat(both(tokenizer, "can't't").result()).isEqualTo(1);
    }

    @Test
    void shouldHonourCustomMax() {
        Tokenizer tokenizer = new Tokenizer(3);
        assertThat(tokenizer.maxWordLength()).isEqualTo(3);
        Outcome outcome = both(tokenizer, "ABC abcd \u00e9\u00e9\u00e9 \u00e9\u00e9\u00e9\u00e9");
        assertThat(outcome.words()).containsExactly("abc", "\u00e9\u00e9\u00e9");
        assertThat(outcome.result()).isEqualTo(2);
    }

    @Test
    void shouldDefaultToHundred() {
        assertThat(Tokenizer.withDefaults().maxWordLength())
                .isEqualTo(Tokenizer.DEFAULT_MAX_WORD_LENGTH)
                .isEqualTo(100);
    }

    @Test
    void shouldRejectMaxBelowOneNamingTheValue() {
        assertThatThrownBy(() -> new Tokenizer(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> new Tokenizer(-7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-7");
    }

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
                Arguments.of("truncated two-byte", bytes(0xC3)),
                Arguments.of("truncated three-byte", bytes(0xE2, 0x82)),
                Arguments.of("truncated four-byte", bytes(0xF0, 0x9F, 0x98)),
                Arguments.of("truncated before ASCII", bytes(0xE2, 0x82, 'a')),
                Arguments.of("overlong two-byte C0", bytes(0xC0, 0xAF)),
                Arguments.of("overlong two-byte C1", bytes(0xC1, 0xBF)),
                Arguments.of("overlong three-byte", bytes(0xE0, 0x80, 0xAF)),
                Arguments.of("overlong four-byte", bytes(0xF0, 0x8F, 0xBF, 0xBF)),
                Arguments.of("encoded high surrogate", bytes(0xED, 0xA0, 0x80)),
                Arguments.of("encoded low surrogate", bytes(0xED, 0xBF, 0xBF)),
                Arguments.of("above U+10FFFF", bytes(0xF4, 0x90, 0x80, 0x80)),
                Arguments.of("lead F5", bytes(0xF5, 0x80, 0x80, 0x80)),
                Arguments.of("lead FF", bytes(0xFF)),
                Arguments.of("lead FE", bytes(0xFE)),
                Arguments.of("stray continuation", bytes(0x80)),
                Arguments.of("extra continuation", bytes(0xC3, 0xA9, 0xA9)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInputs")
    void shouldRejectInvalidUtf8AndEmitNothing(String kind, byte[] bad) {
        byte[] record = withWordsAround(bad);
        Outcome outcome = ofBytes(TOKENIZER, record);
        assertThat(outcome.result()).as(kind).isEqualTo(Tokenizer.INVALID_UTF8);
        assertThat(outcome.words()).as(kind).isEmpty();
    }

    private static byte[] withWordsAround(byte[] bad) {
        byte[] prefix = "Hello w\u00f6rld ".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = " more words".getBytes(StandardCharsets.UTF_8);
        byte[] record = new byte[prefix.length + bad.length + suffix.length];
        System.arraycopy(prefix, 0, record, 0, prefix.length);
        System.arraycopy(bad, 0, record, prefix.length, bad.length);
        System.arraycopy(suffix, 0, record, prefix.length + bad.length, suffix.length);
        return record;
    }

    @Test
    void shouldRejectInvalidUtf8AfterLongAsciiPrefix() {
        byte[] prefix = "plain ascii ".repeat(20).getBytes(StandardCharsets.US_ASCII);
        byte[] record = Arrays.copyOf(prefix, prefix.length + 1);
        record[prefix.length] = (byte) 0xC0;
        assertThat(ofBytes(TOKENIZER, record)).isEqualTo(
                new Outcome(List.of(), Tokenizer.INVALID_UTF8));
    }

    private static Outcome range(int offset, int length) {
        List<String> words = new ArrayList<>();
        int result = TOKENIZER.tokenize(BUFFER, offset, length, words::add);
        return new Outcome(words, result);
    }

    @Test
    void shouldTokenizeOnlyTheGivenRange() {
        assertThat(range(3, 12)).isEqualTo(new Outcome(List.of("hello", "w\u00f6rld"), 0));
    }

    @Test
    void shouldUseAsciiRangeInsideNonAsciiBuffer() {
        assertThat(range(3, 5)).isEqualTo(new Outcome(List.of("hello"), 0));
    }

    @Test
    void shouldRejectRangeThatCutsASequence() {
        assertThat(range(1, 3)).isEqualTo(new Outcome(List.of(), Tokenizer.INVALID_UTF8));
    }

    @Test
    void shouldTreatEmptyRangeAsNoWords() {
        assertThat(range(4, 0)).isEqualTo(new Outcome(List.of(), 0));
    }

    @Test
    void shouldRejectRangeOutsideTheArray() {
        assertThatThrownBy(() -> range(10, BUFFER.length))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> range(-1, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldReturnWordsAsList() {
        assertThat(TOKENIZER.words("Two words")).containsExactly("two", "words");
    }

    @Test
    void shouldAcceptNonStringCharSequence() {
        StringBuilder text = new StringBuilder("Cafe\u0301 NOIR");
        assertThat(ofText(TOKENIZER, text).words()).containsExactly("caf\u00e9", "noir");
    }

    @Test
    void shouldTreatUnpairedSurrogateInTextAsSeparator() {
        assertThat(TOKENIZER.words("ab\ud800cd")).containsExactly("ab", "cd");
    }

    @Test
    void shouldShareOneDefaultInstance() {
        assertThat(Tokenizer.withDefaults()).isSameAs(Tokenizer.withDefaults());
    }
}
