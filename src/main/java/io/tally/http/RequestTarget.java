package io.tally.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The path and query of a request, decoded strictly: every {@code %} must start two hex digits,
 * the bytes must be well-formed UTF-8, and no segment may be {@code .} or {@code ..}, whether
 * written so or percent-encoded. Anything else is a 400 that says what was wrong, so that no
 * route ever sees a guess about a broken request.
 *
 * @param segments the decoded path segments; {@code /counts/kafka} is {@code [counts, kafka]}
 * @param params the decoded query parameters, each given at most once
 */
record RequestTarget(List<String> segments, Map<String, String> params) {

    RequestTarget {
        segments = List.copyOf(segments);
        params = Map.copyOf(params);
    }

    /** Decodes the raw (still percent-encoded) path and query of a request. */
    static RequestTarget parse(String rawPath, String rawQuery) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw HttpProblem.badRequest("The request path must start with '/'.");
        }
        List<String> segments = new ArrayList<>();
        if (!rawPath.equals("/")) {
            for (String raw : rawPath.substring(1).split("/", -1)) {
                segments.add(segment(raw));
            }
        }
        return new RequestTarget(segments, query(rawQuery));
    }

    /** The parameter, or {@code fallback} when it was not given. */
    String param(String name, String fallback) {
        return params.getOrDefault(name, fallback);
    }

    /** Fails unless every parameter given is one of {@code allowed}. */
    void allowOnly(Set<String> allowed) {
        for (String name : params.keySet()) {
            if (!allowed.contains(name)) {
                throw HttpProblem.badRequest("Unknown query parameter '" + name + "'. This"
                    + " route takes " + (allowed.isEmpty() ? "none" : String.join(", ",
                    allowed.stream().sorted().toList())) + ".");
            }
        }
    }

    private static String segment(String raw) {
        String decoded = decode(raw, false);
        if (decoded.equals(".") || decoded.equals("..")) {
            throw HttpProblem.badRequest("The path holds a '" + decoded + "' segment; paths"
                + " are taken literally here, so ask for the resource itself, such as /top.");
        }
        return decoded;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), true);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), true);
            if (params.putIfAbsent(name, value) != null) {
                throw HttpProblem.badRequest("Query parameter '" + name + "' is given twice;"
                    + " give it once.");
            }
        }
        return params;
    }

    /** Percent-decodes {@code raw}; in a query, {@code +} stands for a space. */
    static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 4);
        int literalStart = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' || (c == '+' && plusIsSpace)) {
                // A run of literal text as a whole, so that a surrogate pair stays one letter.
                bytes.put(raw.substring(literalStart, i).getBytes(StandardCharsets.UTF_8));
                if (c == '%') {
                    bytes.put(hexByte(raw, i));
                    i += 2;
                } else {
                    bytes.put((byte) ' ');
                }
                literalStart = i + 1;
            }
        }
        bytes.put(raw.substring(literalStart).getBytes(StandardCharsets.UTF_8));
        bytes.flip();
        return utf8(bytes, raw);
    }

    private static byte hexByte(String raw, int at) {
        int high = at + 1 < raw.length() ? hexDigit(raw.charAt(at + 1)) : -1;
        int low = at + 2 < raw.length() ? hexDigit(raw.charAt(at + 2)) : -1;
        if (high < 0 || low < 0) {
            throw HttpProblem.badRequest("Bad percent-encoding in '" + shorten(raw) + "': every"
                + " '%' must be followed by two hex digits. Write a literal '%' as %25.");
        }
        return (byte) (high << 4 | low);
    }

    /** An ASCII hex digit's value, or -1: other scripts' digits are not hex in a URI. */
    private static int hexDigit(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }

    private static String utf8(ByteBuffer bytes, String raw) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw HttpProblem.badRequest("'" + shorten(raw) + "' does not decode to valid UTF-8."
                + " Percent-encode the UTF-8 bytes of the text, e.g. caf%C3%A9 for café.");
        }
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
