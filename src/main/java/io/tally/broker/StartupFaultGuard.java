package io.tally.broker;

import java.util.concurrent.locks.ReentrantLock;

import org.apache.kafka.common.utils.internals.Exit;

/**
 * While a broker starts, turns Kafka's "terminate the process" reaction to a fatal fault into an
 * exception, so a failed start reports an error to the caller instead of ending the JVM.
 *
 * <p>Kafka's controller answers startup faults such as a CONTROLLER listener that cannot bind or
 * a bad listener setting with {@code Exit.halt(1)}; fine for a broker process, fatal for the
 * Tally process that embeds it. The procedures are global, so the guard holds a lock that
 * serialises broker starts and restores Kafka's defaults when closed; after startup, a fatal
 * fault halts the JVM as usual, because a broker that carried on after one could not be trusted.
 */
final class StartupFaultGuard implements AutoCloseable {

    private static final ReentrantLock LOCK = new ReentrantLock();

    private StartupFaultGuard() {
    }

    /** Installs the throwing procedures; close the returned guard when startup has finished. */
    static StartupFaultGuard install() {
        LOCK.lock();
        Exit.setHaltProcedure((status, message) -> {
            throw new FatalStartupFault("halt", status, message);
        });
        Exit.setExitProcedure((status, message) -> {
            throw new FatalStartupFault("exit", status, message);
        });
        return new StartupFaultGuard();
    }

    /** Restores Kafka's default exit and halt procedures and lets the next start proceed. */
    @Override
    public void close() {
        try {
            Exit.resetHaltProcedure();
            Exit.resetExitProcedure();
        } finally {
            LOCK.unlock();
        }
    }

    /** Thrown in place of terminating the JVM; Kafka has already logged the fault at ERROR. */
    static final class FatalStartupFault extends RuntimeException {

        FatalStartupFault(String action, int status, String message) {
            super("Kafka hit a fatal fault and asked to " + action + " the JVM with status "
                + status + (message == null ? "" : ": " + message)
                + " (the cause is in Kafka's ERROR log above)");
        }
    }
}
