package io.tally.cli;

import io.tally.producer.DirectCount;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The side-by-side comparison that {@code tally demo} prints. */
final class DemoReport {

    /** What one path did. */
    record PathResult(boolean caughtUp, double seconds, Map<String, Long> counts,
            long deadLetters, double lockWaitSeconds) {
    }

    private static final int TOP = 10;
    private static final String ROW = "%-24s %28s %28s%n";

    private final DirectCount expected;
    private final Duration produced;
    private final DemoCommand.DemoSettings settings;
    private final PathResult streams;
    private final PathResult shared;

    DemoReport(DirectCount expected, Duration produced, DemoCommand.DemoSettings settings,
            PathResult streams, PathResult shared) {
        this.expected = expected;
        this.produced = produced;
        this.settings = settings;
        this.streams = streams;
        this.shared = shared;
    }

    boolean matches(PathResult path) {
        return path.caughtUp() && path.counts().equals(expected.counts())
            && path.deadLetters() == expected.invalidRecords();
    }

    boolean bothMatch() {
        return matches(streams) && matches(shared);
    }

    void print(PrintStream out) {
        out.println();
        out.printf("Input: %,d lines, %,d words, %,d distinct, %,d not valid UTF-8;"
                + " published in %.2f s by %d producer threads.%n%n", expected.lines(),
            expected.words(), expected.counts().size(), expected.invalidRecords(),
            produced.toNanos() / 1e9, settings.producers());
        out.printf(ROW, "", "message passing", "shared memory");
        out.printf(ROW, "", "(Kafka Streams)", "(" + settings.strategy() + ", "
            + settings.consumers() + " threads)");
        out.printf(ROW, "time to final counts", seconds(streams), seconds(shared));
        out.printf(ROW, "lines/s", rate(expected.lines(), streams), rate(expected.lines(), shared));
        out.printf(ROW, "words/s", rate(expected.words(), streams), rate(expected.words(), shared));
        out.printf(ROW, "distinct words", number(streams.counts().size()),
            number(shared.counts().size()));
        out.printf(ROW, "dead-letter records", number(streams.deadLetters()),
            number(shared.deadLetters()));
        out.printf(ROW, "lock wait", "none (no shared map)",
            String.format("%.3f s", shared.lockWaitSeconds()));
        out.printf(ROW, "equals direct count", verdict(streams), verdict(shared));
        out.println();
        printTop(out);
        out.println();
        out.println(bothMatch()
            ? "Both paths equal the direct count."
            : "MISMATCH: at least one path differs from the direct count.");
    }

    private void printTop(PrintStream out) {
        out.printf("%-5s %-26s %-26s %-26s%n", "rank", "direct count", "message passing",
            "shared memory");
        List<Map.Entry<String, Long>> direct = CountsPrinter.rows(expected.counts(), TOP);
        List<Map.Entry<String, Long>> viaStreams = CountsPrinter.rows(streams.counts(), TOP);
        List<Map.Entry<String, Long>> viaShared = CountsPrinter.rows(shared.counts(), TOP);
        for (int i = 0; i < direct.size(); i++) {
            out.printf("%-5d %-26s %-26s %-26s%n", i + 1, entry(direct, i), entry(viaStreams, i),
                entry(viaShared, i));
        }
    }

    private static String entry(List<Map.Entry<String, Long>> rows, int i) {
        return i < rows.size()
            ? String.format("%s %,d", rows.get(i).getKey(), rows.get(i).getValue()) : "-";
    }

    private static String seconds(PathResult path) {
        return path.caughtUp() ? String.format("%.2f s", path.seconds()) : "did not catch up";
    }

    private static String rate(long amount, PathResult path) {
        return String.format("%,.0f", amount / Math.max(path.seconds(), 1e-9));
    }

    private static String number(long value) {
        return String.format("%,d", value);
    }

    private String verdict(PathResult path) {
        if (matches(path)) {
            return "yes";
        }
        long wrong = expected.counts().entrySet().stream()
            .filter(e -> !e.getValue().equals(path.counts().get(e.getKey()))).count();
        return "NO (" + wrong + " words differ)";
    }
}
