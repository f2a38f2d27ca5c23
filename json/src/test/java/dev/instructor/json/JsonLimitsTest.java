package dev.instructor.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Limits fail fast, with {@link JsonLimitException}, and in memory bounded by the limit. */
class JsonLimitsTest {

    @Test
    void equals_sameLimitsAreEqual() {
        JsonLimits a = JsonLimits.builder().maxNestingDepth(64).build();
        JsonLimits b = JsonLimits.builder().maxNestingDepth(64).build();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(JsonLimits.defaults());
        assertThat(JsonLimits.builder().build()).isEqualTo(JsonLimits.defaults());
        assertThat(JsonLimits.builder().maxDocumentLength(10).build())
                .isNotEqualTo(JsonLimits.builder().maxDocumentLength(11).build());
    }

    @Test
    void feed_100000OpenArrays_failsAtDefaultDepth() {
        PartialJsonParser parser = PartialJsonParser.strict();
        assertThatThrownBy(() -> parser.feed("[".repeat(100_000)))
                .isInstanceOfSatisfying(JsonLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(JsonLimits.Limit.NESTING_DEPTH);
                    assertThat(e.maximum()).isEqualTo(1_000);
                    assertThat(e.offset()).isEqualTo(1_000);
                });
        assertThat(parser.snapshot().orElseThrow().toJson()).hasSize(2_000);
    }

    @Test
    void feed_deepDocumentWithinRaisedLimit_parsesAndRendersWithoutRecursion() {
        int depth = 100_000;
        PartialJsonParser parser = PartialJsonParser.builder()
                .limits(JsonLimits.builder().maxNestingDepth(depth).build())
                .build();
        parser.feed("[".repeat(depth) + "\"deep\"");
        assertThat(parser.snapshot().orElseThrow().toJson()).hasSize(2 * depth + 6);
        parser.feed("]".repeat(depth));
        assertThat(parser.finish().toJson()).hasSize(2 * depth + 6);
    }

    @Test
    void feed_depth1000_renders() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"a\":".repeat(999) + "[1]" + "}".repeat(999));
        assertThat(parser.finish().toJson()).hasSize(999 * 6 + 3);
    }

    @Test
    void feed_stringBeyondLimit_fails() {
        PartialJsonParser parser = limited(JsonLimits.builder().maxStringLength(10));
        parser.feed("[\"0123456789\",\"01234");
        assertThatThrownBy(() -> parser.feed("56789\\n\"]")).isInstanceOfSatisfying(JsonLimitException.class, e -> {
            assertThat(e.limit()).isEqualTo(JsonLimits.Limit.STRING_LENGTH);
            assertThat(e.offset()).as("the escape that does not fit").isEqualTo(26);
        });
        assertThat(parser.snapshot().orElseThrow().toJson()).isEqualTo("[\"0123456789\",\"0123456789\"]");
    }

    @Test
    void feed_hugeStringInChunks_failsAtDefaultLimitInBoundedMemory() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("\"");
        String chunk = "x".repeat(1 << 20);
        assertThatThrownBy(() -> {
                    for (int i = 0; i < 100; i++) {
                        parser.feed(chunk);
                    }
                })
                .isInstanceOfSatisfying(JsonLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(JsonLimits.Limit.STRING_LENGTH);
                    assertThat(e.offset()).isEqualTo(20_000_001);
                });
    }

    @Test
    void feed_nameBeyondLimit_fails() {
        PartialJsonParser parser = limited(JsonLimits.builder().maxNameLength(3));
        assertThatThrownBy(() -> parser.feed("{\"abc\":1,\"abcd\":2}"))
                .isInstanceOfSatisfying(JsonLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(JsonLimits.Limit.NAME_LENGTH);
                    assertThat(e.offset()).isEqualTo(13);
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 23, 24, 25, 48, 49})
    void feed_numberAtAndBeyondASmallLimit_failsAtTheFirstCharBeyond(int limit) {
        // The number's buffer starts at 24 chars and the limit is tested when it is full: a smaller limit must hold
        // too.
        String fits = "7".repeat(limit);
        for (int size : ChunkFeeder.chunkSizes().toArray()) {
            PartialJsonParser atLimit = limited(JsonLimits.builder().maxNumberLength(limit));
            ChunkFeeder.feedChars(atLimit, "[" + fits + "]", size);
            assertThat(atLimit.finish().toJson()).isEqualTo("[" + fits + "]");

            PartialJsonParser beyond = limited(JsonLimits.builder().maxNumberLength(limit));
            assertThatThrownBy(() -> ChunkFeeder.feedChars(beyond, "[-" + fits + "]", size))
                    .as("chunks of %d", size)
                    .isInstanceOfSatisfying(JsonLimitException.class, e -> {
                        assertThat(e.limit()).isEqualTo(JsonLimits.Limit.NUMBER_LENGTH);
                        assertThat(e.offset()).isEqualTo(1 + limit);
                    });
            assertThat(beyond.snapshot().orElseThrow().toJson()).isEqualTo("[]");

            PartialJsonParser topLevel = limited(JsonLimits.builder().maxNumberLength(limit));
            assertThatThrownBy(() -> {
                        ChunkFeeder.feedChars(topLevel, fits + "0", size);
                        topLevel.finish();
                    })
                    .isInstanceOfSatisfying(JsonLimitException.class, e -> assertThat(e.offset())
                            .isEqualTo(limit));
        }
    }

    @Test
    void feed_numberBeyondDefaultLimit_fails() {
        PartialJsonParser parser = PartialJsonParser.strict();
        assertThatThrownBy(() -> parser.feed("[" + "9".repeat(1_000_000)))
                .isInstanceOfSatisfying(JsonLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(JsonLimits.Limit.NUMBER_LENGTH);
                    assertThat(e.offset()).isEqualTo(1_001);
                });
    }

    @Test
    void feed_documentBeyondLimit_failsAfterParsingWhatFits() {
        PartialJsonParser parser = limited(JsonLimits.builder().maxDocumentLength(8));
        parser.feed("[\"ab");
        assertThatThrownBy(() -> parser.feed("cd\",1]")).isInstanceOfSatisfying(JsonLimitException.class, e -> {
            assertThat(e.limit()).isEqualTo(JsonLimits.Limit.DOCUMENT_LENGTH);
            assertThat(e.offset()).isEqualTo(8);
        });
        assertThat(parser.snapshot().orElseThrow().toJson()).isEqualTo("[\"abcd\"]");
    }

    @Test
    void feedBytes_documentBeyondLimit_countsBytes() {
        PartialJsonParser parser = limited(JsonLimits.builder().maxDocumentLength(5));
        byte[] bytes = "[\"éé\"]".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.feed(bytes, 0, bytes.length))
                .isInstanceOfSatisfying(
                        JsonLimitException.class, e -> assertThat(e.offset()).isEqualTo(5));
        assertThat(parser.snapshot().orElseThrow().toJson()).isEqualTo("[\"é\"]");
    }

    @Test
    void feed_lenientTrailingProse_doesNotCountAgainstDocumentLimit() {
        PartialJsonParser parser = PartialJsonParser.builder()
                .lenient(true)
                .limits(JsonLimits.builder().maxDocumentLength(10).build())
                .build();
        parser.feed("x [1] and a long tail of prose");
        assertThat(parser.finish().toJson()).isEqualTo("[1]");
    }

    /**
     * A top-level number in a json fence that ends right at the document length limit is the value: the char that ends
     * it lies past the limit, as trailing prose does, and is not counted. A char that would go on with the number does
     * count, and exceeds the limit.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_lenientTopLevelNumberEndingAtTheDocumentLimit_isTheValue(int size) {
        for (String answer :
                List.of("```json\n42\n```", "```json\n-1.5e3 is it", "```json\n0``` ", "```json\n7\u00e9")) {
            int limit = answer.indexOf('\n')
                    + 1
                    + answer.substring(answer.indexOf('\n') + 1)
                            .split("[^-0-9.e]")[0]
                            .length();
            for (boolean utf8 : new boolean[] {false, true}) {
                PartialJsonParser parser = lenientWithDocumentLimit(limit);
                ChunkFeeder.feed(parser, answer, size, utf8);
                assertThat(parser.finish().toJson())
                        .as("%s (utf8 %s)", answer, utf8)
                        .isEqualTo(answer.substring(answer.indexOf('\n') + 1, limit));
            }
        }
        for (String answer : List.of("```json\n421", "```json\n42.5", "```json\n42e1", "```json\n4.2E1")) {
            for (boolean utf8 : new boolean[] {false, true}) {
                PartialJsonParser parser = lenientWithDocumentLimit(answer.length() - 1);
                assertThatThrownBy(() -> {
                            ChunkFeeder.feed(parser, answer, size, utf8);
                        })
                        .as("%s (utf8 %s)", answer, utf8)
                        .isInstanceOfSatisfying(JsonLimitException.class, e -> {
                            assertThat(e.limit()).isEqualTo(JsonLimits.Limit.DOCUMENT_LENGTH);
                            assertThat(e.offset()).isEqualTo(answer.length() - 1);
                        });
            }
        }
    }

    private static PartialJsonParser lenientWithDocumentLimit(int limit) {
        return PartialJsonParser.builder()
                .lenient(true)
                .limits(JsonLimits.builder().maxDocumentLength(limit).build())
                .build();
    }

    private static PartialJsonParser limited(JsonLimits.Builder limits) {
        return PartialJsonParser.builder().limits(limits.build()).build();
    }
}
