package dev.instructor.json;

import static dev.instructor.json.ChunkFeeder.feedChars;
import static dev.instructor.json.ChunkFeeder.renders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Lenient mode: the first value is found inside prose and markdown fences, and what follows it is ignored. */
class LenientModeTest {

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_proseAndFenceAround_readsTheValue(int size) {
        String answer = "Sure! Here is the `list` you asked for:\n\n```json\n{\"ideas\": [\"a\", \"b\"]}\n```\n"
                + "Let me know if you want more {ideas}!";
        PartialJsonParser parser = PartialJsonParser.lenient();
        List<Optional<PartialValue>> snapshots = feedChars(parser, answer, size);
        assertThat(parser.isComplete()).isTrue();
        assertThat(parser.finish().toJson()).isEqualTo("{\"ideas\":[\"a\",\"b\"]}");
        assertThat(List.of(
                        "{}",
                        "{\"ideas\":[]}",
                        "{\"ideas\":[\"\"]}",
                        "{\"ideas\":[\"a\"]}",
                        "{\"ideas\":[\"a\",\"\"]}",
                        "{\"ideas\":[\"a\",\"b\"]}"))
                .containsSubsequence(renders(snapshots));
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_proseWithoutFence_startsAtFirstBracket(int size) {
        PartialJsonParser parser = PartialJsonParser.lenient();
        feedChars(parser, "The answer is [1, {\"a\": null}] as requested. ]]} garbage", size);
        assertThat(parser.finish().toJson()).isEqualTo("[1,{\"a\":null}]");
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_fenceAroundScalar_readsTheScalar(int size) {
        PartialJsonParser string = PartialJsonParser.lenient();
        feedChars(string, "```json\n\"just text\"\n```", size);
        assertThat(string.finish().toJson()).isEqualTo("\"just text\"");

        PartialJsonParser number = PartialJsonParser.lenient();
        feedChars(number, "Result:\n```\n42\n```\n", size);
        assertThat(number.finish().toJson()).isEqualTo("42");
    }

    @Test
    void feedBytes_invalidUtf8AfterValue_isIgnored() {
        byte[] before = "ok: {\"a\":1}".getBytes(StandardCharsets.UTF_8);
        PartialJsonParser parser = PartialJsonParser.lenient();
        parser.feed(before, 0, before.length);
        parser.feed(new byte[] {(byte) 0xFF, (byte) 0xC3}, 0, 2);
        assertThat(parser.finish().toJson()).isEqualTo("{\"a\":1}");
    }

    @Test
    void finish_noValueFound_throwsIncompleteWithoutPartial() {
        PartialJsonParser parser = PartialJsonParser.lenient();
        parser.feed("I am sorry, I cannot help with that.");
        assertThatThrownBy(parser::finish).isInstanceOfSatisfying(JsonIncompleteException.class, e -> {
            assertThat(e.partial()).isNull();
            assertThat(e.expected()).isEqualTo("a JSON object or array");
            assertThat(e.offset()).isEqualTo(36);
        });
        assertThat(parser.snapshot()).isEmpty();
    }

    @Test
    void finish_truncatedValue_throwsIncompleteWithPartial() {
        PartialJsonParser parser = PartialJsonParser.lenient();
        parser.feed("```json\n{\"title\": \"Half");
        assertThatThrownBy(parser::finish).isInstanceOfSatisfying(JsonIncompleteException.class, e -> assertThat(
                        e.partial().toJson())
                .isEqualTo("{\"title\":\"Half\"}"));
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_invalidInsideValue_isStillAnError(int size) {
        PartialJsonParser parser = PartialJsonParser.lenient();
        assertThatThrownBy(() -> feedChars(parser, "Here:\n{\"a\" 1}", size))
                .isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
                    assertThat(e.offset()).isEqualTo(11);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(6);
                    assertThat(e.expected()).isEqualTo("':'");
                });
    }
}
