package dev.instructor.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The short path for UTF-8 chunks inside an open string ({@link JsonStateMachine#appendAscii}) against the general
 * byte path. A parser takes the short path only once a string is open, so the reference is a fresh parser fed the
 * same bytes in one chunk, which always goes the general way. The documents hold two- to four-byte sequences, which
 * the chunks split anywhere.
 */
class ByteChunkPathTest {

    static Stream<String> documents() {
        return ShortChunkPathTest.documents();
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyChunkSizeMatchesTheGeneralPath(String document) {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size <= 9; size++) {
            for (int start : new int[] {size, 1}) {
                List<Integer> cuts = new ArrayList<>();
                for (int at = start; at < bytes.length; at += size) {
                    cuts.add(at);
                }
                int admitted = assertSame(
                        bytes, cuts.stream().mapToInt(Integer::intValue).toArray());
                if (size == 1) {
                    // Every document holds a string, and each byte of it is a chunk the short path takes first.
                    assertThat(admitted)
                            .as("chunks that took the in-string path")
                            .isPositive();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyCutPositionMatchesTheGeneralPath(String document) {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertSame(bytes, new int[] {cut});
        }
    }

    @ParameterizedTest
    @MethodSource("brokenDocuments")
    void anErrorFailsAtTheSameByteOffsetOnBothPaths(byte[] broken) {
        JsonParseException general = failure(broken, broken.length, JsonLimits.defaults());
        assertThat(general).isNotNull();
        for (int size = 1; size <= 9; size++) {
            assertFailsLike(general, broken, size, JsonLimits.defaults());
        }
    }

    static Stream<byte[]> brokenDocuments() {
        Stream<byte[]> syntax = ShortChunkPathTest.brokenDocuments().map(text -> text.getBytes(StandardCharsets.UTF_8));
        Stream<byte[]> utf8 = Stream.of(
                concat("{\"a\": \"plain then ", new byte[] {(byte) 0xFF}, " bad\"}"),
                concat("{\"a\": \"caf", new byte[] {(byte) 0xC3}, "e split\"}"),
                concat("{\"a\": \"overlong ", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}"),
                concat("{\"a\": \"surrogate ", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}"),
                concat("[\"ends inside a sequence ", new byte[] {(byte) 0xE6, (byte) 0x97}, ""));
        return Stream.concat(syntax, utf8);
    }

    @ParameterizedTest
    @MethodSource("documents")
    void theDocumentLengthLimitCountsBytesOnBothPaths(String document) {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        for (int limit = 1; limit < bytes.length; limit += 3) {
            JsonLimits limits = JsonLimits.builder().maxDocumentLength(limit).build();
            JsonParseException general = failure(bytes, bytes.length, limits);
            assertThat(general).as(document + " limited to " + limit).isInstanceOf(JsonLimitException.class);
            for (int size = 1; size <= 7; size++) {
                assertFailsLike(general, bytes, size, limits);
            }
        }
    }

    @Test
    void theStringLengthLimitHoldsOnTheShortPath() {
        JsonLimits limits = JsonLimits.builder().maxStringLength(10).build();
        byte[] bytes = "{\"a\": \"0123456789x\"}".getBytes(StandardCharsets.UTF_8);
        JsonParseException general = failure(bytes, bytes.length, limits);
        assertThat(general).isInstanceOf(JsonLimitException.class);
        for (int size = 1; size <= 7; size++) {
            assertFailsLike(general, bytes, size, limits);
        }
    }

    @Test
    void theStringLengthLimitHoldsAtEveryLengthAroundIt() {
        for (StringsAroundTheLimit.Case c : StringsAroundTheLimit.cases()) {
            byte[] bytes = c.document().getBytes(StandardCharsets.UTF_8);
            JsonParseException general = failure(bytes, bytes.length, c.limits());
            assertThat(general == null).as(c.toString()).isEqualTo(c.fits());
            for (int size = 1; size <= 7; size++) {
                if (c.fits()) {
                    assertThat(failure(bytes, size, c.limits()))
                            .as(c + " in chunks of " + size)
                            .isNull();
                } else {
                    assertThat(general).isInstanceOf(JsonLimitException.class);
                    assertFailsLike(general, bytes, size, c.limits());
                }
            }
        }
    }

    @Test
    void feed_bytesInsideAStringAfterAFailure_areRefused() {
        PartialJsonParser parser = PartialJsonParser.strict();
        byte[] bytes = "{\"a\": \"x\u0001".getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, 8); // opens the string
        assertThatThrownBy(() -> parser.feed(bytes, 8, 1)).isInstanceOf(JsonSyntaxException.class);
        assertThatThrownBy(() -> parser.feed(bytes, 7, 1)).isInstanceOf(IllegalStateException.class);
        assertThat(parser.snapshot()).map(PartialValue::toJson).contains("{\"a\":\"x\"}");
    }

    @Test
    void feed_bytesInsideAStringAfterFinish_areRefused() {
        PartialJsonParser parser = PartialJsonParser.strict();
        byte[] bytes = "{\"a\": \"xy".getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, 8);
        assertThatThrownBy(parser::finish).isInstanceOf(JsonIncompleteException.class);
        assertThatThrownBy(() -> parser.feed(bytes, 8, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void feed_bytesInsideAStringStartedAsText_areRefused() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"a\": \"x");
        assertThatThrownBy(() -> parser.feed(new byte[] {'y'}, 0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("either text or bytes");
        assertThat(parser.snapshot()).map(PartialValue::toJson).contains("{\"a\":\"x\"}");
    }

    @ParameterizedTest
    @MethodSource("documents")
    void lenientModeMatchesTheGeneralPath(String document) {
        byte[] chatty =
                ("Here you go:\n```json\n" + document + "\n```\n  and \"more\" {").getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size <= 9; size++) {
            PartialJsonParser chunked = PartialJsonParser.lenient();
            for (int from = 0; from < chatty.length; from += size) {
                int to = Math.min(chatty.length, from + size);
                chunked.feed(chatty, from, to - from);
                PartialJsonParser whole = PartialJsonParser.lenient();
                whole.feed(chatty, 0, to);
                assertThat(chunked.current())
                        .as("after %d bytes in chunks of %d", to, size)
                        .satisfies(value -> assertThat(value == null ? null : value.toJson())
                                .isEqualTo(whole.snapshot()
                                        .map(PartialValue::toJson)
                                        .orElse(null)));
            }
            PartialJsonParser whole = PartialJsonParser.lenient();
            whole.feed(chatty, 0, chatty.length);
            assertThat(chunked.finish().toJson()).isEqualTo(whole.finish().toJson());
        }
    }

    @Test
    void lenientMode_invalidUtf8AfterTheValue_isIgnoredHoweverItIsCut() {
        byte[] bytes = concat("{\"k\": \"v\"} ", new byte[] {(byte) 0xFF, (byte) 0xC3}, " trailing");
        for (int cut = 0; cut <= bytes.length; cut++) {
            PartialJsonParser parser = PartialJsonParser.lenient();
            parser.feed(bytes, 0, cut);
            parser.feed(bytes, cut, bytes.length - cut);
            assertThat(parser.finish().toJson()).as("cut at %d", cut).isEqualTo("{\"k\":\"v\"}");
        }
        PartialJsonParser strict = PartialJsonParser.strict();
        assertThatThrownBy(() -> strict.feed(bytes, 0, bytes.length))
                .isInstanceOf(JsonSyntaxException.class)
                .satisfies(e -> assertThat(((JsonSyntaxException) e).offset()).isEqualTo(11));
    }

    @Test
    void finish_ofTruncatedUtf8_reportsTheEndInBytes() {
        byte[] bytes = "[\"\u65e5\u672c\u8a9e".getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size <= bytes.length; size++) {
            PartialJsonParser parser = PartialJsonParser.strict();
            for (int from = 0; from < bytes.length; from += size) {
                parser.feed(bytes, from, Math.min(size, bytes.length - from));
            }
            assertThatThrownBy(parser::finish)
                    .isInstanceOf(JsonIncompleteException.class)
                    .satisfies(e -> {
                        JsonIncompleteException incomplete = (JsonIncompleteException) e;
                        assertThat(incomplete.offset()).isEqualTo(11);
                        assertThat(incomplete.column()).isEqualTo(6);
                        assertThat(incomplete.partial().toJson()).isEqualTo("[\"\u65e5\u672c\u8a9e\"]");
                    });
        }
        PartialJsonParser bom = PartialJsonParser.strict();
        byte[] afterBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '['};
        bom.feed(afterBom, 0, afterBom.length);
        assertThatThrownBy(bom::finish)
                .isInstanceOf(JsonIncompleteException.class)
                .satisfies(
                        e -> assertThat(((JsonIncompleteException) e).offset()).isEqualTo(4));
    }

    @Test
    void finish_withASequenceCutOffAtTheEnd_reportsItsFirstByte() {
        assertCutOffAt(concat("12", new byte[] {(byte) 0xC3}, ""), 2);
        assertCutOffAt(concat("{\"a\":\"\u00e9\"}", new byte[] {(byte) 0xC3}, ""), 10);
        assertCutOffAt(concat("\"\u00e9\u00e9\u00e9\"", new byte[] {(byte) 0xE2, (byte) 0x82}, ""), 8);
    }

    private static void assertCutOffAt(byte[] bytes, long offset) {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed(bytes, 0, bytes.length);
        assertThatThrownBy(parser::finish)
                .isInstanceOf(JsonSyntaxException.class)
                .satisfies(e -> assertThat(((JsonSyntaxException) e).offset()).isEqualTo(offset));
    }

    /**
     * Feeds {@code bytes} cut at {@code cuts} and compares every step with a fresh parser fed the prefix whole.
     * Returns how many of the chunks the parser took through the in-string path first.
     */
    private static int assertSame(byte[] bytes, int[] cuts) {
        PartialJsonParser chunked = PartialJsonParser.strict();
        List<Optional<PartialValue>> snapshots = new ArrayList<>();
        int admitted = 0;
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : bytes.length;
            if (chunked.takesAsciiPath(to - from)) {
                admitted++;
            }
            chunked.feed(bytes, from, to - from);
            Optional<PartialValue> snapshot = chunked.snapshot();
            PartialJsonParser whole = PartialJsonParser.strict();
            whole.feed(bytes, 0, to);
            String where = "after bytes [" + from + ", " + to + ") of " + new String(bytes, StandardCharsets.UTF_8);
            assertThat(snapshot.map(PartialValue::toJson))
                    .as(where)
                    .isEqualTo(whole.snapshot().map(PartialValue::toJson));
            assertThat(chunked.activePath()).as(where).isEqualTo(whole.activePath());
            assertThat(chunked.snapshot()).as("same instance, " + where).isSameAs(snapshot);
            assertThat(chunked.current()).as(where).isSameAs(snapshot.orElse(null));
            if (to == from) {
                assertThat(chunked.completedPaths()).as(where).isEmpty();
            }
            snapshots.add(snapshot);
            from = to;
        }
        if (!new String(bytes, StandardCharsets.UTF_8).contains("a repeated key")) {
            Monotonicity.assertGrows(snapshots);
        }
        PartialJsonParser whole = PartialJsonParser.strict();
        whole.feed(bytes, 0, bytes.length);
        assertThat(chunked.finish().toJson()).isEqualTo(whole.finish().toJson());
        return admitted;
    }

    private static void assertFailsLike(JsonParseException general, byte[] bytes, int size, JsonLimits limits) {
        JsonParseException e = failure(bytes, size, limits);
        String what = new String(bytes, StandardCharsets.UTF_8) + " in chunks of " + size;
        assertThat(e).as(what).isNotNull();
        assertThat(e.getClass()).as(what).isEqualTo(general.getClass());
        assertThat(e.offset()).as(what).isEqualTo(general.offset());
        assertThat(e.line()).as(what).isEqualTo(general.line());
        assertThat(e.column()).as(what).isEqualTo(general.column());
        assertThat(e.getMessage()).as(what).isEqualTo(general.getMessage());
    }

    private static JsonParseException failure(byte[] bytes, int size, JsonLimits limits) {
        PartialJsonParser parser = PartialJsonParser.builder().limits(limits).build();
        try {
            for (int from = 0; from < bytes.length; from += size) {
                parser.feed(bytes, from, Math.min(size, bytes.length - from));
                parser.snapshot();
            }
            parser.finish();
            return null;
        } catch (JsonParseException e) {
            return e;
        }
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        return TestBytes.concat(
                before.getBytes(StandardCharsets.UTF_8), middle, after.getBytes(StandardCharsets.UTF_8));
    }
}
