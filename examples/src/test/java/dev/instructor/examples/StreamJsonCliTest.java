package dev.instructor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamJsonCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final StreamJsonCli cli = new StreamJsonCli(
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void builtInSample_printsGrowingPartialsThenTheFinal() {
        int status = cli.run(new String[] {"--delay-ms", "0", "--plain", "--max-chunk", "1"}, false);

        assertThat(status).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> partials = lines.stream()
                .filter(l -> l.startsWith("partial: "))
                .map(l -> l.substring(9))
                .toList();
        // As in the seed chapter: a title appears, its blurb starts empty, then grows; items arrive one by one.
        assertThat(partials).contains("[{\"title\":\"Note Ninja\",\"blurb\":\"\"}]");
        assertThat(partials).contains("[{\"title\":\"\"}]");
        assertThat(partials)
                .anyMatch(p -> p.startsWith("[{\"title\":\"Note Ninja\"") && p.endsWith(",{\"title\":\"\"}]"));
        // A member name still being written is never shown.
        assertThat(partials).noneMatch(p -> p.contains("\"titl\""));
        assertThat(partials).doesNotHaveDuplicates();
        for (int i = 1; i < partials.size(); i++) {
            // Each partial only adds to the one before: strip the closing brackets and compare prefixes.
            String before = partials.get(i - 1).replaceAll("[\\]}\"]+$", "");
            assertThat(partials.get(i)).startsWith(before);
        }
        String expected = "[{\"title\":\"Note Ninja\",\"blurb\":\"Capture ideas at the speed of thought\"},"
                + "{\"title\":\"Think Ink\",\"blurb\":\"Where messy thoughts become organized plans\"},"
                + "{\"title\":\"Brain Dump Pro\",\"blurb\":\"Your second brain, always ready\"}]";
        assertThat(lines).contains("final: " + expected);
        assertThat(partials.get(partials.size() - 1)).isEqualTo(expected);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void interactiveTerminal_redrawsOneLine() {
        int status = cli.run(new String[] {"--delay-ms", "0"}, true);

        assertThat(status).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("\r\033[2Kpartial: [");
        assertThat(printed.lines().filter(l -> l.startsWith("final: "))).hasSize(1);
    }

    @Test
    void invalidDocument_reportsWhereAndKeepsWhatArrived(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"title\": \"Note Ninja\",\n \"blurb\" 42}");

        int status = cli.run(new String[] {file.toString(), "--delay-ms", "0", "--plain"}, false);

        assertThat(status).isEqualTo(1);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(errors).contains("invalid JSON").contains("line 2");
        assertThat(errors).contains("received so far: {\"title\":\"Note Ninja\"}");
    }

    @Test
    void lenientMode_streamsJsonOutOfAChattyAnswer(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("chatty.txt");
        Files.writeString(file, "Sure! Here you go:\n```json\n{\"title\": \"Think Ink\"}\n```\nAnything else?");

        int status = cli.run(new String[] {file.toString(), "--lenient", "--delay-ms", "0", "--plain"}, false);

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("final: {\"title\":\"Think Ink\"}");
    }

    @Test
    void badArguments_printUsage() {
        int status = cli.run(new String[] {"--max-chunk", "0"}, false);

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--max-chunk must be at least 1 but was 0")
                .contains("usage:");
    }

    @Test
    void maxChunkBeyondAnInt_isABadArgument() {
        int status = cli.run(new String[] {"--max-chunk", "3000000000", "--delay-ms", "0"}, false);

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--max-chunk must be at most 2147483647 but was 3000000000")
                .contains("usage:");
    }

    @Test
    void missingFile_saysSo(@TempDir Path dir) {
        Path file = dir.resolve("nowhere.json");

        int status = cli.run(new String[] {file.toString(), "--delay-ms", "0"}, false);

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: cannot read " + file + ": no such file");
    }

    @Test
    void fileNotInUtf8_saysSo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, new byte[] {'"', 'c', 'a', 'f', (byte) 0xE9, '"'});

        int status = cli.run(new String[] {file.toString(), "--delay-ms", "0"}, false);

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: cannot read " + file + ": not UTF-8 text");
    }

    @Test
    void emptyFile_isInvalidJson(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("empty.json");
        Files.writeString(file, "");

        int status = cli.run(new String[] {file.toString(), "--delay-ms", "0"}, false);

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("invalid JSON");
    }

    @Test
    void help_printsUsageAndSucceeds() {
        // ./demo --help prints its usage and exits 0; ./demo cli --help should too, not call --help a bad argument.
        int status = cli.run(new String[] {"--help"}, false);

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: StreamJsonCli");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
