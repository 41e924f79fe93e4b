package io.tally.bench;

import io.tally.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A limit, not a design: a consumer group that reads the input to the end and counts nothing.
 * No path that reads the topic through Kafka can be faster than this.
 */
final class TransportContender implements Contender {

    private static final Duration POLL = Duration.ofMillis(100);

    @Override
    public String name() {
        return "transport";
    }

    @Override
    public boolean takesThreads() {
        return true;
    }

    @Override
    public boolean writesCounts() {
        return false;
    }

    @Override
    public Measurement measure(BenchContext context, PublishedInput input, int threads)
            throws Exception {
        String group = context.nextRunId(name());
        Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
        LongAdder records = new LongAdder();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Exception> failure = new AtomicReference<>();
        double cpuBefore = BenchContext.processCpuSeconds();
        long started = System.nanoTime();
        List<Thread> consumers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread consumer = new Thread(() -> consume(context, input, group, positions, records,
                done, failure), "tally-bench-transport-" + i);
            consumers.add(consumer);
            consumer.start();
        }
        long deadline = started + CountingContender.RUN_TIMEOUT.toNanos();
        while (!reached(positions, input.ends()) && failure.get() == null
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        done.set(true);
        for (Thread consumer : consumers) {
            consumer.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double cpu = BenchContext.processCpuSeconds() - cpuBefore;
        return Measurement.throughput(seconds, records.sum() == input.records(), Double.NaN, -1,
            cpu);
    }

    private static void consume(BenchContext context, PublishedInput input, String group,
            Map<TopicPartition, Long> positions, LongAdder records, AtomicBoolean done,
            AtomicReference<Exception> failure) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(KafkaClients.consumer(context.base(), group))) {
            consumer.subscribe(List.of(input.topic()));
            while (!done.get()) {
                records.add(consumer.poll(POLL).count());
                for (TopicPartition partition : consumer.assignment()) {
                    positions.put(partition, consumer.position(partition));
                }
            }
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    private static boolean reached(Map<TopicPartition, Long> positions,
            Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (positions.getOrDefault(end.getKey(), 0L) < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
