package io.tally.streams;

/**
 * An input value after the UTF-8 check: either a line to split into words, or a record bound
 * for the dead-letter topic with its original bytes.
 */
record ClassifiedLine(byte[] bytes, boolean validUtf8) {
}
