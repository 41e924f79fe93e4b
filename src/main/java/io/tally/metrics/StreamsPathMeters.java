package io.tally.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.tally.streams.StreamsPathStats;
import io.tally.streams.StreamsService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The message-passing path's meters: Tally's own, tagged {@code path=streams}, read from
 * {@link StreamsPathStats} and the application's consumer metrics, plus every Kafka Streams
 * and client metric through Micrometer's {@link KafkaStreamsMetrics}.
 *
 * <p>Note: the lag is that of the input topic only; words also wait in the repartition topic,
 * which the latency includes.
 */
public final class StreamsPathMeters implements AutoCloseable {

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final KafkaStreamsMetrics kafka;

    private StreamsPathMeters(MeterRegistry registry, StreamsService service) {
        this.registry = registry;
        StreamsPathStats stats = service.stats();
        counter(MeterNames.RECORDS_IN, "Input records processed", stats,
            StreamsPathStats::records);
        counter(MeterNames.WORDS_COUNTED, "Words counted", stats, StreamsPathStats::words);
        counter(MeterNames.COUNTS_WRITTEN, "Count records forwarded to the counts topic", stats,
            StreamsPathStats::countsWritten);
        counter(MeterNames.DEAD_LETTERS, "Input records sent to the dead-letter topic", stats,
            StreamsPathStats::deadLetters);
        String input = service.config().inputTopic();
        meters.add(Gauge.builder(MeterNames.CONSUMER_LAG, service,
                s -> ConsumerLag.of(s.streams().metrics(), input))
            .description("Input records not yet consumed").baseUnit("records")
            .tag(MeterNames.PATH_TAG, MeterNames.STREAMS).register(registry));
        Timer latency = CountLatencyTimer.register(registry, MeterNames.STREAMS);
        meters.add(latency);
        stats.onCountLatency(millis -> latency.record(millis, TimeUnit.MILLISECONDS));
        kafka = new KafkaStreamsMetrics(service.streams(),
            Tags.of(MeterNames.PATH_TAG, MeterNames.STREAMS));
        kafka.bindTo(registry);
    }

    /** Registers the meters of {@code service}; call it before the service starts. */
    public static StreamsPathMeters bind(MeterRegistry registry, StreamsService service) {
        return new StreamsPathMeters(registry, service);
    }

    private <T> void counter(String name, String description, T source, ToDoubleFunction<T> f) {
        meters.add(FunctionCounter.builder(name, source, f).description(description)
            .tag(MeterNames.PATH_TAG, MeterNames.STREAMS).register(registry));
    }

    /** Removes the meters again. */
    @Override
    public void close() {
        kafka.close();
        meters.forEach(registry::remove);
    }
}
