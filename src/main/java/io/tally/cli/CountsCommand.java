package io.tally.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.config.TallyConfig;
import io.tally.kafka.CountsTopicReader;
import io.tally.tokenizer.QueryWord;
import io.tally.tokenizer.Tokenizer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tally counts}: read a counts topic. */
@Command(name = "counts", mixinStandardHelpOptions = true,
    versionProvider = TallyCli.Version.class,
    description = "Reads a counts topic to the latest count of each word and prints it; with"
        + " --follow keeps printing updates until Ctrl-C.")
final class CountsCommand implements Callable<Integer> {

    /** Which path's counts topic to read. */
    enum Source { streams, shared }

    @Mixin
    CommonOptions common;

    @Option(names = "--source", paramLabel = "PATH", defaultValue = "streams",
        description = "Counts of which path: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Source source;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
        description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    CountsPrinter.Format format;

    @Option(names = "--top", paramLabel = "N", defaultValue = "0",
        description = "Print only the N most frequent words (default: all).")
    int top;

    @Option(names = "--word", paramLabel = "W",
        description = "Print only this word (it is tokenized and lowercased first).")
    String word;

    @Option(names = "--follow", description = "Keep reading and print every update.")
    boolean follow;

    @Override
    public Integer call() throws InterruptedException {
        if (top < 0) {
            throw new UsageException("--top must be 0 or more, not " + top + ".");
        }
        TallyConfig config = common.load();
        String wanted = word == null ? null : normalise(word, config);
        String topic = source == Source.streams
            ? config.streamsCountsTopic() : config.sharedCountsTopic();
        try (KafkaSession session = KafkaSession.open(config, false)) {
            Map<String, Long> counts = new HashMap<>();
            Map<TopicPartition, Long> ends =
                CountsTopicReader.readSettled(config, session.admin(), topic, counts::put);
            Map<String, Long> shown = wanted == null
                ? counts : Map.of(wanted, counts.getOrDefault(wanted, 0L));
            CountsPrinter.print(System.out, format, CountsPrinter.rows(shown, top));
            if (follow) {
                follow(config, topic, ends, wanted);
            }
        }
        return 0;
    }

    /** Prints every update written after {@code from}, until Ctrl-C. */
    private void follow(TallyConfig config, String topic, Map<TopicPartition, Long> from,
            String wanted) {
        AtomicBoolean stop = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.set(true)));
        ObjectMapper json = new ObjectMapper();
        CountsTopicReader.read(config, topic, from, null, (w, count) -> {
            if (wanted == null || wanted.equals(w)) {
                printUpdate(json, w, count);
            }
        }, stop::get);
    }

    private void printUpdate(ObjectMapper json, String w, long count) {
        switch (format) {
            case csv -> System.out.println(w + "," + count);
            case json -> {
                ObjectNode row = json.createObjectNode().put("word", w).put("count", count);
                System.out.println(row);
            }
            default -> System.out.println(w + "  " + count);
        }
        System.out.flush();
    }

    private static String normalise(String word, TallyConfig config) {
        QueryWord query = QueryWord.parse(new Tokenizer(config.wordMaxLength()), word);
        if (!query.isOneWord()) {
            throw new UsageException("--word takes one word, but '" + word + "' holds "
                + query.words().size() + " by the tokenizer's rule.");
        }
        return query.word();
    }
}
