package dev.instructor.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The short-chunk fast paths (a {@code String} chunk appended straight to the open string, and the snapshot that
 * follows when only that string grew) against the general state machine: the same cuts fed as {@code String}s and
 * as a {@code StringBuilder} (which never takes the fast path) must show the same snapshots, completed paths, active
 * paths and errors, with a chunk boundary at every position. So must the same cuts fed as ranges of one buffer
 * ({@code feed(text, offset, length)}), whose chars around each range would break the value if they were read.
 */
class ShortChunkPathTest {
    /** Text around the document in the buffers fed by range: a quote, an escape and closing brackets. */
    private static final String AROUND = "\"]}";

    /** How a test hands the document's chunks to a parser. */
    private enum Feed {
        STRING,
        BUILDER,
        STRING_RANGE,
        BUILDER_RANGE;

        void feed(PartialJsonParser parser, String document, int from, int to) {
            switch (this) {
                case STRING -> parser.feed(document.substring(from, to));
                case BUILDER -> parser.feed(new StringBuilder(document.substring(from, to)));
                case STRING_RANGE -> parser.feed(AROUND + document + AROUND, AROUND.length() + from, to - from);
                case BUILDER_RANGE ->
                    parser.feed(
                            new StringBuilder(AROUND).append(document).append(AROUND),
                            AROUND.length() + from,
                            to - from);
            }
        }
    }

    static Stream<String> documents() {
        String long1 = "x".repeat(300);
        return Stream.of(
                "{\"title\": \"A short one\", \"blurb\": \"" + long1 + "\"}",
                "{\"ideas\": [{\"title\": \"caf\u00e9 na\u00efve\", \"blurb\": \"\u65e5\u672c \ud83c\udf75 tea\"},"
                        + " {\"title\": \"two\", \"blurb\": \"" + long1 + "\"}, {\"title\": \"three\"}]}",
                "{\"s\": \"esc \\n \\\" \\\\ \\/ \\u00e8 \\ud83c\\udf75 \\t end\", \"n\": -12.5e3, \"b\": true}",
                "[\"a\", \"\", \"\ud83c\udf75\ud83c\udf75\", \"" + long1 + "\", \"b\", \"" + long1 + long1
                        + "\", null]",
                "\"a top-level string with \\\"quotes\\\" and \ud83c\udf75\"",
                "{\"k\": \"v\", \"k\": \"again, a repeated key\", \"longer key name than most\": [1, \"x\"]}",
                "{\n  \"pretty\": [\n    {\n      \"a\": \"b\"\n    }\n  ]\n}\n",
                // Whitespace around every token, escapes of every kind, strings in arrays.
                "{\r\n\t\"a\" \t: \r\n \"x\\by\\fz\\r\\u0041\\u00E8\\uD83C\\uDF75\" ,\n \"list\" : [ \"p\" , \"q\" ,\"\" ],"
                        + " \"o\": {}, \"e\": [], \"k\\\"ey\\u0020\": \"v  w\"  }  \n  ",
                "[ \"\\\\\\\\\", \"\\\"\\\"\", \"\\/\\n\\t\" , 1 , \"a\" ]",
                // Escapes back to back and between plain text, in a value and in a member name.
                "{\"k\\u00e9\\n\": \"a\\nb\\\"c\\u00e8d\\u00E8\\\\\\/e\\b\\f\\r\\t\\u0000\\uD83C\\uDF75\\n\\n\\u0041\"}");
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyCutPositionMatchesTheGeneralPath(String document) {
        for (int cut = 0; cut <= document.length(); cut++) {
            assertSame(document, new int[] {cut});
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyChunkSizeMatchesTheGeneralPath(String document) {
        for (int size = 1; size <= 18; size++) {
            List<Integer> cuts = new ArrayList<>();
            for (int at = size; at < document.length(); at += size) {
                cuts.add(at);
            }
            int admitted = assertSame(
                    document, cuts.stream().mapToInt(Integer::intValue).toArray());
            if (size == 1) {
                // Every document holds a string, and each char of it is a chunk the short path takes.
                assertThat(admitted).as("chunks that took the in-string path").isPositive();
            }
            // The same sizes shifted by one, so that every chunk starts one char later.
            List<Integer> shifted = new ArrayList<>();
            for (int at = 1; at < document.length(); at += size) {
                shifted.add(at);
            }
            assertSame(document, shifted.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void longerChunksMatchTheGeneralPath(String document) {
        // Longer than the short path takes, inside strings whose buffers have room for them.
        for (int size : new int[] {17, 40, 65, 100, 300}) {
            String twice = "[" + document + ", " + document + "]";
            List<Integer> cuts = new ArrayList<>();
            for (int at = 3; at < twice.length(); at += size) {
                cuts.add(at);
            }
            assertSame(twice, cuts.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    @Test
    void feed_longChunkInsideARoomyString_matchesTheGeneralPath() {
        // Short chunks only, so that no long one has grown the scratch window, then a long chunk that ends the
        // second string (whose buffer is sized after the first one's 300 chars) and goes on past it.
        StringBuilder document = new StringBuilder("[\"");
        List<Integer> cuts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            cuts.add(document.length());
            document.append("z".repeat(10));
        }
        cuts.add(document.length());
        document.append("\", \"");
        cuts.add(document.length());
        document.append("x".repeat(10));
        cuts.add(document.length());
        document.append("y".repeat(5)).append("\", ").append(" ".repeat(80)).append("1]");
        assertSame(
                document.toString(), cuts.stream().mapToInt(Integer::intValue).toArray());
    }

    @ParameterizedTest
    @MethodSource("documents")
    void aControlCharFailsAtTheSameOffsetOnBothPaths(String document) {
        // A raw control char inside the first string value (or the top-level string), after its first char.
        int value = document.indexOf("\": \"");
        int at = value < 0 ? 3 : value + 5;
        String broken = document.substring(0, at) + "\u0001" + document.substring(at);
        for (int size = 1; size <= 7; size++) {
            assertFailsAlike(broken, size, JsonLimits.defaults());
        }
    }

    static Stream<String> brokenDocuments() {
        return Stream.of(
                "{\"a\": \"bad \\x escape\"}",
                // Chars past ASCII whose low seven bits name an escape: î (0xEE) as n (0x6E), Ģ (0x122) as a quote.
                "{\"a\": \"bad \\\u00ee escape\"}",
                "{\"a\": \"bad \\\u0122 escape\"}",
                "{\"a\": \"two \\n then bad \\q escape\"}",
                "{\"a\": \"bad \\u00g1 hex\"}",
                "{\"a\": \"bad \\uABC\"}",
                "{\"a\": \"raw\ttab\"}",
                "{\"a\": \"raw\nnewline\"}",
                "{\n  \"a\"  \"b\"}",
                "{\n  \"a\": \"b\"  \"c\"}",
                "[\n  \"a\" ,\n  ,\"b\"]",
                "{\n  \"a\": \"b\",\n  }",
                "{\"a\": \"b\"}\n  \n x",
                "{\"a\": \"b\"}  \"c\"",
                "{\"\\u0041\": 1,\n \"b\": tru }");
    }

    @ParameterizedTest
    @MethodSource("brokenDocuments")
    void anErrorFailsAtTheSameOffsetOnBothPaths(String broken) {
        for (int size = 1; size <= 18; size++) {
            assertFailsAlike(broken, size, JsonLimits.defaults());
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void lenientModeMatchesTheGeneralPath(String document) {
        String chatty = "Here you go:\n```json\n" + document + "\n```\n  and \"more\" {";
        for (int size = 1; size <= 18; size++) {
            PartialJsonParser fast = PartialJsonParser.lenient();
            PartialJsonParser general = PartialJsonParser.lenient();
            for (int from = 0; from < chatty.length(); from += size) {
                String chunk = chatty.substring(from, Math.min(chatty.length(), from + size));
                fast.feed(chunk);
                general.feed(new StringBuilder(chunk));
                assertThat(fast.snapshot().map(PartialValue::toJson))
                        .isEqualTo(general.snapshot().map(PartialValue::toJson));
            }
            assertThat(fast.finish().toJson()).isEqualTo(general.finish().toJson());
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void theDocumentLengthLimitFailsAtTheSameOffsetOnBothPaths(String document) {
        for (int limit = 1; limit < document.length(); limit += 3) {
            JsonLimits limits = JsonLimits.builder().maxDocumentLength(limit).build();
            for (int size = 1; size <= 7; size++) {
                assertThat(assertFailsAlike(document, size, limits))
                        .as(document + " limited to " + limit)
                        .isInstanceOf(JsonLimitException.class);
            }
        }
    }

    @Test
    void theStringLengthLimitHoldsAtEveryLengthAroundIt() {
        for (StringsAroundTheLimit.Case c : StringsAroundTheLimit.cases()) {
            for (int size = 1; size <= 7; size++) {
                if (c.fits()) {
                    assertThat(failure(c.document(), size, Feed.STRING, c.limits()))
                            .as(c + " in chunks of " + size)
                            .isNull();
                } else {
                    assertThat(assertFailsAlike(c.document(), size, c.limits()))
                            .as(c.toString())
                            .isInstanceOf(JsonLimitException.class);
                }
            }
        }
    }

    @Test
    void snapshotsKeepTheirTextWhileLaterChunksAreStoredAfterIt() {
        // Chunks are stored up to six chars at a time in the buffer that earlier snapshots share, beyond what they
        // show: what each snapshot shows must not change afterwards.
        String document = "{\"a\": \"" + "0123456789".repeat(30) + "\", \"b\": [\"" + "xyz".repeat(40) + "\"]}";
        Random random = new Random(11);
        PartialJsonParser parser = PartialJsonParser.strict();
        List<PartialValue> snapshots = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (int from = 0; from < document.length(); ) {
            int to = Math.min(document.length(), from + 1 + random.nextInt(6));
            parser.feed(document.substring(from, to));
            PartialValue snapshot = parser.current();
            if (snapshot != null) {
                snapshots.add(snapshot);
                shown.add(snapshot.toJson());
            }
            from = to;
        }
        for (int i = 0; i < snapshots.size(); i++) {
            assertThat(snapshots.get(i).toJson()).as("snapshot " + i).isEqualTo(shown.get(i));
        }
    }

    @Test
    void feed_rangeOutsideTheText_throwsAndChangesNothing() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"a\": \"x");
        assertThatThrownBy(() -> parser.feed("yz", 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> parser.feed("yz", -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> parser.feed(new StringBuilder("yz"), 0, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(parser.snapshot().map(PartialValue::toJson)).contains("{\"a\":\"x\"}");
        parser.feed("yz\"}", 1, 3);
        parser.feed("", 0, 0);
        assertThat(parser.finish().toJson()).isEqualTo("{\"a\":\"xz\"}");
    }

    @Test
    void feed_rangesLongerThanTheWindow_readOnlyTheirChars() {
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 2000; i++) {
            items.append(i == 0 ? "" : ", ").append("\"item ").append(i).append(" caf\u00e9 \\n \ud83c\udf75\"");
        }
        String document = items.append("]").toString();
        String around = AROUND + document + AROUND;
        for (int size : new int[] {8191, 8192, 8193, 20000}) {
            PartialJsonParser parser = PartialJsonParser.strict();
            for (int from = 0; from < document.length(); from += size) {
                int length = Math.min(size, document.length() - from);
                parser.feed(around, AROUND.length() + from, length);
            }
            assertThat(parser.finish().toJson()).as("ranges of " + size).isEqualTo(parseWhole(document));
        }
    }

    private static String parseWhole(String document) {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed(document);
        return parser.finish().toJson();
    }

    @Test
    void feed_insideAStringAfterAFailure_isRefused() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"a\": \"x");
        assertThatThrownBy(() -> parser.feed("y\u0001")).isInstanceOf(JsonSyntaxException.class);
        assertThatThrownBy(() -> parser.feed("z")).isInstanceOf(IllegalStateException.class);
        assertThat(parser.snapshot().map(PartialValue::toJson)).contains("{\"a\":\"xy\"}");
    }

    @Test
    void feed_insideAStringAfterFinish_isRefused() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"a\": \"x");
        assertThatThrownBy(parser::finish).isInstanceOf(JsonIncompleteException.class);
        assertThatThrownBy(() -> parser.feed("z")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void feed_textInsideAStringStartedAsBytes_isRefused() {
        PartialJsonParser parser = PartialJsonParser.strict();
        byte[] bytes = "{\"a\": \"x".getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length);
        assertThatThrownBy(() -> parser.feed("z")).isInstanceOf(IllegalStateException.class);
    }

    /**
     * Feeds the document in chunks of {@code size} every way, asserts that each feed fails with the same error as
     * the general path, and returns that error.
     */
    private static JsonParseException assertFailsAlike(String document, int size, JsonLimits limits) {
        JsonParseException general = failure(document, size, Feed.BUILDER, limits);
        assertThat(general).as(document + " in chunks of " + size).isNotNull();
        for (Feed feed : Feed.values()) {
            JsonParseException e = failure(document, size, feed, limits);
            assertThat(e)
                    .as(document + " in chunks of " + size + " fed as " + feed)
                    .isNotNull();
            assertThat(e.getClass()).isEqualTo(general.getClass());
            assertThat(e.offset()).isEqualTo(general.offset());
            assertThat(e.line()).isEqualTo(general.line());
            assertThat(e.column()).isEqualTo(general.column());
            assertThat(e.getMessage()).isEqualTo(general.getMessage());
        }
        return general;
    }

    private static JsonParseException failure(String document, int size, Feed feed, JsonLimits limits) {
        PartialJsonParser parser = PartialJsonParser.builder().limits(limits).build();
        try {
            for (int from = 0; from < document.length(); from += size) {
                feed.feed(parser, document, from, Math.min(document.length(), from + size));
                parser.snapshot();
            }
            parser.finish();
            return null;
        } catch (JsonParseException e) {
            return e;
        }
    }

    /**
     * Feeds the document cut at {@code cuts} both ways and compares what each step shows. Returns how many of the
     * chunks the fast parser took through the in-string path.
     */
    private static int assertSame(String document, int[] cuts) {
        PartialJsonParser fast = PartialJsonParser.strict();
        PartialJsonParser general = PartialJsonParser.strict();
        PartialJsonParser stringRanges = PartialJsonParser.strict();
        PartialJsonParser builderRanges = PartialJsonParser.strict();
        List<Optional<PartialValue>> snapshots = new ArrayList<>();
        int admitted = 0;
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : document.length();
            String chunk = document.substring(from, to);
            if (fast.takesPlainPath(chunk.length())) {
                admitted++;
            }
            fast.feed(chunk);
            general.feed(new StringBuilder(chunk));
            Feed.STRING_RANGE.feed(stringRanges, document, from, to);
            Feed.BUILDER_RANGE.feed(builderRanges, document, from, to);
            Optional<PartialValue> snapshot = fast.snapshot();
            Optional<PartialValue> expected = general.snapshot();
            String where = "after chunk " + i + " ending at " + to + " of " + document;
            assertThat(snapshot.map(PartialValue::toJson)).as(where).isEqualTo(expected.map(PartialValue::toJson));
            for (PartialJsonParser ranges : List.of(stringRanges, builderRanges)) {
                assertThat(ranges.snapshot().map(PartialValue::toJson))
                        .as("fed by range, " + where)
                        .isEqualTo(expected.map(PartialValue::toJson));
                assertThat(ranges.completedPaths()).as(where).isEqualTo(general.completedPaths());
                assertThat(ranges.activePath()).as(where).isEqualTo(general.activePath());
            }
            assertThat(fast.snapshot())
                    .as("same instance when nothing changed, " + where)
                    .isSameAs(snapshot);
            assertThat(fast.current()).as(where).isSameAs(snapshot.orElse(null));
            assertThat(fast.completedPaths()).as(where).isEqualTo(general.completedPaths());
            assertThat(fast.activePath()).as(where).isEqualTo(general.activePath());
            assertThat(walk(snapshot)).as(where).isEqualTo(walk(expected));
            snapshots.add(snapshot);
            from = to;
        }
        if (!document.contains("a repeated key")) {
            Monotonicity.assertGrows(snapshots); // a repeated key replaces a complete value, by design
        }
        String complete = general.finish().toJson();
        assertThat(fast.finish().toJson()).isEqualTo(complete);
        assertThat(stringRanges.finish().toJson()).isEqualTo(complete);
        assertThat(builderRanges.finish().toJson()).isEqualTo(complete);
        return admitted;
    }

    /** Renders the open path from the root down, node by node, as a typed consumer walks it. */
    private static List<String> walk(Optional<PartialValue> snapshot) {
        List<String> path = new ArrayList<>();
        PartialValue node = snapshot.orElse(null);
        while (node != null) {
            path.add(node.type() + (node.isComplete() ? "" : "~") + ":" + node.toJson());
            if (node.isComplete()) {
                break;
            }
            if (node instanceof PartialObject object && object.size() > 0) {
                node = object.valueAt(object.size() - 1);
            } else if (node instanceof PartialArray array && array.size() > 0) {
                node = array.get(array.size() - 1);
            } else {
                node = null;
            }
        }
        return path;
    }
}
