package io.tally.cli;

import io.tally.producer.CorpusGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tally generate}: the generator's corpus as a file, to count elsewhere. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    versionProvider = TallyCli.Version.class,
    description = "Writes the seeded Zipf corpus that 'produce --generate' publishes, one line"
        + " per line, to standard output or a file.")
final class GenerateCommand implements Callable<Integer> {

    @Mixin
    GeneratorOptions shape;

    @Option(names = "--lines", paramLabel = "N", defaultValue = "200000",
        description = "Lines to write (default: ${DEFAULT-VALUE}).")
    long lines;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "File to write (default: standard output).")
    Path output;

    @Override
    public Integer call() throws IOException {
        CorpusGenerator generator = shape.generator(lines);
        try (OutputStream out = new BufferedOutputStream(open(), 1 << 16)) {
            for (long i = 0; i < generator.lines(); i++) {
                out.write(generator.line(i));
                out.write('\n');
            }
        }
        return 0;
    }

    private OutputStream open() throws IOException {
        if (output == null) {
            // Closing the buffered stream must not close standard output for later callers.
            return new OutputStream() {
                @Override
                public void write(int b) {
                    System.out.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    System.out.write(bytes, offset, length);
                }

                @Override
                public void flush() {
                    System.out.flush();
                }
            };
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageException("Folder " + parent + " does not exist. Create it first or"
                + " choose another --output.");
        }
        return Files.newOutputStream(output);
    }
}
