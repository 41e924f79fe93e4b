package io.tally.bench.jmh;

import io.tally.producer.CorpusGenerator;
import io.tally.tokenizer.Tokenizer;
import io.tally.tokenizer.WordSink;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Measures words per second of {@link Tokenizer#tokenize(byte[], WordSink)}, single-threaded,
 * on three kinds of record value, because the tokenizer has two paths whose costs differ:
 * <ul>
 *   <li>{@link #asciiLines}: English-like ASCII lines from {@link CorpusGenerator}, which the
 *       tokenizer scans as bytes without decoding;</li>
 *   <li>{@link #accentedLines}: the same lines with one word in each replaced by "café" or
 *       "Straße", so every line takes the other path (UTF-8 check, decode, NFC check, code
 *       point scan) while the text stays almost the same;</li>
 *   <li>{@link #multilingualLines}: Greek, Cyrillic, CJK, Hangul, Arabic, Devanagari and
 *       Latin words, some with combining marks that NFC has to compose.</li>
 * </ul>
 *
 * <p>One operation is one word. JMH needs {@code @OperationsPerInvocation} as a constant, so
 * every batch is built to hold exactly {@value #WORDS_PER_BATCH} words and setup tokenizes each
 * batch once to check that count, failing the run if it differs. Every word goes to a
 * {@link Blackhole}, so the strings the tokenizer makes cannot be optimised away.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class TokenizerBenchmark {

    /** Lines in each batch. */
    static final int LINES = 1_000;

    /** Words on each line, as the task's corpus has them. */
    static final int WORDS_PER_LINE = 10;

    /** Words in each batch: one invocation tokenizes one whole batch. */
    static final int WORDS_PER_BATCH = LINES * WORDS_PER_LINE;

    private static final int VOCABULARY = 50_000;
    private static final double ZIPF_EXPONENT = 1.0;
    private static final long SEED = 0x70C_E17EL;

    /** Non-ASCII words that the accented batch puts into otherwise ASCII lines. */
    private static final String[] ACCENTED = {"café", "Straße"};

    /**
     * Words for the multilingual batch, each of which the tokenizer keeps as exactly one word.
     * The escapes are combining marks written out, so the file shows which forms are
     * decomposed: NFC composes those before the scan.
     */
    private static final String[] MULTILINGUAL = {
        "οδός", "ΣΊΣΥΦΟΣ", "Αθήνα", "λόγος",
        "Москва", "привет", "Ёлка", "слово",
        "東京", "数据流", "ひらがな", "カタカナ", "한국어",
        "مرحبا", "हिन्दी",
        "cafe\u0301", "nai\u0308ve", "Tie\u0302\u0301ng", "Vie\u0323\u0302t", "n\u0303",
        "Kafka", "stream", "don't", "Straße", "İstanbul"};

    /** Separators between multilingual words, including the ideographic space. */
    private static final String[] SEPARATORS = {" ", ", ", ". ", "\u3000", " — ", "; "};

    private final Tokenizer tokenizer = Tokenizer.withDefaults();

    private byte[][] ascii;
    private byte[][] accented;
    private byte[][] multilingual;

    @Setup(Level.Trial)
    public void setUp() {
        ascii = asciiBatch();
        accented = accentedBatch(ascii);
        multilingual = multilingualBatch();
        checkWordCount("ascii", ascii);
        checkWordCount("accented", accented);
        checkWordCount("multilingual", multilingual);
    }

    @Benchmark
    @OperationsPerInvocation(WORDS_PER_BATCH)
    public int asciiLines(Blackhole blackhole) {
        return tokenizeAll(ascii, blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(WORDS_PER_BATCH)
    public int accentedLines(Blackhole blackhole) {
        return tokenizeAll(accented, blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(WORDS_PER_BATCH)
    public int multilingualLines(Blackhole blackhole) {
        return tokenizeAll(multilingual, blackhole);
    }

    /** Returns the summed results, which JMH consumes, so no call's result is dead. */
    private int tokenizeAll(byte[][] lines, Blackhole blackhole) {
        // One sink per batch of a thousand lines: its allocation is noise next to the words.
        WordSink sink = blackhole::consume;
        int dropped = 0;
        for (byte[] line : lines) {
            dropped += tokenizer.tokenize(line, sink);
        }
        return dropped;
    }

    private static byte[][] asciiBatch() {
        CorpusGenerator corpus =
            new CorpusGenerator(LINES, VOCABULARY, ZIPF_EXPONENT, WORDS_PER_LINE, SEED);
        byte[][] lines = new byte[LINES][];
        for (int i = 0; i < LINES; i++) {
            lines[i] = corpus.line(i);
        }
        return lines;
    }

    /** The ASCII lines with their middle word replaced, so the word count stays the same. */
    private static byte[][] accentedBatch(byte[][] ascii) {
        byte[][] lines = new byte[ascii.length][];
        for (int i = 0; i < ascii.length; i++) {
            String[] words = new String(ascii[i], StandardCharsets.US_ASCII).split(" ");
            words[words.length / 2] = ACCENTED[i % ACCENTED.length];
            lines[i] = String.join(" ", words).getBytes(StandardCharsets.UTF_8);
        }
        return lines;
    }

    private static byte[][] multilingualBatch() {
        SplittableRandom random = new SplittableRandom(SEED);
        byte[][] lines = new byte[LINES][];
        for (int i = 0; i < LINES; i++) {
            StringBuilder line = new StringBuilder();
            for (int w = 0; w < WORDS_PER_LINE; w++) {
                if (w > 0) {
                    line.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
                }
                line.append(MULTILINGUAL[random.nextInt(MULTILINGUAL.length)]);
            }
            lines[i] = line.toString().getBytes(StandardCharsets.UTF_8);
        }
        return lines;
    }

    private void checkWordCount(String name, byte[][] lines) {
        int[] words = {0};
        for (byte[] line : lines) {
            if (tokenizer.tokenize(line, word -> words[0]++) != 0) {
                throw new IllegalStateException(name + " batch has a dropped or invalid line");
            }
        }
        if (words[0] != WORDS_PER_BATCH) {
            // The throughput would be off by this ratio, so refuse to measure.
            throw new IllegalStateException(name + " batch has " + words[0] + " words, not "
                + WORDS_PER_BATCH);
        }
    }
}
