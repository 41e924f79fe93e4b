package io.tally.shared;

import io.tally.config.TallyConfig;
import java.util.List;

/** Creates the shared-map strategy named by {@code --strategy} or {@code tally.shared.strategy}. */
public final class SharedCounters {

    private SharedCounters() {
    }

    /** Every strategy name, in the order the docs list them. */
    public static List<String> names() {
        return TallyConfig.SHARED_STRATEGIES;
    }

    /** A new, empty map guarded by strategy {@code name}. */
    public static SharedCounter create(String name) {
        return switch (name) {
            case LockedMapCounter.NAME -> new LockedMapCounter();
            case LockedBatchCounter.NAME -> new LockedBatchCounter();
            case StripedLockCounter.NAME -> new StripedLockCounter();
            case ConcurrentMapCounter.NAME -> new ConcurrentMapCounter();
            case ActorCounter.NAME -> new ActorCounter();
            default -> throw new IllegalArgumentException("Unknown strategy '" + name
                + "'. Choose one of " + String.join(", ", names()) + ".");
        };
    }
}
