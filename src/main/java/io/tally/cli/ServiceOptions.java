package io.tally.cli;

import picocli.CommandLine.Option;

/** Flags of the long-running services, {@code streams} and {@code shared}. */
final class ServiceOptions {

    @Option(names = "--until-caught-up",
        description = "Process everything that is in the input topic now, write the resulting"
            + " counts, then exit with status 0.")
    boolean untilCaughtUp;
}
