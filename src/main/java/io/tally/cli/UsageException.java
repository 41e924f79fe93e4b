package io.tally.cli;

/** A mistake in how Tally was called; exits with status 2 after printing the message. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
