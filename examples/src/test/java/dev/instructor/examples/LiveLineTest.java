package dev.instructor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LiveLineTest {

    @Test
    void show_longState_showsItsTailWithoutHalfASurrogatePair() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveLine line = new LiveLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 20);
        // The tail of 19 chars would start on the low half of the emoji.
        String state = "x".repeat(30) + "\uD83C\uDF75" + "y".repeat(18);

        line.show(state);

        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(shown)
                .endsWith("…" + "y".repeat(18))
                .doesNotContain("\uFFFD")
                .doesNotContain("?");
    }

    @Test
    void show_longState_keepsAWholePairAtTheCut() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveLine line = new LiveLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 20);
        String state = "x".repeat(30) + "\uD83C\uDF75" + "y".repeat(17);

        line.show(state);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("…\uD83C\uDF75" + "y".repeat(17));
    }
}
