package io.tally.kafka;

/** The cluster could not be reached or refused Tally; the message says what to do. */
public final class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
