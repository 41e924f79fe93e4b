package io.tally.broker;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds and checks TCP ports on the loopback address, where the embedded broker listens. */
final class LoopbackPorts {

    /** The only address the embedded broker binds to. */
    static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /**
     * Asks the OS for a free port. The port is released again before Kafka binds it, so another
     * process could take it in between; on a developer machine that race is rare and fails loudly.
     */
    static int pickFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("Could not find a free port on " + HOST, e);
        }
    }

    /**
     * Fails fast with a clear message if something already listens on {@code port}. Checking
     * before Kafka starts avoids formatting storage and starting threads only to fail deep inside
     * the socket server.
     */
    static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // NIO server sockets, and so Kafka's acceptor, set SO_REUSEADDR on Unix; do the same
            // so sockets in TIME_WAIT from a broker that just stopped here don't count as in use.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(loopback(), port), 1);
        } catch (IOException e) {
            throw new IllegalStateException(inUseMessage(port), e);
        }
    }

    /** The message for a port that is taken, naming the port and the two ways out. */
    static String inUseMessage(int port) {
        return "Port " + port + " on " + HOST + " is already in use: choose another --port"
            + " or stop the other process that listens on it";
    }

    /** True if {@code failure} (or one of its causes) is a failed bind of a listening socket. */
    static boolean isBindFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof BindException
                || message != null && message.contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static InetAddress loopback() throws IOException {
        return InetAddress.getByName(HOST);
    }
}
