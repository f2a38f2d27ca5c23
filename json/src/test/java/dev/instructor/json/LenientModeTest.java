package dev.instructor.json;

import static dev.instructor.json.ChunkFeeder.feedChars;
import static dev.instructor.json.ChunkFeeder.renders;
import static dev.instructor.json.TestBytes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Lenient mode: the first value is found inside prose and markdown fences, and what follows it is ignored. */
class LenientModeTest {

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_proseWithoutFence_startsAtFirstBracket(int size) {
        PartialJsonParser parser = PartialJsonParser.lenient();
        feedChars(parser, "The answer is [1, {\"a\": null}] as requested. ]]} garbage", size);
        assertThat(parser.finish().toJson()).isEqualTo("[1,{\"a\":null}]");
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_thinkingTagsInAnyCase_andTheLongName_areSkipped(int size) {
        PartialJsonParser upper = PartialJsonParser.lenient();
        feedChars(upper, "Sure. <THINK>{x}</Think> [1, 2]", size);
        assertThat(upper.finish().toJson()).isEqualTo("[1,2]");

        PartialJsonParser longName = PartialJsonParser.lenient();
        feedChars(longName, "<<thinking>{\"a\": 1} </think> [0]</thinking>{\"a\": 2}", size);
        assertThat(longName.finish().toJson()).isEqualTo("{\"a\":2}");
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_bracketsInProseNotFollowedByJson_stayProse(int size) {
        PartialJsonParser parser = PartialJsonParser.lenient();
        List<Optional<PartialValue>> snapshots =
                feedChars(parser, "Ideas for {topic} and [your list],\n{ \n\"a\": [ \n1]} ...", size);
        assertThat(parser.finish().toJson()).isEqualTo("{\"a\":[1]}");
        assertThat(renders(snapshots)).isNotEmpty().allMatch(json -> json.startsWith("{"));
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_bracketThatMayStartJson_startsTheValue(int size) {
        for (String start :
                List.of("[]", "[ \"a\"]", "[{}]", "[[]]", "[-1]", "[0]", "[true]", "[false]", "[null]", "{}")) {
            PartialJsonParser parser = PartialJsonParser.lenient();
            feedChars(parser, "See " + start + " and {\"not\": \"this\"}", size);
            assertThat(parser.finish().toJson()).as(start).isEqualTo(start.replace(" ", ""));
        }
    }

    @Test
    void finish_onlyBracketsInProse_namesTheFirstOneAndWhatFollowedIt() {
        PartialJsonParser parser = PartialJsonParser.lenient();
        parser.feed("Sure:\n  {title: 'x'} [y]");
        assertThatThrownBy(parser::finish).isInstanceOfSatisfying(JsonIncompleteException.class, e -> {
            assertThat(e.partial()).isNull();
            assertThat(e.expected())
                    .isEqualTo("a JSON object or array (the '{' at line 2, column 3 was followed by 't', so it was read"
                            + " as prose)");
        });
    }

    @Test
    void finish_rightAfterABracketInProse_namesTheBracket() {
        PartialJsonParser parser = PartialJsonParser.lenient();
        parser.feed("Here:\n {  ");
        assertThatThrownBy(parser::finish).isInstanceOfSatisfying(JsonIncompleteException.class, e -> {
            assertThat(e.partial()).isNull();
            assertThat(e.expected()).isEqualTo("'\"' or '}' after the '{' at line 2, column 2");
        });
    }

    @Test
    void feed_tagsThatAreNotThinking_leaveTheValueWhereItWas() {
        PartialJsonParser parser = PartialJsonParser.lenient();
        parser.feed("<thinker> <thin> {\"a\": 1}");
        assertThat(parser.finish().toJson()).isEqualTo("{\"a\":1}");
    }

    /** A backtick inside what looks like a tag breaks it, as any other char does: no block opens, nothing is lost. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void feed_backtickInsideATag_isNotAThinkingBlock(int size) {
        for (String prose : List.of("<thi`nk>", "<`think>", "<think``>", "<thinking`>")) {
            PartialJsonParser parser = PartialJsonParser.lenient();
            feedChars(parser, prose + " {\"a\": 1}", size);
            assertThat(parser.finish().toJson()).as(prose).isEqualTo("{\"a\":1}");
        }
    }

    /**
     * An answer cut off while the model thinks (its token limit reached) ends inside the block: the error names the
     * closing tag awaited and where the block opened, and says where the input ended, in bytes for UTF-8.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void finish_insideThinkingBlock_namesTheClosingTagAndWhereTheBlockOpened(int size) {
        String answer = "Caf\u00e9.\r\n  <think>\nI will answer {\"a\": 1}";
        for (boolean utf8 : new boolean[] {false, true}) {
            PartialJsonParser parser = PartialJsonParser.lenient();
            ChunkFeeder.feed(parser, answer, size, utf8);
            assertThatThrownBy(parser::finish)
                    .as("utf8 %s", utf8)
                    .isInstanceOfSatisfying(JsonIncompleteException.class, e -> {
                        assertThat(e.partial()).isNull();
                        assertThat(e.expected())
                                .isEqualTo(
                                        "'</think>' to close the block opened at line 2, column 3, then a JSON object"
                                                + " or array");
                        assertThat(e.offset())
                                .isEqualTo(utf8 ? answer.getBytes(StandardCharsets.UTF_8).length : answer.length());
                        assertThat(e.line()).isEqualTo(3);
                        assertThat(e.column()).isEqualTo(answer.length() - answer.lastIndexOf('\n'));
                    });
            assertThat(parser.snapshot()).isEmpty();
        }
    }

    @Test
    void strictMode_thinkingBlock_isAnError() {
        assertThatThrownBy(() -> PartialJsonParser.strict().feed("<think></think>{}"))
                .isInstanceOf(JsonSyntaxException.class);
    }

    @Test
    void feedBytes_invalidUtf8AfterValue_isIgnored() {
        byte[] before = "ok: {\"a\":1}".getBytes(StandardCharsets.UTF_8);
        PartialJsonParser parser = PartialJsonParser.lenient();
        parser.feed(before, 0, before.length);
        parser.feed(new byte[] {(byte) 0xFF, (byte) 0xC3}, 0, 2);
        assertThat(parser.finish().toJson()).isEqualTo("{\"a\":1}");
    }

    /**
     * Prose with invalid UTF-8 before the value: a stray continuation byte, a lead byte never valid, a sequence cut
     * short by the {@code [} that follows it (which must still start the value), an overlong form, an encoded
     * surrogate, and a truncated sequence in a fence's info line.
     */
    private static final byte[] INVALID_PROSE = concat(
            bytes("R\u00e9sum\u00e9 "),
            new byte[] {(byte) 0x80, ' ', (byte) 0xFF, ' ', (byte) 0xC0, (byte) 0x80, ' '},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, ' ', (byte) 0xE2, (byte) 0x82},
            bytes("\n```js"),
            new byte[] {(byte) 0xF0, (byte) 0x9F},
            bytes("on\n"));

    @Test
    void feedBytes_invalidUtf8InProse_isSkipped_atEveryCut() {
        byte[] document = concat(INVALID_PROSE, bytes("[\"caf\u00e9 \ud83c\udf75\", 2]\n```"));
        for (int cut = 0; cut <= document.length; cut++) {
            PartialJsonParser parser = PartialJsonParser.lenient();
            feedInTwo(parser, document, cut);
            assertThat(parser.finish().toJson()).as("cut at %d", cut).isEqualTo("[\"caf\u00e9 \ud83c\udf75\",2]");
        }
        for (int size = 1; size <= 4; size++) {
            PartialJsonParser parser = PartialJsonParser.lenient();
            ChunkFeeder.feedBytes(parser, document, size);
            assertThat(parser.finish().toJson()).as("chunks of %d", size).isEqualTo("[\"caf\u00e9 \ud83c\udf75\",2]");
        }
    }

    @Test
    void feedBytes_cutShortSequenceBeforeBracket_theBracketStartsTheValue() {
        PartialJsonParser parser = PartialJsonParser.lenient();
        byte[] document = {'x', (byte) 0xE2, (byte) 0x82, '[', '1', ']'};
        parser.feed(document, 0, document.length);
        assertThat(parser.finish().toJson()).isEqualTo("[1]");
    }

    @Test
    void feedBytes_errorAfterInvalidProse_reportsItsByteOffsetAndColumn_atEveryCut() {
        // The value's error is at the 'x': its byte offset counts every byte before it, its column one per invalid
        // sequence and one per char of the line.
        byte[] prose = {'a', (byte) 0xFF, (byte) 0xE2, (byte) 0x82, 'b', ' ', (byte) 0xC3, (byte) 0xA9, ' '};
        byte[] document = concat(prose, bytes("{\"k\": x}"));
        int offset = prose.length + 6;
        failsAtEveryCut(document, (parser, e) -> {
            assertThat(e.offset()).isEqualTo(offset);
            assertThat(e.line()).isEqualTo(1);
            // a, FFFD, FFFD, b, space, é, space: 7 columns before the value's 6 chars up to the 'x'
            assertThat(e.column()).isEqualTo(7 + 6 + 1);
            assertThat(e.found()).contains("x");
        });
    }

    @Test
    void feedBytes_invalidUtf8InsideValue_isStillAnError_atEveryCut() {
        byte[] document = concat(new byte[] {'o', 'k', (byte) 0xFF, ' '}, bytes("[\"a"), new byte[] {(byte) 0xC3, 'x'});
        failsAtEveryCut(document, (parser, e) -> {
            assertThat(e.offset()).isEqualTo(8);
            assertThat(e.expected()).isEqualTo("a UTF-8 continuation byte");
            assertThat(parser.snapshot().orElseThrow().toJson()).isEqualTo("[\"a\"]");
        });
    }

    @Test
    void feedBytes_invalidUtf8AfterTopLevelNumber_endsTheNumber_atEveryCut() {
        for (byte[] after : List.of(
                new byte[] {(byte) 0x80, 'x'}, new byte[] {(byte) 0xE2, '['}, new byte[] {(byte) 0xE2}, new byte[] {
                    (byte) 0xF0, (byte) 0x9F
                })) {
            byte[] document = concat(bytes("```json\n12"), after);
            for (int cut = 0; cut <= document.length; cut++) {
                PartialJsonParser parser = PartialJsonParser.lenient();
                feedInTwo(parser, document, cut);
                assertThat(parser.finish().toJson()).as("cut at %d", cut).isEqualTo("12");
            }
        }
    }

    @Test
    void feedBytes_invalidUtf8WhereTopLevelNumberCannotEnd_isAnErrorAtItsByteOffset_atEveryCut() {
        // The 'é' before the fence makes byte and char offsets differ: the error must count bytes.
        for (String number : List.of("-", "1.", "1e", "1E+")) {
            byte[] before = bytes("\u00e9```json\n" + number);
            // A stray byte is invalid where it stands; a lead byte cut short, at the byte after it (the '1').
            List<byte[]> invalid =
                    List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0x80, '1'}, new byte[] {(byte) 0xC3, '1'});
            List<Integer> invalidAt = List.of(0, 0, 1);
            for (int i = 0; i < invalid.size(); i++) {
                byte[] document = concat(before, invalid.get(i));
                int offset = before.length + invalidAt.get(i);
                failsAtEveryCut(document, (parser, e) -> {
                    assertThat(e.offset()).as(number).isEqualTo(offset);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(number.length() + 1);
                    assertThat(e.found()).startsWith("byte 0x");
                });
            }
        }
    }

    @Test
    void finish_inSequenceWhereTopLevelNumberCannotEnd_isAnErrorAtItsByteOffset() {
        byte[] document = concat(bytes("\u00e9```json\n-"), new byte[] {(byte) 0xC3});
        PartialJsonParser parser = PartialJsonParser.lenient();
        parser.feed(document, 0, document.length);
        assertThatThrownBy(parser::finish).isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
            assertThat(e.offset()).isEqualTo(document.length - 1);
            assertThat(e.expected()).isEqualTo("a complete UTF-8 sequence");
        });
    }

    @Test
    void finish_inSequenceInProse_countsItAsOneColumn() {
        PartialJsonParser cut = PartialJsonParser.lenient();
        cut.feed(new byte[] {'a', 'b', (byte) 0xE2}, 0, 3);
        PartialJsonParser stray = PartialJsonParser.lenient();
        stray.feed(new byte[] {'a', 'b', (byte) 0xFF}, 0, 3);

        for (PartialJsonParser parser : List.of(cut, stray)) {
            assertThatThrownBy(parser::finish).isInstanceOfSatisfying(JsonIncompleteException.class, e -> {
                assertThat(e.offset()).isEqualTo(3);
                assertThat(e.column()).isEqualTo(4);
                assertThat(e.partial()).isNull();
            });
        }
    }

    @Test
    void finish_strictNumberInSequence_isStillAnError() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed(new byte[] {'1', '2', (byte) 0xE2}, 0, 3);
        assertThatThrownBy(parser::finish).isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
            assertThat(e.offset()).isEqualTo(2);
            assertThat(e.expected()).isEqualTo("a complete UTF-8 sequence");
        });
    }

    @Test
    void feedBytes_randomInvalidProse_isSkipped_atRandomChunks() {
        Random random = new Random(20261121);
        // Bytes of prose: high bytes in any order (valid sequences, cut ones, stray ones), letters, spaces and line
        // breaks, but nothing that starts a value or a fence.
        byte[] alphabet = {
            'a',
            'Z',
            ' ',
            '\n',
            ':',
            (byte) 0x80,
            (byte) 0xBF,
            (byte) 0xC2,
            (byte) 0xC3,
            (byte) 0xE2,
            (byte) 0xED,
            (byte) 0xF0,
            (byte) 0xF4,
            (byte) 0xF5,
            (byte) 0xFF,
            (byte) 0xA9,
            (byte) 0x9F
        };
        byte[] value = bytes("{\"t\u00eftle\": [\"\u65e5\u672c\", \"\ud83c\udf75\", 3]}");
        for (int round = 0; round < 2_000; round++) {
            byte[] prose = new byte[random.nextInt(24)];
            for (int i = 0; i < prose.length; i++) {
                prose[i] = alphabet[random.nextInt(alphabet.length)];
            }
            byte[] document = concat(prose, value, new byte[] {(byte) 0xE2, ' ', (byte) 0xFF});
            PartialJsonParser parser = PartialJsonParser.lenient();
            for (int from = 0; from < document.length; ) {
                int length = Math.min(document.length - from, 1 + random.nextInt(5));
                parser.feed(document, from, length);
                from += length;
            }
            assertThat(parser.finish().toJson())
                    .as("round %d", round)
                    .isEqualTo("{\"t\u00eftle\":[\"\u65e5\u672c\",\"\ud83c\udf75\",3]}");
        }
    }

    /** Feeds {@code document} cut in two at every position to a fresh lenient parser, which must fail. */
    private static void failsAtEveryCut(byte[] document, BiConsumer<PartialJsonParser, JsonSyntaxException> check) {
        for (int cut = 0; cut <= document.length; cut++) {
            PartialJsonParser parser = PartialJsonParser.lenient();
            int at = cut;
            assertThatThrownBy(() -> feedInTwo(parser, document, at))
                    .as("cut at %d", cut)
                    .isInstanceOfSatisfying(JsonSyntaxException.class, e -> check.accept(parser, e));
        }
    }

    private static void feedInTwo(PartialJsonParser parser, byte[] document, int cut) {
        parser.feed(document, 0, cut);
        parser.feed(document, cut, document.length - cut);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
