package dev.instructor.examples;

import dev.instructor.json.JsonParseException;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Streams a JSON document through the incremental engine a few characters at a time, as an LLM would send it, and
 * shows the partial value after every chunk that changed it.
 *
 * <pre>
 * usage: StreamJsonCli [file.json] [--delay-ms N] [--max-chunk N] [--seed N] [--lenient] [--plain]
 * </pre>
 *
 * <p>With no file it streams a built-in answer shaped like the seed chapter's three marketing ideas. On an
 * interactive terminal the partial value is re-drawn in place; with {@code --plain}, or when output is not a
 * terminal, each partial is printed on its own line.
 */
public final class StreamJsonCli {
    private final PrintStream out;
    private final PrintStream err;

    StreamJsonCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the CLI with the process's standard streams and exits with its status.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        System.exit(new StreamJsonCli(System.out, System.err).run(args, System.console() != null));
    }

    /**
     * Returns the exit status: 0 when the document parsed (or {@code --help} printed the usage), 1 when it was
     * invalid, 2 for bad arguments.
     */
    int run(String[] args, boolean interactive) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println(CliOptions.USAGE);
            return 0;
        }
        CliOptions options;
        String document;
        try {
            options = CliOptions.parse(args);
            document = options.file() == null ? builtInSample() : read(options.file());
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            err.println(CliOptions.USAGE);
            return 2;
        }
        LiveLine line = new LiveLine(out, interactive && !options.plain(), terminalWidth());
        PartialJsonParser parser =
                PartialJsonParser.builder().lenient(options.lenient()).build();
        List<String> chunks = new ChunkSplitter(options.maxChunk(), options.seed()).split(document);
        PartialValue shown = null;
        String shownJson = "";
        int partials = 0;
        try {
            for (String chunk : chunks) {
                parser.feed(chunk);
                Optional<PartialValue> snapshot = parser.snapshot();
                // The engine hands back the same instance when a chunk changed nothing; a new instance whose text
                // is unchanged only completed a value (a closing quote), which a reader would not see either.
                if (snapshot.isPresent() && snapshot.get() != shown) {
                    shown = snapshot.get();
                    String json = shown.toJson();
                    if (!json.equals(shownJson)) {
                        shownJson = json;
                        partials++;
                        line.show("partial: " + json);
                        pause(options.delayMillis());
                    }
                }
            }
            PartialValue complete = parser.finish();
            line.end();
            out.println("final: " + complete.toJson());
            out.printf("%d chunks, %d partials, %d chars%n", chunks.size(), partials, document.length());
            return 0;
        } catch (JsonParseException e) {
            line.end();
            err.println("invalid JSON: " + e.getMessage());
            parser.snapshot().ifPresent(kept -> err.println("received so far: " + kept.toJson()));
            return 1;
        }
    }

    // The JDK's messages for these name only the file ("x.json") or the decoder's state ("Input length = 1").
    private static String read(String file) throws IOException {
        try {
            return Files.readString(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read " + file + ": permission denied", e);
        } catch (CharacterCodingException e) {
            throw new IOException("cannot read " + file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String builtInSample() throws IOException {
        try (InputStream in = StreamJsonCli.class.getResourceAsStream("ideas.json")) {
            if (in == null) {
                throw new IOException("built-in sample ideas.json is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int terminalWidth() {
        String columns = System.getenv("COLUMNS");
        try {
            return columns == null ? 100 : Integer.parseInt(columns.trim()) - 1;
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
