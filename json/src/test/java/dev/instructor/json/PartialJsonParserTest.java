package dev.instructor.json;

import static dev.instructor.json.ChunkFeeder.feedChars;
import static dev.instructor.json.ChunkFeeder.feedUtf8;
import static dev.instructor.json.ChunkFeeder.renders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The visible-value rules of {@link PartialJsonParser} in strict mode. Each rule runs at every chunk size of
 * {@link ChunkFeeder#chunkSizes()}: fed one char at a time the parser must show exactly the listed states; fed in
 * bigger chunks it shows some of them, in order, ending with the last.
 */
class PartialJsonParserTest {

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_objectShowsMemberOnceValueStarts(int size) {
        assertShows(
                size,
                "{\"title\":\"Hi\",\"n\":32}",
                "{}",
                "{\"title\":\"\"}",
                "{\"title\":\"H\"}",
                "{\"title\":\"Hi\"}",
                "{\"title\":\"Hi\",\"n\":32}");
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_numbersAndLiteralsShownOnlyWhenComplete(int size) {
        assertShows(
                size,
                "[32, -1.5e3,true,false,null]",
                "[]",
                "[32]",
                "[32,-1.5e3]",
                "[32,-1.5e3,true]",
                "[32,-1.5e3,true,false]",
                "[32,-1.5e3,true,false,null]");
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_arrayShowsItemThatHasStarted(int size) {
        assertShows(
                size,
                "[{\"title\":\"A\"},{\"title\":\"B\"}]",
                "[]",
                "[{}]",
                "[{\"title\":\"\"}]",
                "[{\"title\":\"A\"}]",
                "[{\"title\":\"A\"},{}]",
                "[{\"title\":\"A\"},{\"title\":\"\"}]",
                "[{\"title\":\"A\"},{\"title\":\"B\"}]");
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_nestedContainersShowAsSoonAsOpened(int size) {
        assertShows(
                size,
                "{\"a\":[[{\"b\":{}}]]}",
                "{}",
                "{\"a\":[]}",
                "{\"a\":[[]]}",
                "{\"a\":[[{}]]}",
                "{\"a\":[[{\"b\":{}}]]}");
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_splitInsideEscape_neverShowsHalfAnEscape(int size) {
        assertShows(
                size,
                "\"a\\u00e9\\n\\\"b\"",
                "\"\"",
                "\"a\"",
                "\"aé\"",
                "\"aé\\n\"",
                "\"aé\\n\\\"\"",
                "\"aé\\n\\\"b\"");
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_escapedSurrogatePair_shownWhole(int size) {
        assertShows(size, "[\"\\ud83d\\ude00!\"]", "[]", "[\"\"]", "[\"😀\"]", "[\"😀!\"]");
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_rawSurrogatePairSplitAcrossChunks_shownWhole(int size) {
        assertShows(size, "\"😀x😀\"", "\"\"", "\"😀\"", "\"😀x\"", "\"😀x😀\"");
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feedBytes_utf8SplitAnywhere(int size) {
        List<String> shown = renders(feedUtf8(PartialJsonParser.strict(), "[\"é日本😀\"]", size));
        assertThat(List.of("[]", "[\"\"]", "[\"é\"]", "[\"é日\"]", "[\"é日本\"]", "[\"é日本😀\"]"))
                .containsSubsequence(shown);
        assertThat(shown).last().isEqualTo("[\"é日本😀\"]");
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_duplicateKey_keepsFirstPositionAndLastValue(int size) {
        // The one exception to growth: the member's value is replaced (the earlier value itself is unchanged).
        assertShowsWithoutGrowthCheck(
                size,
                "{\"a\":1,\"b\":2,\"a\":\"x\"}",
                "{}",
                "{\"a\":1}",
                "{\"a\":1,\"b\":2}",
                "{\"a\":\"\",\"b\":2}",
                "{\"a\":\"x\",\"b\":2}");
    }

    @Test
    void feed_duplicateKey_earlierSnapshotsKeepTheirValue() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"a\":1,\"b\":2,");
        PartialValue before = parser.snapshot().orElseThrow();
        parser.feed("\"a\":[3]}");
        PartialObject after = (PartialObject) parser.finish();
        assertThat(before.toJson()).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(after.keys()).containsExactly("a", "b");
        assertThat(after.get("a").toJson()).isEqualTo("[3]");
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void repeatedKeys_countsEachRepeatOnceItsValueStarts_andEarlierSnapshotsKeepTheirCount(int size) {
        PartialJsonParser parser = PartialJsonParser.strict();
        String text = "{\"a\":1,\"b\":{\"c\":true,\"c\":[1]},\"a\":\"x\",\"d\":null,\"a\":null}";
        List<Integer> counts = new ArrayList<>();
        List<Integer> innerCounts = new ArrayList<>();
        List<PartialObject> shown = new ArrayList<>();
        for (Optional<PartialValue> snapshot : feedChars(parser, text, size)) {
            if (snapshot.orElse(null) instanceof PartialObject object) {
                shown.add(object);
                counts.add(object.repeatedKeys());
                if (object.get("b") instanceof PartialObject inner) {
                    innerCounts.add(inner.repeatedKeys());
                }
            }
        }
        PartialObject root = (PartialObject) parser.finish();
        assertThat(root.repeatedKeys()).isEqualTo(2);
        assertThat(((PartialObject) root.get("b")).repeatedKeys()).isEqualTo(1);
        assertThat(counts).isSorted().endsWith(2);
        assertThat(innerCounts).isSorted().endsWith(1);
        // A snapshot is immutable: the count it reported is the count it still reports.
        for (int i = 0; i < shown.size(); i++) {
            assertThat(shown.get(i).repeatedKeys()).isEqualTo(counts.get(i));
        }
        if (size == 1) {
            assertThat(counts).startsWith(0);
            assertThat(innerCounts).startsWith(0);
            // The repeat is counted as soon as the new value is shown, before it is complete.
            List<String> json = shown.stream().map(PartialValue::toJson).toList();
            int at = json.indexOf("{\"a\":\"\",\"b\":{\"c\":[1]}}");
            assertThat(at).isNotNegative();
            assertThat(counts.get(at)).isEqualTo(1);
        }
    }

    @Test
    void repeatedKeys_zeroForObjectsWithoutRepeats() {
        PartialObject object =
                (PartialObject) finish(PartialJsonParser.strict(), "{\"a\":{\"a\":1},\"b\":[{\"a\":2}]}");
        assertThat(object.repeatedKeys()).isZero();
        assertThat(((PartialObject) object.get("a")).repeatedKeys()).isZero();
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_topLevelNumber_completesOnlyAtWhitespaceOrEnd(int size) {
        PartialJsonParser parser = PartialJsonParser.strict();
        assertThat(feedChars(parser, "-12.5e3", size)).allMatch(Optional::isEmpty);
        assertThat(parser.isComplete()).isFalse();
        assertThat(parser.finish().toJson()).isEqualTo("-12.5e3");
        assertThat(parser.completedPaths()).containsExactly(JsonPointer.root());

        PartialJsonParser spaced = PartialJsonParser.strict();
        feedChars(spaced, "32 ", size);
        assertThat(spaced.isComplete()).isTrue();
        assertThat(spaced.snapshot()).map(PartialValue::toJson).contains("32");
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_everySnapshotGrowsFromThePrevious(int size) {
        String text =
                "{\"ideas\":[{\"title\":\"Tea \\u00e9\",\"tags\":[\"a\",\"b\"],\"n\":1.5},{\"title\":\"x\"}],\"ok\":true}";
        PartialJsonParser parser = PartialJsonParser.strict();
        List<Optional<PartialValue>> snapshots = feedChars(parser, text, size);
        snapshots.add(Optional.of(parser.finish()));
        Monotonicity.assertGrows(snapshots);
    }

    @Test
    void snapshot_nothingVisibleChanged_returnsSameInstance() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"a\":\"x");
        Optional<PartialValue> first = parser.snapshot();
        assertThat(parser.snapshot()).isSameAs(first);
        parser.feed("\\u00"); // half an escape
        assertThat(parser.snapshot()).isSameAs(first);
        parser.feed("e9\", \"b\":1"); // an unfinished number and whitespace
        Optional<PartialValue> second = parser.snapshot();
        assertThat(second).isNotSameAs(first);
        parser.feed("2  ");
        Optional<PartialValue> third = parser.snapshot();
        assertThat(third).isNotSameAs(second);
        parser.feed("\n ");
        assertThat(parser.snapshot()).isSameAs(third);
    }

    @Test
    void current_isTheSnapshotsValueWithoutTheOptional() {
        PartialJsonParser parser = PartialJsonParser.lenient();
        assertThat(parser.current()).isNull();
        parser.feed("Sure! ```json\n");
        assertThat(parser.current()).isNull();
        assertThat(parser.snapshot()).isEmpty();
        parser.feed("{\"a\":\"x");
        PartialValue first = parser.current();
        assertThat(first.toJson()).isEqualTo("{\"a\":\"x\"}");
        assertThat(parser.current()).isSameAs(first);
        Optional<PartialValue> wrapped = parser.snapshot();
        assertThat(wrapped).containsSame(first);
        assertThat(parser.snapshot())
                .as("the same Optional while nothing changed")
                .isSameAs(wrapped);
        parser.feed("y");
        PartialValue second = parser.current(); // taken before snapshot() this time
        assertThat(second).isNotSameAs(first);
        assertThat(parser.snapshot()).containsSame(second).isNotSameAs(wrapped);
        assertThat(parser.current()).isSameAs(second);
    }

    @Test
    void current_afterAFailure_keepsTheLastGoodValue() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("[\"ab\", ");
        PartialValue before = parser.current();
        assertThatThrownBy(() -> parser.feed("]")).isInstanceOf(JsonSyntaxException.class);
        assertThat(parser.current()).isSameAs(before);
        assertThat(parser.snapshot()).containsSame(before);
    }

    @Test
    void snapshot_completedNodeIsSameInstanceInEveryLaterSnapshot() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("[{\"t\":\"a\"},");
        PartialArray early = (PartialArray) parser.snapshot().orElseThrow();
        PartialValue firstItem = early.get(0);
        PartialValue title = ((PartialObject) firstItem).get("t");
        assertThat(firstItem.isComplete()).isTrue();
        parser.feed("{\"t\":\"b");
        PartialArray later = (PartialArray) parser.snapshot().orElseThrow();
        PartialArray done = (PartialArray) finish(parser, "\"}]");
        assertThat(later).isNotSameAs(early);
        assertThat(later.get(0)).isSameAs(firstItem);
        assertThat(done.get(0)).isSameAs(firstItem);
        assertThat(((PartialObject) done.get(0)).get("t")).isSameAs(title);
        assertThat(parser.snapshot()).containsSame(done);
    }

    @Test
    void snapshot_openNodesAreFreshAndEarlierSnapshotsNeverChange() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"a\":{\"b\":\"xy");
        PartialObject first = (PartialObject) parser.snapshot().orElseThrow();
        PartialValue firstInner = first.get("a");
        assertThat(first.get("a")).as("one snapshot answers with one instance").isSameAs(firstInner);
        parser.feed("z");
        PartialObject second = (PartialObject) parser.snapshot().orElseThrow();
        assertThat(second).isNotSameAs(first);
        assertThat(second.get("a")).isNotSameAs(firstInner);
        parser.feed("\"}, \"c\": [1, 2]}");
        assertThat(first.toJson()).isEqualTo("{\"a\":{\"b\":\"xy\"}}");
        assertThat(second.toJson()).isEqualTo("{\"a\":{\"b\":\"xyz\"}}");
        assertThat(first.isComplete()).isFalse();
        assertThat(((PartialString) ((PartialObject) first.get("a")).get("b")).length())
                .isEqualTo(2);
    }

    @Test
    void completedPaths_innermostFirstForTheLastFeed() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"ideas\":[{\"title\":\"A\",\"n\":1");
        assertThat(parser.completedPaths()).containsExactly(JsonPointer.parse("/ideas/0/title"));
        assertThat(parser.activePath()).contains(JsonPointer.parse("/ideas/0/n"));
        parser.feed("},{\"a/b~\":2}], \"x\":");
        assertThat(parser.completedPaths())
                .containsExactly(
                        JsonPointer.parse("/ideas/0/n"),
                        JsonPointer.parse("/ideas/0"),
                        JsonPointer.parse("/ideas/1/a~1b~0"),
                        JsonPointer.parse("/ideas/1"),
                        JsonPointer.parse("/ideas"));
        assertThat(parser.activePath()).contains(JsonPointer.root());
        parser.feed("null}");
        assertThat(parser.completedPaths()).containsExactly(JsonPointer.parse("/x"), JsonPointer.root());
        assertThat(parser.activePath()).isEmpty();
        parser.feed(" ");
        assertThat(parser.completedPaths()).isEmpty();
    }

    @Test
    void activePath_followsTheValueBeingWritten() {
        PartialJsonParser parser = PartialJsonParser.strict();
        assertThat(parser.activePath()).isEmpty();
        parser.feed("{\"list\":[\"a\",\"b");
        assertThat(parser.activePath()).contains(JsonPointer.parse("/list/1"));
        parser.feed("\",");
        assertThat(parser.activePath()).contains(JsonPointer.parse("/list"));
        parser.feed("{\"ke");
        assertThat(parser.activePath())
                .as("a name being written is not a value")
                .contains(JsonPointer.parse("/list/2"));
        parser.feed("y\":tr");
        assertThat(parser.activePath()).contains(JsonPointer.parse("/list/2/key"));
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_invalidChar_reportsPositionAndExpectation(int size) {
        PartialJsonParser parser = PartialJsonParser.strict();
        assertThatThrownBy(() -> feedChars(parser, "{\n  \"a\" 1}", size))
                .isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
                    assertThat(e.offset()).isEqualTo(8);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(7);
                    assertThat(e.expected()).isEqualTo("':'");
                    assertThat(e.found()).isEqualTo("'1'");
                    assertThat(e).hasMessage("Expected ':' but found '1' at offset 8 (line 2, column 7)");
                });
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feedBytes_invalidChar_reportsByteOffset(int size) {
        PartialJsonParser parser = PartialJsonParser.strict();
        assertThatThrownBy(() -> feedUtf8(parser, "[\"é😀\", x]", size))
                .isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
                    assertThat(e.offset()).as("bytes").isEqualTo(11);
                    assertThat(e.column()).as("chars").isEqualTo(9);
                    assertThat(e.expected()).isEqualTo("a JSON value");
                });
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feedBytes_invalidUtf8_reportsOffsetOfTheBadByte(int size) {
        byte[] bytes = {'[', '"', 'a', (byte) 0xC3, 'x', '"', ']'};
        PartialJsonParser parser = PartialJsonParser.strict();
        assertThatThrownBy(() -> ChunkFeeder.feedBytes(parser, bytes, size))
                .isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
                    assertThat(e.offset()).isEqualTo(4);
                    assertThat(e.found()).isEqualTo("byte 0x78");
                });
        assertThat(parser.snapshot()).map(PartialValue::toJson).contains("[\"a\"]");
    }

    @Test
    void feed_afterFailure_refusesInputAndKeepsSnapshot() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"a\":\"xy\",");
        JsonSyntaxException failure = (JsonSyntaxException)
                org.assertj.core.api.Assertions.catchThrowable(() -> parser.feed("\"b\":[1, tru!"));
        assertThat(failure.found()).isEqualTo("'!'");
        assertThat(parser.snapshot()).map(PartialValue::toJson).contains("{\"a\":\"xy\",\"b\":[1]}");
        assertThatThrownBy(() -> parser.feed("e]}"))
                .isInstanceOf(IllegalStateException.class)
                .hasCause(failure);
        assertThatThrownBy(parser::finish).isSameAs(failure);
    }

    @Test
    void finish_truncated_throwsIncompleteWithPartial() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"a\":[\"x\", \"yz");
        assertThatThrownBy(parser::finish).isInstanceOfSatisfying(JsonIncompleteException.class, e -> {
            assertThat(e.partial().toJson()).isEqualTo("{\"a\":[\"x\",\"yz\"]}");
            assertThat(e.expected()).isEqualTo("'\"'");
            assertThat(e.offset()).isEqualTo(14);
        });
    }

    @Test
    void finish_noInput_throwsIncompleteWithoutPartial() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("  \n ");
        assertThatThrownBy(parser::finish).isInstanceOfSatisfying(JsonIncompleteException.class, e -> {
            assertThat(e.partial()).isNull();
            assertThat(e.expected()).isEqualTo("a JSON value");
            assertThat(e.line()).isEqualTo(2);
        });
    }

    @Test
    void finish_twice_returnsSameValue() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("[1]");
        PartialValue value = parser.finish();
        assertThat(parser.finish()).isSameAs(value);
        assertThatThrownBy(() -> parser.feed(" ")).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_strictTrailingContent_isAnError(int size) {
        PartialJsonParser parser = PartialJsonParser.strict();
        assertThatThrownBy(() -> feedChars(parser, "{} \n x", size))
                .isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
                    assertThat(e.expected()).isEqualTo("the end of input");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(2);
                });
        assertThat(parser.snapshot()).map(PartialValue::toJson).contains("{}");
    }

    @Test
    void feed_byteOrderMarkAtStart_isSkipped() {
        PartialJsonParser chars = PartialJsonParser.strict();
        chars.feed("\uFEFF[1]");
        assertThat(chars.finish().toJson()).isEqualTo("[1]");
        byte[] bytes = "\uFEFF{}".getBytes(StandardCharsets.UTF_8);
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed(bytes, 0, 2);
        parser.feed(bytes, 2, bytes.length - 2);
        assertThat(parser.finish().toJson()).isEqualTo("{}");
    }

    @Test
    void feed_textAfterBytes_isRefused() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed(new byte[] {'['}, 0, 1);
        assertThatThrownBy(() -> parser.feed("]")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void feed_stringBuilderChunks_likeStrings() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed(new StringBuilder("[\"a"));
        parser.feed(new StringBuilder("b\"]"));
        assertThat(parser.finish().toJson()).isEqualTo("[\"ab\"]");
    }

    @Test
    void values_exposeTheirContent() {
        PartialObject object = (PartialObject) finish(
                PartialJsonParser.strict(), "{\"s\":\"x\",\"i\":-12,\"d\":1.5e2,\"t\":true,\"z\":null,\"a\":[1]}");
        assertThat(object.keys()).containsExactly("s", "i", "d", "t", "z", "a");
        assertThat(((PartialString) object.get("s")).value()).isEqualTo("x");
        PartialNumber integer = (PartialNumber) object.get("i");
        assertThat(integer.isIntegral()).isTrue();
        assertThat(integer.longValue()).isEqualTo(-12);
        PartialNumber decimal = (PartialNumber) object.get("d");
        assertThat(decimal.isIntegral()).isFalse();
        assertThat(decimal.doubleValue()).isEqualTo(150.0);
        assertThat(decimal.text()).isEqualTo("1.5e2");
        assertThat(((PartialBoolean) object.get("t")).value()).isTrue();
        assertThat(object.get("z").type()).isEqualTo(JsonType.NULL);
        assertThat(((PartialArray) object.get("a")).items()).hasSize(1);
        assertThat(object.get("missing")).isNull();
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void bigIntegerValue_tinyExponent_failsAtOnceInsteadOfComputingAHugePowerOfTen() {
        // Twelve chars of input: rounding them to an integer the long way computes 10^100000000 first.
        PartialArray array =
                (PartialArray) finish(PartialJsonParser.strict(), "[1e-100000000,0e-100000000,25e-1,20e-1]");
        assertThatThrownBy(() -> ((PartialNumber) array.get(0)).bigIntegerValue())
                .isInstanceOf(ArithmeticException.class);
        assertThat(((PartialNumber) array.get(1)).bigIntegerValue()).isEqualTo(BigInteger.ZERO);
        assertThatThrownBy(() -> ((PartialNumber) array.get(2)).bigIntegerValue())
                .isInstanceOf(ArithmeticException.class);
        assertThat(((PartialNumber) array.get(3)).bigIntegerValue()).isEqualTo(BigInteger.TWO);
    }

    @Test
    void integerConversions_exponentBeyondBigDecimal_failAsDocumentedOrGiveZero() {
        PartialArray array = (PartialArray)
                finish(PartialJsonParser.strict(), "[1e2147483648,-1e-2147483649,0.0e99999999999,-0E-99999999999]");
        for (int i = 0; i < 2; i++) {
            PartialNumber number = (PartialNumber) array.get(i);
            assertThatThrownBy(number::longValue).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(number::bigIntegerValue).isInstanceOf(ArithmeticException.class);
        }
        for (int i = 2; i < 4; i++) {
            PartialNumber number = (PartialNumber) array.get(i);
            assertThat(number.longValue()).isZero();
            assertThat(number.bigIntegerValue()).isEqualTo(BigInteger.ZERO);
        }
    }

    private static PartialValue finish(PartialJsonParser parser, String text) {
        parser.feed(text);
        return parser.finish();
    }

    /**
     * Asserts that fed in chunks of {@code size}, {@code text} shows (some of) {@code states} in order, and ends
     * with the last; one char at a time, it shows exactly them.
     */
    static void assertShows(int size, String text, String... states) {
        assertShowsWithoutGrowthCheck(size, text, states);
        PartialJsonParser parser = PartialJsonParser.strict();
        List<Optional<PartialValue>> snapshots = feedChars(parser, text, size);
        snapshots.add(Optional.of(parser.finish()));
        Monotonicity.assertGrows(snapshots);
    }

    private static void assertShowsWithoutGrowthCheck(int size, String text, String... states) {
        PartialJsonParser parser = PartialJsonParser.strict();
        List<Optional<PartialValue>> snapshots = feedChars(parser, text, size);
        List<String> shown = renders(snapshots);
        if (size == 1) {
            assertThat(shown).containsExactly(states);
        } else {
            assertThat(List.of(states)).containsSubsequence(shown);
            assertThat(shown).last().isEqualTo(states[states.length - 1]);
        }
        assertThat(parser.finish().toJson()).isEqualTo(states[states.length - 1]);
    }
}
