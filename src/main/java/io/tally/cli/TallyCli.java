package io.tally.cli;

import io.tally.kafka.CountsTopicReader.ForeignRecordException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParseResult;

/**
 * The {@code tally} command line. This package is the only one that prints to the user; every
 * other package reports through return values, exceptions and SLF4J.
 *
 * <p>Exit status: 0 success, 1 failure, 2 usage or configuration error.
 */
@Command(name = "tally", mixinStandardHelpOptions = true, versionProvider = TallyCli.Version.class,
    description = "Counts the words of a Kafka stream by message passing (Kafka Streams) and by"
        + " shared memory (consumer threads updating one map), and compares the two.",
    subcommands = {DemoCommand.class, BrokerCommand.class, ProduceCommand.class,
        GenerateCommand.class, StreamsCommand.class, SharedCommand.class, CountsCommand.class,
        DriveCommand.class, TopologyCommand.class, BenchCommand.class, SoakCommand.class,
        CommandLine.HelpCommand.class})
public final class TallyCli implements Runnable {

    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private static final Logger log = LoggerFactory.getLogger(TallyCli.class);

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line and returns its exit status, without exiting the JVM. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new TallyCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(TallyCli::handleFailure);
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    private static int handleFailure(Exception e, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        log.debug("Command failed", e);
        Throwable usage = usageError(e);
        if (usage != null) {
            err.println("tally: " + usage.getMessage());
            err.println("Run 'tally " + cli.getCommandName() + " --help' for usage.");
            return EXIT_USAGE;
        }
        err.println("tally: " + describe(e));
        return EXIT_FAILURE;
    }

    /**
     * The usage or configuration error behind {@code e}, or null. A counts topic that holds
     * records of another format is a configuration error: the fix is to name another topic.
     */
    private static Throwable usageError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UsageException || t instanceof ConfigException
                    || t instanceof ForeignRecordException) {
                return t;
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Reports the versions that the build wrote into {@code version.properties}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties versions = new Properties();
            try (InputStream in = TallyCli.class.getResourceAsStream("version.properties")) {
                versions.load(in);
            }
            return new String[] {"tally " + versions.getProperty("tally.version")
                + ", Kafka " + versions.getProperty("kafka.version")};
        }
    }
}
