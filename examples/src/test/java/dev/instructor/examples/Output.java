package dev.instructor.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** What an example printed: a {@link PrintStream} to hand to its {@code run}, read back as lines. */
final class Output {
    /** Pause between two tokens of the scripted model in tests: short, but long enough for every token to be seen. */
    static final Duration TEST_PACE = Duration.ofMillis(2);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    PrintStream stream() {
        return stream;
    }

    List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
