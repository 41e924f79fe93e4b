/**
 * A real single-node Kafka broker that runs inside the Tally JVM.
 *
 * <p>Design note: Tally needs a broker for its demos and integration tests without Docker or a
 * separate download, so {@link io.tally.broker.EmbeddedKafkaBroker} starts Kafka's own
 * {@code kafka.server.KafkaRaftServer} in KRaft combined mode (one node that is both broker and
 * controller). Storage is formatted with Kafka's own {@code Formatter} the first time a data
 * directory is used and reused as-is afterwards, so a restart on the same directory keeps topics,
 * records and committed offsets. Every internal topic is configured for a replication factor of 1
 * because there is no second node to replicate to.
 *
 * <p>The package-private helpers split the work: {@code BrokerProperties} holds the broker
 * configuration, {@code KraftStorage} formats the data directory and {@code LoopbackPorts} finds
 * and checks ports on 127.0.0.1.
 */
package io.tally.broker;
