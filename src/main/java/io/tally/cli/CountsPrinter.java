package io.tally.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jline.utils.WCWidth;

/** Prints word counts as a table, CSV or JSON, sorted by count descending, then by word. */
final class CountsPrinter {

    /** Output formats of {@code --format}. */
    enum Format { table, csv, json }

    /** Most counts first; ties in word order, so that output is stable. */
    static final Comparator<Map.Entry<String, Long>> BY_COUNT_THEN_WORD =
        Map.Entry.<String, Long>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey());

    private CountsPrinter() {
    }

    /** The rows to print: sorted, then cut to {@code top} when it is positive. */
    static List<Map.Entry<String, Long>> rows(Map<String, Long> counts, int top) {
        List<Map.Entry<String, Long>> rows = new ArrayList<>(counts.entrySet());
        rows.sort(BY_COUNT_THEN_WORD);
        return top > 0 && rows.size() > top ? rows.subList(0, top) : rows;
    }

    static void print(PrintStream out, Format format, List<Map.Entry<String, Long>> rows) {
        switch (format) {
            case csv -> printCsv(out, rows);
            case json -> printJson(out, rows);
            default -> printTable(out, rows);
        }
        out.flush();
    }

    private static void printCsv(PrintStream out, List<Map.Entry<String, Long>> rows) {
        out.println("word,count");
        for (Map.Entry<String, Long> row : rows) {
            out.println(csvField(row.getKey()) + "," + row.getValue());
        }
    }

    private static String csvField(String word) {
        if (word.indexOf(',') < 0 && word.indexOf('"') < 0 && word.indexOf('\n') < 0
                && word.indexOf('\r') < 0) {
            return word;
        }
        return '"' + word.replace("\"", "\"\"") + '"';
    }

    private static void printJson(PrintStream out, List<Map.Entry<String, Long>> rows) {
        try {
            JsonGenerator json = new ObjectMapper().getFactory().createGenerator(out);
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (Map.Entry<String, Long> row : rows) {
                json.writeStartObject();
                json.writeStringField("word", row.getKey());
                json.writeNumberField("count", row.getValue());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void printTable(PrintStream out, List<Map.Entry<String, Long>> rows) {
        int wordWidth = "WORD".length();
        int countWidth = "COUNT".length();
        for (Map.Entry<String, Long> row : rows) {
            wordWidth = Math.max(wordWidth, displayWidth(row.getKey()));
            countWidth = Math.max(countWidth, Long.toString(row.getValue()).length());
        }
        out.println(padRight("WORD", wordWidth) + "  " + padLeft("COUNT", countWidth));
        for (Map.Entry<String, Long> row : rows) {
            out.println(padRight(row.getKey(), wordWidth) + "  "
                + padLeft(Long.toString(row.getValue()), countWidth));
        }
    }

    private static String padRight(String text, int width) {
        return text + " ".repeat(Math.max(0, width - displayWidth(text)));
    }

    /** Terminal columns: wide CJK characters take two, combining marks none. */
    static int displayWidth(String text) {
        return text.codePoints().map(cp -> Math.max(0, WCWidth.wcwidth(cp))).sum();
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }
}
