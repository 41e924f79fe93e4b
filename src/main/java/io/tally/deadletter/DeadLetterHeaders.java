package io.tally.deadletter;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers that both counting paths put on a dead-letter record. The record keeps the
 * original key and value bytes; these headers say why it was rejected and where it came from,
 * so that it can be found, repaired and replayed.
 */
public final class DeadLetterHeaders {

    /** Why the record was rejected, for example {@link #REASON_INVALID_UTF8}. */
    public static final String REASON = "tally.dlq.reason";
    /** Topic the record was read from. */
    public static final String SOURCE_TOPIC = "tally.dlq.source.topic";
    /** Partition the record was read from, as a decimal string. */
    public static final String SOURCE_PARTITION = "tally.dlq.source.partition";
    /** Offset the record was read from, as a decimal string. */
    public static final String SOURCE_OFFSET = "tally.dlq.source.offset";

    /** Reason given when a value is not valid UTF-8. */
    public static final String REASON_INVALID_UTF8 = "invalid-utf8";

    private DeadLetterHeaders() {
    }

    /** Adds the reason and source coordinates to {@code headers} and returns them. */
    public static Headers addTo(Headers headers, String reason, String topic, int partition,
            long offset) {
        headers.add(REASON, utf8(reason));
        headers.add(SOURCE_TOPIC, utf8(topic));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
        return headers;
    }

    /** The last value of header {@code key} as text, or {@code null} when it is absent. */
    public static String read(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null
            ? null
            : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
