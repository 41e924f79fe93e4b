/**
 * Kafka plumbing that every part of Tally shares: client settings built from the layered
 * configuration, a reachability check that fails fast with a usable message, topic set-up, and
 * the end-offset bookkeeping behind {@code --until-caught-up}.
 */
package io.tally.kafka;
