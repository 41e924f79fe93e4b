package io.tally.producer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a byte stream as lines: a line is the bytes up to {@code \n}, with one trailing
 * {@code \r} dropped. Bytes are returned as they are, never decoded, so that invalid UTF-8
 * reaches the counting paths (and their dead-letter topic) unchanged. A final line without
 * {@code \n} is still a line; an empty stream has none.
 *
 * <p>Not thread-safe: one reader per stream.
 */
public final class LineReader implements Closeable {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    private long lineNumber;
    private long bytesRead;
    private byte[] line = new byte[256];

    public LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line, or {@code null} at the end of the stream. */
    public byte[] nextLine() throws IOException {
        int length = 0;
        boolean sawAny = false;
        while (true) {
            if (position == limit && !fill()) {
                return sawAny ? finish(length) : null;
            }
            sawAny = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            length = append(start, position - start, length);
            if (position < limit) {
                position++;
                return finish(length);
            }
        }
    }

    /** One-based number of the line last returned. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Bytes consumed from the stream so far, including line ends. */
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        bytesRead += n;
        return true;
    }

    private int append(int start, int count, int length) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, start, line, length, count);
        return length + count;
    }

    private byte[] finish(int length) {
        lineNumber++;
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return Arrays.copyOf(line, end);
    }
}
