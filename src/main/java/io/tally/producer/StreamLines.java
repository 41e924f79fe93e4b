package io.tally.producer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;

/**
 * Hands out the lines of one or more byte streams in order. Reading is serialised on this
 * object's monitor, a batch at a time; the streams are opened lazily, one after another.
 */
public final class StreamLines implements LineSource {

    /** Opens the next input; may throw, for example when a file has disappeared. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private final Iterator<Opener> inputs;
    private LineReader current;

    public StreamLines(List<Opener> inputs) {
        this.inputs = List.copyOf(inputs).iterator();
    }

    @Override
    public synchronized boolean nextBatch(List<byte[]> batch) throws IOException {
        int added = 0;
        while (added < BATCH_LINES) {
            if (current == null) {
                if (!inputs.hasNext()) {
                    break;
                }
                current = new LineReader(inputs.next().open());
            }
            byte[] line = current.nextLine();
            if (line == null) {
                current.close();
                current = null;
            } else {
                batch.add(line);
                added++;
            }
        }
        return added > 0;
    }

    @Override
    public synchronized void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
