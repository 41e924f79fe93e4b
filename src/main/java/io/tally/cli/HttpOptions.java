package io.tally.cli;

import io.tally.http.QueryServer;
import picocli.CommandLine.Option;

/** Flags of the HTTP server that {@code streams}, {@code shared} and {@code demo} can run. */
final class HttpOptions {

    @Option(names = "--http-port", paramLabel = "PORT",
        description = "Serve live counts (/counts/{word}, /top) and Prometheus metrics"
            + " (/metrics) over HTTP on this port while counting; 0 takes any free port."
            + " Off unless given.")
    Integer port;

    @Option(names = "--http-host", paramLabel = "HOST", defaultValue = QueryServer.DEFAULT_HOST,
        description = "Address the HTTP server listens on (default: ${DEFAULT-VALUE}, this"
            + " machine only; 0.0.0.0 listens on every interface, without authentication).")
    String host;

    /** Whether an HTTP server was asked for. */
    boolean enabled() {
        return port != null;
    }

    /** Fails with a usage error on a port no socket can have. */
    void check() {
        if (port != null && (port < 0 || port > 65_535)) {
            throw new UsageException("--http-port must be from 0 to 65535, not " + port
                + "; 0 takes any free port.");
        }
    }

    /** Whether {@link #host} listens on every interface, which no peer can be sent to. */
    boolean wildcard() {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }
}
