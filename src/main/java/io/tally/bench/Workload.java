package io.tally.bench;

import io.tally.producer.CorpusGenerator;

/** One input of the sweep: its skew, its line length and its size. */
public record Workload(Skew skew, int wordsPerLine, long lines, int vocabulary, long seed) {

    /** The generator of this workload's lines. */
    public CorpusGenerator generator() {
        return new CorpusGenerator(lines, vocabulary, skew.zipfExponent(), skew.hotShare(),
            wordsPerLine, seed);
    }

    /** A topic-safe name, for example {@code zipf1.0-w10}. */
    public String id() {
        return skew.label() + "-w" + wordsPerLine;
    }
}
