package io.tally.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void shouldSplitAtNewlinesAndDropOneTrailingCarriageReturn() throws IOException {
        assertThat(lines("a\nb\r\nc\r\r\n")).containsExactly("a", "b", "c\r");
    }

    @Test
    void shouldKeepAFinalLineWithoutNewlineAndEmptyLinesInBetween() throws IOException {
        assertThat(lines("one\n\n\nlast")).containsExactly("one", "", "", "last");
    }

    @Test
    void shouldReturnNoLineForAnEmptyStreamAndNoExtraLineAfterAFinalNewline()
            throws IOException {
        assertThat(lines("")).isEmpty();
        assertThat(lines("x\n")).containsExactly("x");
    }

    @Test
    void shouldPassInvalidUtf8BytesThroughUntouched() throws IOException {
        byte[] input = {'o', 'k', (byte) 0xC3, (byte) 0x28, '\n', (byte) 0xFF};
        try (LineReader reader = new LineReader(new ByteArrayInputStream(input))) {
            assertThat(reader.nextLine()).containsExactly('o', 'k', (byte) 0xC3, (byte) 0x28);
            assertThat(reader.nextLine()).containsExactly((byte) 0xFF);
            assertThat(reader.nextLine()).isNull();
            assertThat(reader.lineNumber()).isEqualTo(2);
            assertThat(reader.bytesRead()).isEqualTo(input.length);
        }
    }

    @Test
    void shouldReadLinesLongerThanItsBufferAndStreamsThatArriveInPieces() throws IOException {
        byte[] longLine = new byte[300_000];
        Arrays.fill(longLine, (byte) 'w');
        byte[] input = new byte[longLine.length + 3];
        System.arraycopy(longLine, 0, input, 0, longLine.length);
        input[longLine.length] = '\n';
        input[longLine.length + 1] = 'z';
        input[longLine.length + 2] = '\n';
        InputStream trickle = new ByteArrayInputStream(input) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        try (LineReader reader = new LineReader(trickle)) {
            assertThat(reader.nextLine()).isEqualTo(longLine);
            assertThat(reader.nextLine()).containsExactly('z');
            assertThat(reader.nextLine()).isNull();
        }
    }

    private static List<String> lines(String text) throws IOException {
        List<String> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            byte[] line;
            while ((line = reader.nextLine()) != null) {
                lines.add(new String(line, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }
}
