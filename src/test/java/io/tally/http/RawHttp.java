package io.tally.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends requests byte for byte, as a client that does not care about the rules would, so that
 * tests can send what an HTTP library refuses to: broken percent-encoding, dot segments,
 * huge headers, bodies on a GET. Every request asks the server to close the connection, and
 * the answer is read to its end within a timeout.
 */
record RawHttp(int status, Map<String, String> headers, String body) {

    private static final int TIMEOUT_MILLIS = 10_000;

    /** Sends {@code method target} with {@code extraHeaders} (CRLF-separated) and a body. */
    static RawHttp send(int port, String method, String target, String extraHeaders,
            byte[] body) throws IOException {
        return send(port, "127.0.0.1", method, target, extraHeaders, body);
    }

    /** The same, with {@code host} as the Host header. */
    static RawHttp send(int port, String host, String method, String target,
            String extraHeaders, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            String head = method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + "Connection: close\r\n" + extraHeaders + "\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    static RawHttp get(int port, String target) throws IOException {
        return send(port, "GET", target, "", new byte[0]);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }

    private static RawHttp parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("No complete answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                lines[i].substring(colon + 1).trim());
        }
        return new RawHttp(status, headers, text.substring(end + 4));
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
