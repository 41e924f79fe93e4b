package io.tally.http;

/** What answers requests for one path of the server. */
@FunctionalInterface
interface Route {

    /** Answers through {@code exchange}, or throws an {@link HttpProblem}. */
    void handle(RequestTarget target, Exchange exchange) throws Exception;
}
