/**
 * The one tokenizer of Tally.
 *
 * <p>A record value that is not strictly valid UTF-8 yields no words. Otherwise the text is
 * normalised to NFC, a word is a maximal run of letters, marks and decimal digits (an
 * apostrophe between two of them joins the run and is written as U+0027), each word is
 * lowercased with {@code Locale.ROOT}, and words longer than the limit are dropped and counted.
 * See {@link io.tally.tokenizer.Tokenizer} for the exact rule.
 *
 * <p>There is only one tokenizer because Tally counts the same stream twice, by Kafka Streams
 * and by consumer threads sharing one map, and compares the results: any difference must
 * come from the counting, never from two slightly different ideas of what a word is.
 */
package io.tally.tokenizer;
