package io.tally.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Opens the files named on a command line, where {@code -} means standard input. */
final class InputFiles {

    static final String STDIN = "-";

    private InputFiles() {
    }

    /** Fails early, before any work starts, when a named file cannot be read. */
    static void checkReadable(List<String> names) {
        for (String name : names) {
            if (STDIN.equals(name)) {
                continue;
            }
            Path path = Path.of(name);
            if (!Files.exists(path)) {
                throw new UsageException("Input file " + name + " does not exist. Check the path,"
                    + " or pass - to read standard input.");
            }
            if (Files.isDirectory(path)) {
                throw new UsageException("Input " + name + " is a folder. Name the files in it"
                    + " instead, for example " + name + "/*.txt.");
            }
            if (!Files.isReadable(path)) {
                throw new UsageException("Input file " + name + " is not readable. Fix its"
                    + " permissions (chmod +r) or run as a user who can read it.");
            }
        }
    }

    static InputStream open(String name) throws IOException {
        if (STDIN.equals(name)) {
            return System.in;
        }
        try {
            return Files.newInputStream(Path.of(name));
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new UsageException("Cannot open input file " + name + ": " + e.getMessage()
                + ". Check the path and its permissions.");
        }
    }

    /** How a file is named in messages. */
    static String displayName(String name) {
        return STDIN.equals(name) ? "<stdin>" : name;
    }
}
