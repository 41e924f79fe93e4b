package io.tally.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lines joined into a text file's bytes, and counts parsed back from Tally's CSV output. */
public final class TextFiles {

    private TextFiles() {
    }

    /** The lines, each ended by {@code \n}, as one file would hold them. */
    public static byte[] joined(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** The counts of {@code --format csv} output; fails the test if the header is wrong. */
    public static Map<String, Long> countsFromCsv(String csv) {
        String[] rows = csv.split("\n");
        assertThat(rows[0]).isEqualTo("word,count");
        Map<String, Long> counts = new HashMap<>();
        for (int i = 1; i < rows.length; i++) {
            int comma = rows[i].lastIndexOf(',');
            counts.put(rows[i].substring(0, comma), Long.parseLong(rows[i].substring(comma + 1)));
        }
        return counts;
    }
}
