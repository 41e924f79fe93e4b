package io.tally.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.tokenizer.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OversizeLineSplitterTest {

    private final Tokenizer tokenizer = Tokenizer.withDefaults();

    @Test
    void shouldSendALineThatFitsAsItIs() {
        byte[] line = utf8("short line");
        List<byte[]> pieces = new ArrayList<>();

        int count = new OversizeLineSplitter(64).split(line, pieces::add, length -> { });

        assertThat(count).isEqualTo(1);
        assertThat(pieces).containsExactly(line);
    }

    @Test
    void shouldKeepEveryPieceWithinTheLimitAndNeverCutAWord() {
        Random random = new Random(5);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append(List.of("kafka", "don't", "Straße", "東京", "Cafe\u0301", "well-known",
                "3.14", "ΟΔΟΣ", "rock'n'roll").get(random.nextInt(9)));
            text.append(List.of(" ", ", ", "\t", "; ").get(random.nextInt(4)));
        }
        byte[] line = utf8(text.toString());
        List<byte[]> pieces = new ArrayList<>();

        new OversizeLineSplitter(1_000).split(line, pieces::add, length -> {
            throw new AssertionError("nothing should be dropped");
        });

        assertThat(pieces).hasSizeGreaterThan(100)
            .allSatisfy(piece -> assertThat(piece.length).isLessThanOrEqualTo(1_000));
        assertThat(concat(pieces)).isEqualTo(line);
        assertThat(countPieces(pieces)).isEqualTo(count(line));
    }

    @Test
    void shouldSplitAtASeparatorNotInsideAnApostropheWord() {
        byte[] line = utf8("aaaa don't bbbb");
        List<String> pieces = new ArrayList<>();

        new OversizeLineSplitter(8).split(line, piece -> pieces.add(text(piece)), n -> { });

        assertThat(pieces).containsExactly("aaaa ", "don't ", "bbbb");
    }

    @Test
    void shouldDropAndReportARunWithNoSafeSplitPoint() {
        String huge = "x".repeat(50);
        byte[] line = utf8("ok " + huge + " fine");
        List<String> pieces = new ArrayList<>();
        List<Integer> dropped = new ArrayList<>();

        new OversizeLineSplitter(10).split(line, piece -> pieces.add(text(piece)),
            dropped::add);

        // The dropped run reaches up to the next safe split point, after the space.
        assertThat(dropped).containsExactly(51);
        assertThat(String.join("|", pieces)).contains("ok ").contains("fine")
            .doesNotContain("xxxxxxxxxx");
    }

    @Test
    void shouldNeverSplitInsideAMultiByteSequenceOrBeforeACombiningMark() {
        byte[] line = utf8(("é".repeat(20) + " e\u0301 東京 ").repeat(10));
        List<byte[]> pieces = new ArrayList<>();

        new OversizeLineSplitter(70).split(line, pieces::add, length -> { });

        for (byte[] piece : pieces) {
            assertThat(tokenizer.tokenize(piece, word -> { })).isNotEqualTo(
                Tokenizer.INVALID_UTF8);
        }
        assertThat(countPieces(pieces)).isEqualTo(count(line));
    }

    private Map<String, Long> count(byte[] record) {
        Map<String, Long> counts = new HashMap<>();
        tokenizer.tokenize(record, word -> counts.merge(word, 1L, Long::sum));
        return counts;
    }

    private Map<String, Long> countPieces(List<byte[]> pieces) {
        Map<String, Long> counts = new HashMap<>();
        for (byte[] piece : pieces) {
            count(piece).forEach((word, n) -> counts.merge(word, n, Long::sum));
        }
        return counts;
    }

    private static byte[] concat(List<byte[]> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pieces.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
