package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriveCommandTest {

    @TempDir
    Path folder;

    @Test
    void shouldPrintCsvCountsOfValidLinesAndReportInvalidOnesByFileAndLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("Kafka streams, kafka TABLES\r\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'k', 'a', 'f', 'k', 'a', ' ', (byte) 0xE2, (byte) 0x82, '\n'});
        bytes.writeBytes("Ελληνικά streams\n".getBytes(StandardCharsets.UTF_8));
        Path file = folder.resolve("mixed.txt");
        Files.write(file, bytes.toByteArray());

        CliRun run = CliRun.run("drive", "--format", "csv", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(String.join("\n", "word,count", "kafka,2", "streams,2",
            "tables,1", "ελληνικά,1", ""));
        assertThat(run.err()).contains(file + ":2: skipped, invalid-utf8")
            .contains("3 lines").contains("1 invalid UTF-8 lines");
    }

    @Test
    void shouldReadStandardInputWhenNoFileIsNamed() {
        CliRun run = CliRun.runWithInput("b a b\n".getBytes(StandardCharsets.UTF_8),
            "drive", "--format", "csv");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("word,count\nb,2\na,1\n");
    }

    @Test
    void shouldCountAcrossSeveralFilesAndKeepOnlyTheTopN() throws IOException {
        Path first = Files.writeString(folder.resolve("a.txt"), "x y z\nx y\n");
        Path second = Files.writeString(folder.resolve("b.txt"), "x\n");

        CliRun run = CliRun.run("drive", "--format", "csv", "--top", "2",
            first.toString(), second.toString());

        assertThat(run.out()).isEqualTo("word,count\nx,3\ny,2\n");
    }

    @Test
    void shouldPrintJsonThatParsesToTheCounts() throws IOException {
        Path file = Files.writeString(folder.resolve("j.txt"), "déjà vu déjà\n");

        CliRun run = CliRun.run("drive", "--format", "json", file.toString());

        JsonNode rows = new ObjectMapper().readTree(run.out());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("word").asText()).isEqualTo("déjà");
        assertThat(rows.get(0).get("count").asLong()).isEqualTo(2L);
    }

    @Test
    void shouldPrintAnAlignedTableByDefault() throws IOException {
        Path file = Files.writeString(folder.resolve("t.txt"), "longword a a\n");

        CliRun run = CliRun.run("drive", file.toString());

        assertThat(run.out()).isEqualTo(
            "WORD      COUNT\na             2\nlongword      1\n");
    }

    @Test
    void shouldAlignTheTableForWideAndCombiningCharacters() throws IOException {
        Path file = Files.writeString(folder.resolve("w.txt"), "東京 東京 ab\n");

        CliRun run = CliRun.run("drive", file.toString());

        assertThat(run.out()).isEqualTo("WORD  COUNT\n東京      2\nab        1\n");
    }

    @Test
    void shouldExitWithUsageErrorNamingAMissingFile() {
        CliRun run = CliRun.run("drive", folder.resolve("missing.txt").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("missing.txt").contains("does not exist");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldExitWithUsageErrorNamingABadSetting() throws IOException {
        Path file = Files.writeString(folder.resolve("c.txt"), "a\n");

        CliRun run = CliRun.run("drive", "--set", "tally.word.max.length=-3", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("tally.word.max.length").contains("-3");
    }

    @Test
    void shouldExitWithUsageErrorForAnUnknownFormat() {
        CliRun run = CliRun.run("drive", "--format", "xml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("xml");
    }
}
