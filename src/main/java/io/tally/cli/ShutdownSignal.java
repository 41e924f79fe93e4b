package io.tally.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets Ctrl-C (or a SIGTERM) end a command that serves until then, after the command has
 * cleaned up: the JVM's shutdown hook asks the command to stop, then waits, for at most
 * {@value #CLEAN_UP_SECONDS} s, until the command says it is done. Without the wait, the JVM
 * would halt while the command still closes its clients and deletes its temporary files.
 */
final class ShutdownSignal implements AutoCloseable {

    private static final long CLEAN_UP_SECONDS = 180;

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "tally-shutdown");

    private ShutdownSignal() {
    }

    static ShutdownSignal install() {
        ShutdownSignal signal = new ShutdownSignal();
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** Waits until the JVM is asked to stop. */
    void await() throws InterruptedException {
        requested.await();
    }

    private void onShutdown() {
        requested.countDown();
        try {
            finished.await(CLEAN_UP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Says the command has cleaned up, so the JVM may stop. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down, and the hook is what runs: nothing to remove.
        }
    }
}
