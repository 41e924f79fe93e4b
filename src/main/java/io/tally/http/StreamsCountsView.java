package io.tally.http;

import io.tally.streams.WordCountTopology;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The message-passing path's counts, read live from the counts store by interactive queries.
 * A word lives in the one task that owns its partition; when that task runs on another
 * instance of the application, the question is forwarded to it (found through
 * {@code application.server} and {@link KafkaStreams#queryMetadataForKey}). The top words
 * are the merge of every instance's local top: partitions are disjoint, so the global top n
 * is among the local ones.
 *
 * <p>Concurrency: request threads share this view; {@link KafkaStreams}' query methods are
 * thread-safe, and so is the {@link PeerClient}.
 *
 * <p>While a rebalance has the store of a word closed, restoring or moving, the answer is a
 * 503 with Retry-After, never a count from a store that is not the word's current owner:
 * stale stores are not queried.
 */
public final class StreamsCountsView implements CountsView {

    private static final Serializer<String> KEYS = Serdes.String().serializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final PeerClient peers = new PeerClient();

    /**
     * @param self the address this instance advertises as {@code application.server}
     */
    public StreamsCountsView(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    @Override
    public String path() {
        return "streams";
    }

    @Override
    public long count(String word, boolean localOnly) {
        checkRunning();
        KeyQueryMetadata owner = streams.queryMetadataForKey(WordCountTopology.STORE, word,
            KEYS);
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw HttpProblem.unavailable("No instance owns the word's partition right now: the"
                + " application is rebalancing. Ask again shortly.");
        }
        if (owner.activeHost().equals(self)) {
            return localCount(word, owner.partition());
        }
        if (localOnly) {
            throw HttpProblem.unavailable("This instance (" + self + ") no longer owns the"
                + " word's partition; " + owner.activeHost() + " does. Ask again shortly.");
        }
        return peers.count(reachable(owner.activeHost()), word);
    }

    @Override
    public List<WordCount> top(int n, boolean localOnly) {
        checkRunning();
        if (localOnly) {
            return localTop(n);
        }
        Collection<StreamsMetadata> instances =
            streams.streamsMetadataForStore(WordCountTopology.STORE);
        if (instances.isEmpty()) {
            throw HttpProblem.unavailable("No instance hosts the counts store yet: the"
                + " application is starting or rebalancing. Ask again shortly.");
        }
        TopWords merged = new TopWords(n);
        for (StreamsMetadata instance : instances) {
            if (!instance.stateStoreNames().contains(WordCountTopology.STORE)) {
                // It holds only standby copies, which are not queried; the active ones count.
                continue;
            }
            HostInfo host = instance.hostInfo();
            List<WordCount> local = host.equals(self) ? localTop(n)
                : peers.top(reachable(host), n);
            local.forEach(merged::offer);
        }
        return merged.sorted();
    }

    private long localCount(String word, int partition) {
        try {
            Long count = store(StoreQueryParameters.fromNameAndType(WordCountTopology.STORE,
                QueryableStoreTypes.<String, Long>keyValueStore()).withPartition(partition))
                .get(word);
            return count == null ? 0 : count;
        } catch (InvalidStateStoreException e) {
            throw closedStore(e);
        }
    }

    private List<WordCount> localTop(int n) {
        TopWords top = new TopWords(n);
        try (KeyValueIterator<String, Long> all = store(StoreQueryParameters.fromNameAndType(
                WordCountTopology.STORE, QueryableStoreTypes.<String, Long>keyValueStore()))
                .all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                top.offer(entry.key, entry.value);
            }
        } catch (InvalidStateStoreException e) {
            throw closedStore(e);
        }
        return top.sorted();
    }

    private ReadOnlyKeyValueStore<String, Long> store(
            StoreQueryParameters<ReadOnlyKeyValueStore<String, Long>> parameters) {
        return streams.store(parameters);
    }

    private void checkRunning() {
        KafkaStreams.State state = streams.state();
        if (!state.isRunningOrRebalancing()) {
            throw HttpProblem.unavailable("The streams path is " + state + ", so its store"
                + " cannot be queried. Ask again once it runs.");
        }
    }

    private static HostInfo reachable(HostInfo host) {
        if (host.port() < 0) {
            throw HttpProblem.badGateway("Another instance of the application owns the answer"
                + " but advertises no query address. Start every instance with --http-port.");
        }
        return host;
    }

    private static HttpProblem closedStore(InvalidStateStoreException e) {
        return HttpProblem.unavailable("The counts store is not queryable right now ("
            + e.getMessage() + "); a rebalance is moving or restoring it. Ask again shortly.");
    }
}
