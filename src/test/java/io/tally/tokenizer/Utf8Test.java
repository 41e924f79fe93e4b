package io.tally.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static boolean valid(byte[] b) {
        return Utf8.isValid(b, 0, b.length);
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF,
        0x10000, 0x10FFFF})
    void shouldAcceptBoundaryCodePoints(int cp) {
        byte[] encoded = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        assertThat(valid(encoded)).as("U+%04X", cp).isTrue();
    }

    @Test
    void shouldAcceptEmptyAndMixedText() {
        assertThat(valid(new byte[0])).isTrue();
        byte[] mixed = "a\u00e9\u20ac\ud83d\ude00z".getBytes(StandardCharsets.UTF_8);
        assertThat(valid(mixed)).isTrue();
    }

    @Test
    void shouldRejectTruncatedSequences() {
        assertThat(valid(bytes(0xC3))).isFalse();
        assertThat(valid(bytes(0xE2, 0x82))).isFalse();
        assertThat(valid(bytes(0xF0, 0x9F, 0x98))).isFalse();
        assertThat(valid(bytes(0xE2, 'a', 0xAC))).isFalse();
    }

    @Test
    void shouldRejectOverlongEncodings() {
        assertThat(valid(bytes(0xC0, 0x80))).isFalse();
        assertThat(valid(bytes(0xC1, 0xBF))).isFalse();
        assertThat(valid(bytes(0xE0, 0x9F, 0xBF))).isFalse();
        assertThat(valid(bytes(0xF0, 0x8F, 0xBF, 0xBF))).isFalse();
    }

    @Test
    void shouldRejectEncodedSurrogates() {
        assertThat(valid(bytes(0xED, 0xA0, 0x80))).isFalse();
        assertThat(valid(bytes(0xED, 0xBF, 0xBF))).isFalse();
        assertThat(valid(bytes(0xED, 0x9F, 0xBF))).isTrue();
    }

    @Test
    void shouldRejectCodePointsAboveMax() {
        assertThat(valid(bytes(0xF4, 0x90, 0x80, 0x80))).isFalse();
        assertThat(valid(bytes(0xF4, 0x8F, 0xBF, 0xBF))).isTrue();
    }

    @ParameterizedTest(name = "0x{0}")
    @ValueSource(ints = {0xC0, 0xC1, 0xF5, 0xF8, 0xFC, 0xFE, 0xFF})
    void shouldRejectBytesThatNeverAppear(int lead) {
        assertThat(valid(bytes(lead, 0x80, 0x80, 0x80))).isFalse();
        assertThat(valid(bytes(lead))).isFalse();
    }

    @Test
    void shouldRejectStrayContinuationBytes() {
        assertThat(valid(bytes(0x80))).isFalse();
        assertThat(valid(bytes('a', 0xBF, 'b'))).isFalse();
        assertThat(valid(bytes(0xC3, 0xA9, 0xA9))).isFalse();
    }

    @Test
    void shouldCheckOnlyTheGivenRange() {
        byte[] b = bytes(0xFF, 'o', 'k', 0xC3, 0xA9, 0xFF);
        assertThat(Utf8.isValid(b, 1, 4)).isTrue();
        assertThat(Utf8.isValid(b, 1, 3)).isFalse();
        assertThat(Utf8.isValid(b, 0, 3)).isFalse();
    }

    @Test
    void shouldRejectRangeOutsideTheArray() {
        assertThatThrownBy(() -> Utf8.isValid(new byte[2], 1, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
