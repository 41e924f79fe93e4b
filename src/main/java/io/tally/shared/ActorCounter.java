package io.tally.shared;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strategy {@code actor}: consumer threads count a batch in a private map and send it over a
 * bounded channel to one owner thread, the only thread that ever touches the real map. This is
 * message passing inside the JVM.
 *
 * <p>Concurrency: nothing is shared but the channel, a FIFO {@link ArrayBlockingQueue}. Reads
 * travel through the same channel as writes, so a snapshot requested after a batch was sent is
 * answered after that batch was applied; that ordering is what makes the {@link SharedCounter}
 * guarantee hold without a lock on the map. When the owner falls behind, the full channel
 * blocks senders: that back-pressure is reported as lock wait.
 */
public final class ActorCounter implements SharedCounter {

    public static final String NAME = "actor";

    /** Batches that may wait in the channel before senders block. */
    public static final int DEFAULT_CAPACITY = 64;

    private static final Logger log = LoggerFactory.getLogger(ActorCounter.class);

    private sealed interface Message permits Partial, Query, Stop {
    }

    private record Partial(Map<String, Long> counts) implements Message {
    }

    private record Query(Function<Map<String, Long>, Object> read,
            CompletableFuture<Object> answer) implements Message {
    }

    private record Stop() implements Message {
    }

    private final BlockingQueue<Message> channel;
    private final Map<String, Long> counts = new HashMap<>();
    private final LongAdder blockedNanos = new LongAdder();
    /** Time the owner spent applying messages: the actor's counterpart of a lock hold. */
    private final LongAdder appliedNanos = new LongAdder();
    private final Thread owner;
    /** Why the owner thread stopped early, or null while it runs. */
    private volatile Throwable ownerFailure;

    public ActorCounter() {
        this(DEFAULT_CAPACITY);
    }

    public ActorCounter(int capacity) {
        this.channel = new ArrayBlockingQueue<>(capacity);
        this.owner = new Thread(this::runOwner, "tally-actor-owner");
        owner.setDaemon(true);
        owner.start();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Updater updater() {
        return new Updater() {
            private Map<String, Long> local = new HashMap<>();

            @Override
            public void add(String word) {
                local.merge(word, 1L, Long::sum);
            }

            @Override
            public void endBatch() {
                if (local.isEmpty()) {
                    return;
                }
                send(new Partial(local));
                // The owner now holds the old map, so start a fresh one.
                local = new HashMap<>();
            }
        };
    }

    @Override
    public Map<String, Long> snapshot() {
        @SuppressWarnings("unchecked")
        Map<String, Long> copy = (Map<String, Long>) ask(HashMap::new);
        return copy;
    }

    @Override
    public long count(String word) {
        return (Long) ask(map -> map.getOrDefault(word, 0L));
    }

    @Override
    public void restore(Map<String, Long> restored) {
        ask(map -> {
            map.clear();
            map.putAll(restored);
            return Boolean.TRUE;
        });
    }

    @Override
    public long lockWaitNanos() {
        return blockedNanos.sum();
    }

    @Override
    public long lockHoldNanos() {
        return appliedNanos.sum();
    }

    @Override
    public void close() {
        if (!owner.isAlive()) {
            return;
        }
        send(new Stop());
        try {
            owner.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Object ask(Function<Map<String, Long>, Object> read) {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        send(new Query(read, answer));
        try {
            while (true) {
                try {
                    return answer.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    checkOwner();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the map's owner", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The map's owner failed a read", e.getCause());
        }
    }

    private void send(Message message) {
        checkOwner();
        if (channel.offer(message)) {
            return;
        }
        long start = System.nanoTime();
        try {
            // Wait in slices, so that a sender notices an owner that died with a full channel.
            while (!channel.offer(message, 100, TimeUnit.MILLISECONDS)) {
                checkOwner();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to the map's owner", e);
        } finally {
            blockedNanos.add(System.nanoTime() - start);
        }
    }

    private void checkOwner() {
        Throwable failure = ownerFailure;
        if (failure != null || !owner.isAlive()) {
            throw new IllegalStateException("The map's owner thread has stopped", failure);
        }
    }

    private void runOwner() {
        try {
            while (true) {
                Message message = channel.take();
                if (message instanceof Stop) {
                    return;
                }
                long start = System.nanoTime();
                if (message instanceof Partial partial) {
                    partial.counts().forEach((word, n) -> counts.merge(word, n, Long::sum));
                } else if (message instanceof Query query) {
                    answer(query);
                }
                appliedNanos.add(System.nanoTime() - start);
            }
        } catch (Throwable e) {
            ownerFailure = e;
            log.warn("Map owner thread stopped; counts are no longer updated", e);
            // Whoever waits for an answer must not wait forever.
            for (Message left : channel) {
                if (left instanceof Query query) {
                    query.answer().completeExceptionally(e);
                }
            }
        }
    }

    private void answer(Query query) {
        try {
            query.answer().complete(query.read().apply(counts));
        } catch (RuntimeException e) {
            // A failed read is the asker's problem, not the owner's: keep serving.
            query.answer().completeExceptionally(e);
        }
    }
}
