package io.tally.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.tally.shared.SharedCounter;
import io.tally.shared.SharedCountingService;
import io.tally.shared.SharedPathStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The shared-memory path's meters: Tally's own, tagged {@code path=shared}, read from
 * {@link SharedPathStats}, the {@link SharedCounter}'s lock clocks and the consumers' metrics,
 * plus every metric of the path's consumers and producer through Micrometer's
 * {@link KafkaClientMetrics}.
 *
 * <p>The latency is sampled once per poll batch and recorded when the checkpoint that holds
 * the batch's counts has committed, so it measures the time until a count is visible in the
 * counts topic to {@code read_committed} readers, and costs nothing per word.
 */
public final class SharedPathMeters implements AutoCloseable {

    private static final double NANOS_PER_SECOND = 1e9;

    private final MeterRegistry registry;
    private final SharedCountingService service;
    private final List<Meter> meters = new ArrayList<>();
    private final List<KafkaClientMetrics> kafka = new ArrayList<>();

    private SharedPathMeters(MeterRegistry registry, SharedCountingService service,
            String inputTopic) {
        this.registry = registry;
        this.service = service;
        SharedPathStats stats = service.stats();
        counter(MeterNames.RECORDS_IN, "Input records consumed", stats, SharedPathStats::records);
        counter(MeterNames.WORDS_COUNTED, "Words counted", stats, SharedPathStats::words);
        counter(MeterNames.COUNTS_WRITTEN, "Count records written to the counts topic", stats,
            SharedPathStats::countsWritten);
        counter(MeterNames.DEAD_LETTERS, "Input records sent to the dead-letter topic", stats,
            SharedPathStats::deadLetters);
        SharedCounter counter = service.counter();
        seconds(MeterNames.LOCK_WAIT, "Time threads waited for the shared map's locks",
            counter, SharedCounter::lockWaitNanos);
        seconds(MeterNames.LOCK_HOLD, "Time the shared map's locks were held (sampled)",
            counter, SharedCounter::lockHoldNanos);
        meters.add(Gauge.builder(MeterNames.CONSUMER_LAG, service, s -> lag(s, inputTopic))
            .description("Input records not yet consumed").baseUnit("records")
            .tag(MeterNames.PATH_TAG, MeterNames.SHARED).register(registry));
        Timer latency = CountLatencyTimer.register(registry, MeterNames.SHARED);
        meters.add(latency);
        service.onCountLatency(millis -> latency.record(millis, TimeUnit.MILLISECONDS));
    }

    /**
     * Registers Tally's meters of {@code service}; call it before the service starts, then
     * {@link #bindKafkaClients()} once it has.
     */
    public static SharedPathMeters bind(MeterRegistry registry, SharedCountingService service,
            String inputTopic) {
        return new SharedPathMeters(registry, service, inputTopic);
    }

    /** Binds the metrics of the running path's Kafka clients. */
    public void bindKafkaClients() {
        Tags tags = Tags.of(MeterNames.PATH_TAG, MeterNames.SHARED);
        for (Consumer<byte[], byte[]> consumer : service.consumersForMetrics()) {
            kafka.add(new KafkaClientMetrics(consumer, tags));
        }
        if (service.producerForMetrics() != null) {
            kafka.add(new KafkaClientMetrics(service.producerForMetrics(), tags));
        }
        kafka.forEach(binder -> binder.bindTo(registry));
    }

    private static double lag(SharedCountingService service, String topic) {
        double lag = 0;
        for (Consumer<byte[], byte[]> consumer : service.consumersForMetrics()) {
            lag += ConsumerLag.of(consumer.metrics(), topic);
        }
        return lag;
    }

    private <T> void counter(String name, String description, T source, ToDoubleFunction<T> f) {
        meters.add(FunctionCounter.builder(name, source, f).description(description)
            .tag(MeterNames.PATH_TAG, MeterNames.SHARED).register(registry));
    }

    private void seconds(String name, String description, SharedCounter counter,
            ToDoubleFunction<SharedCounter> nanos) {
        meters.add(FunctionCounter.builder(name, counter,
                c -> nanos.applyAsDouble(c) / NANOS_PER_SECOND)
            .description(description).baseUnit("seconds")
            .tag(MeterNames.PATH_TAG, MeterNames.SHARED).register(registry));
    }

    /** Removes the meters again. */
    @Override
    public void close() {
        kafka.forEach(KafkaClientMetrics::close);
        meters.forEach(registry::remove);
    }
}
