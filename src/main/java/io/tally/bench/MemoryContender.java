package io.tally.bench;

import io.tally.producer.CorpusGenerator;
import io.tally.tokenizer.Tokenizer;
import java.util.HashMap;
import java.util.Map;

/**
 * A limit, not a design: one thread, no Kafka, tokenizing lines already in memory into a
 * {@link HashMap}. What counting costs when nothing is shared and nothing is sent.
 */
final class MemoryContender implements Contender {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public boolean takesThreads() {
        return false;
    }

    @Override
    public boolean writesCounts() {
        return false;
    }

    @Override
    public Measurement measure(BenchContext context, PublishedInput input, int threads) {
        CorpusGenerator generator = input.workload().generator();
        byte[][] lines = new byte[(int) generator.lines()][];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = generator.line(i);
        }
        Tokenizer tokenizer = new Tokenizer(context.base().wordMaxLength());
        double cpuBefore = BenchContext.processCpuSeconds();
        long started = System.nanoTime();
        Map<String, Long> counts = new HashMap<>();
        for (byte[] line : lines) {
            tokenizer.tokenize(line, word -> counts.merge(word, 1L, Long::sum));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = BenchContext.processCpuSeconds() - cpuBefore;
        return Measurement.throughput(seconds, counts.equals(input.expected().counts()),
            Double.NaN, -1, cpu);
    }
}
