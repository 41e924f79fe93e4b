package io.tally.cli;

import io.tally.producer.CorpusGenerator;
import picocli.CommandLine.Option;

/** How the synthetic corpus is shaped; shared by generate, produce, demo and bench. */
final class GeneratorOptions {

    @Option(names = "--vocabulary", paramLabel = "V", defaultValue = "50000",
        description = "Distinct words the generator draws from (default: ${DEFAULT-VALUE}).")
    int vocabulary;

    @Option(names = "--zipf", paramLabel = "S", defaultValue = "1.0",
        description = "Zipf exponent of word frequencies; 0 is uniform"
            + " (default: ${DEFAULT-VALUE}).")
    double zipf;

    @Option(names = "--seed", paramLabel = "X", defaultValue = "42",
        description = "Random seed; the same seed gives the same corpus"
            + " (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--words-per-line", paramLabel = "W", defaultValue = "10",
        description = "Words on each generated line (default: ${DEFAULT-VALUE}).")
    int wordsPerLine;

    CorpusGenerator generator(long lines) {
        if (lines < 0) {
            throw new UsageException("The number of lines must be 0 or more, not " + lines + ".");
        }
        if (vocabulary < 1 || wordsPerLine < 1 || zipf < 0 || Double.isNaN(zipf)) {
            throw new UsageException("Need --vocabulary >= 1, --words-per-line >= 1 and"
                + " --zipf >= 0; got " + vocabulary + ", " + wordsPerLine + " and " + zipf + ".");
        }
        return new CorpusGenerator(lines, vocabulary, zipf, wordsPerLine, seed);
    }
}
