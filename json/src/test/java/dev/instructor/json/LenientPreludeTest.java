package dev.instructor.json;

import static dev.instructor.json.ChunkFeeder.feedChars;
import static dev.instructor.json.ChunkFeeder.feedUtf8;
import static dev.instructor.json.ChunkFeeder.renders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lenient mode's prose before the value: square brackets when an object is expected, code fences that hold code or
 * an example rather than the answer, inline code, line endings after a fence line, and what sets tilde fences apart.
 * A case about fences runs with backticks and with tildes alike.
 */
class LenientPreludeTest {

    private static PartialJsonParser expectingObject() {
        return PartialJsonParser.builder().lenient(true).expectObject(true).build();
    }

    private static String lenient(PartialJsonParser parser, String text, int size) {
        feedChars(parser, text, size);
        return parser.finish().toJson();
    }

    /** Asserts that {@code text} gives {@code expected}, fed as chars and as UTF-8 bytes, with and without expectObject. */
    private static void assertValue(String text, String expected, int size) {
        for (boolean expectObject : new boolean[] {false, true}) {
            for (boolean utf8 : new boolean[] {false, true}) {
                PartialJsonParser parser = PartialJsonParser.builder()
                        .lenient(true)
                        .expectObject(expectObject)
                        .build();
                ChunkFeeder.feed(parser, text, size, utf8);
                assertThat(parser.finish().toJson())
                        .as("%s (utf8 %s, expectObject %s)", text, utf8, expectObject)
                        .isEqualTo(expected);
            }
        }
    }

    /**
     * Asserts that each answer, written with backticks and fenced with {@code fence}, gives its value in lenient
     * mode: {@code answersAndValues} holds pairs of an answer and the value's JSON.
     */
    private static void assertFenced(int size, char fence, String[][] answersAndValues) {
        for (String[] answerAndValue : answersAndValues) {
            String answer = answerAndValue[0].replace('`', fence);
            assertThat(lenient(PartialJsonParser.lenient(), answer, size))
                    .as(answer)
                    .isEqualTo(answerAndValue[1]);
        }
    }

    // ---- a. square brackets in prose ----

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void expectObject_citationsAndNotesInBrackets_stayProse(int size) {
        for (String prose : List.of(
                "See [note] below: ",
                "As shown in [1], the answer is ",
                "- [ ] check it\n- [x] done\n",
                "Per [\"the spec\"] and [true story], [-] [] ",
                "Links: [docs](https://x.y/[1]) ")) {
            assertThat(lenient(expectingObject(), prose + "{\"a\": 1}", size))
                    .as(prose)
                    .isEqualTo("{\"a\":1}");
        }
    }

    /** An array of objects where one object was asked for is returned whole, for the caller to reject. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void expectObject_arrayOfObjects_isTheValue_notItsFirstItem(int size) {
        assertThat(lenient(expectingObject(), "Here: [ \n{\"a\": 1}, {\"a\": 2}] done", size))
                .isEqualTo("[{\"a\":1},{\"a\":2}]");
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void expectObject_bracketAroundProseBraces_staysProse(int size) {
        assertThat(lenient(expectingObject(), "Fill in [{name}] and [ { x } ]: [{}, {\"a\": 1}]", size))
                .isEqualTo("[{},{\"a\":1}]");
        assertThat(lenient(expectingObject(), "See [{x}] [\n{\n\"a\": [1]}]", size))
                .isEqualTo("[{\"a\":[1]}]");
    }

    @Test
    void expectObject_arrayOfObjects_pastADepthLimitOfOne_isReportedAtTheBrace() {
        PartialJsonParser parser = PartialJsonParser.builder()
                .lenient(true)
                .expectObject(true)
                .limits(JsonLimits.builder().maxNestingDepth(1).build())
                .build();
        assertThatThrownBy(() -> parser.feed("ok [ {\"a\": 1}]"))
                .isInstanceOfSatisfying(JsonLimitException.class, e -> {
                    assertThat(e.offset()).isEqualTo(5);
                    assertThat(e.column()).isEqualTo(6);
                });
        assertThat(parser.snapshot()).isEmpty();
    }

    /** The brace is in an earlier chunk than the char that decides it starts the value: still named by its byte. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void expectObject_arrayOfObjectsPastADepthLimitOfOne_inUtf8Chunks_isReportedAtTheBracesByte(int size) {
        PartialJsonParser parser = PartialJsonParser.builder()
                .lenient(true)
                .expectObject(true)
                .limits(JsonLimits.builder().maxNestingDepth(1).build())
                .build();
        assertThatThrownBy(() -> feedUtf8(parser, "é [ {  \"a\": 1}]", size))
                .isInstanceOfSatisfying(JsonLimitException.class, e -> {
                    assertThat(e.offset()).isEqualTo(5);
                    assertThat(e.column()).isEqualTo(5);
                });
    }

    @Test
    void expectObject_bracesInProse_keepTheirRule() {
        PartialJsonParser parser = expectingObject();
        parser.feed("Ideas for {topic}: [1] {\"a\": [1]}");
        assertThat(parser.finish().toJson()).isEqualTo("{\"a\":[1]}");
    }

    @Test
    void expectObject_onlyBracketsInProse_namesTheFirstBracketNotTaken() {
        PartialJsonParser parser = expectingObject();
        parser.feed("See [1].");
        assertThatThrownBy(parser::finish).isInstanceOfSatisfying(JsonIncompleteException.class, e -> assertThat(
                        e.expected())
                .isEqualTo("a JSON object (the '[' at line 1, column 5 was followed by '1', so it was read as prose)"));
    }

    /** When an object is expected, only a brace after a bracket in prose starts the value: that is what is missing. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void expectObject_finishRightAfterABracket_namesTheBraceItNeeds(int size) {
        for (String text : List.of("See [", "See [ \n", "```\n[")) {
            PartialJsonParser parser = expectingObject();
            assertThatThrownBy(() -> lenient(parser, text, size))
                    .as(text)
                    .isInstanceOfSatisfying(JsonIncompleteException.class, e -> assertThat(e.expected())
                            .startsWith("'{' after the '[' at line "));
        }
    }

    @Test
    void expectObject_finishInsideAThinkingBlock_namesTheClosingTagThenAnObject() {
        PartialJsonParser parser = expectingObject();
        parser.feed("<think>\nI will answer {\"a\": 1}");
        assertThatThrownBy(parser::finish)
                .isInstanceOfSatisfying(JsonIncompleteException.class, e -> assertThat(e.expected())
                        .isEqualTo("'</think>' to close the block opened at line 1, column 1, then a JSON object"));
    }

    @Test
    void withoutExpectObject_aBracketBeforeAValueChar_stillStartsTheValue() {
        PartialJsonParser parser = PartialJsonParser.lenient();
        parser.feed("As shown in [1], the answer is {\"a\":1}");
        assertThat(parser.finish().toJson()).isEqualTo("[1]");
    }

    @Test
    void expectObject_strictMode_isUnaffected() {
        PartialJsonParser parser =
                PartialJsonParser.builder().expectObject(true).build();
        parser.feed("[1]");
        assertThat(parser.finish().toJson()).isEqualTo("[1]");
    }

    // ---- b. fences that hold code or an example ----

    /**
     * Backticks too few to close a json fence stand where its value should: a syntax error there, as any char that
     * cannot start a value; not a closing fence, and not a value taken from after the fence. Tildes in a tilde fence
     * alike.
     */
    @ParameterizedTest
    @MethodSource("chunkSizesAndFenceChars")
    void jsonFence_runTooShortToCloseIt_isASyntaxErrorWhereTheValueShouldBe(int size, char fence) {
        for (String backticks : List.of("````json\n```\n{\"a\": 1}\n````\n{\"b\": 2}", "```json\n`\n{\"a\":1}")) {
            String text = backticks.replace('`', fence);
            PartialJsonParser parser = expectingObject();
            assertThatThrownBy(() -> lenient(parser, text, size))
                    .as(text)
                    .isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
                        assertThat(e.found()).isEqualTo("'" + fence + "'");
                        assertThat(e.line()).isEqualTo(2);
                        assertThat(e.column()).isEqualTo(1);
                        assertThat(e.offset()).isEqualTo(text.indexOf('\n') + 1);
                    });
        }
        String utf8 = "Voilà :\n````json\n```\n{}".replace('`', fence);
        PartialJsonParser bytes = expectingObject();
        assertThatThrownBy(() -> {
                    ChunkFeeder.feedBytes(bytes, utf8.getBytes(StandardCharsets.UTF_8), size);
                    bytes.finish();
                })
                .isInstanceOfSatisfying(JsonSyntaxException.class, e -> assertThat(e.offset())
                        .isEqualTo(utf8.substring(0, utf8.indexOf("\n{") - 3).getBytes(StandardCharsets.UTF_8).length));
    }

    /** Every chunk size, with a backtick and with a tilde fence. */
    static Stream<Arguments> chunkSizesAndFenceChars() {
        return ChunkFeeder.chunkSizes()
                .boxed()
                .flatMap(size -> Stream.of(Arguments.of(size, '`'), Arguments.of(size, '~')));
    }

    /** A fence labeled json that holds nothing (the model opened and closed it) is passed over, as prose is. */
    @ParameterizedTest
    @MethodSource("chunkSizesAndFenceChars")
    void emptyJsonFence_isPassedOver(int size, char fence) {
        for (String backticks : List.of(
                "```json\n```\n", "```json\r\n\r\n```\r\nThe answer:\n", "````JSON\n  ````\n", "````JSON\n  `````\n")) {
            String prose = backticks.replace('`', fence);
            assertThat(lenient(PartialJsonParser.lenient(), prose + "{\"a\": 1}", size))
                    .as(prose)
                    .isEqualTo("{\"a\":1}");
            assertThat(lenient(expectingObject(), prose + "{\"a\": 1}", size))
                    .as(prose)
                    .isEqualTo("{\"a\":1}");
        }
    }

    @ParameterizedTest
    @MethodSource("chunkSizesAndFenceChars")
    void fenceOfCode_isSkippedWhole_bracketsIncluded(int size, char fence) {
        String answer = ("Call it so:\n```python\nprint(json.loads('{\"a\": 0}'))\nd = {\"b\": [1]}\n```\n"
                        + "Result:\n```json\n{\"a\": 1}\n```")
                .replace('`', fence);
        for (PartialJsonParser parser : List.of(PartialJsonParser.lenient(), expectingObject())) {
            List<Optional<PartialValue>> snapshots = feedChars(parser, answer, size);
            assertThat(parser.finish().toJson()).isEqualTo("{\"a\":1}");
            assertThat(renders(snapshots)).isNotEmpty().noneMatch(json -> json.contains("b") || json.contains("0"));
        }
    }

    @ParameterizedTest
    @MethodSource("chunkSizesAndFenceChars")
    void unlabeledFenceOfNonJson_isSkippedWhole(int size, char fence) {
        String answer = "Run:\n```\nnpm install {x}\n``` \nthen\n````\n1. [a]\n```\nnot the end\n````\n{\"a\": 1}"
                .replace('`', fence);
        assertThat(lenient(PartialJsonParser.lenient(), answer, size)).isEqualTo("{\"a\":1}");
        assertThat(lenient(expectingObject(), answer, size)).isEqualTo("{\"a\":1}");
    }

    /** Prose around a json fence, with brackets of its own after it: the fence holds the value, shown as it grows. */
    @ParameterizedTest
    @MethodSource("chunkSizesAndFenceChars")
    void jsonFence_withProseAround_holdsTheValue(int size, char fence) {
        String run = String.valueOf(fence).repeat(3);
        String answer = "Sure! Here is the `list` you asked for:\n\n" + run + "json\n{\"ideas\": [\"a\", \"b\"]}\n"
                + run + "\nLet me know if you want more {ideas}!";
        for (PartialJsonParser parser : List.of(PartialJsonParser.lenient(), expectingObject())) {
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
    }

    /** A fence without the json label holds the value only if it starts with an object or array: else it is code. */
    @ParameterizedTest
    @MethodSource("chunkSizesAndFenceChars")
    void unlabeledFenceAroundScalar_isCode(int size, char fence) {
        String code = "Result:\n```\n42\n```\n".replace('`', fence);
        PartialJsonParser parser = PartialJsonParser.lenient();
        assertThatThrownBy(() -> lenient(parser, code, size))
                .isInstanceOfSatisfying(JsonIncompleteException.class, e -> assertThat(e.partial())
                        .isNull());
        assertThat(lenient(PartialJsonParser.lenient(), code + "[1]", size)).isEqualTo("[1]");
    }

    @ParameterizedTest
    @MethodSource("chunkSizesAndFenceChars")
    void fenceOfCodeStartingWithAnObject_holdsTheValue(int size, char fence) {
        // A model that labels its JSON answer as JavaScript: the fence holds an object, which is the value.
        assertThat(lenient(PartialJsonParser.lenient(), "```javascript\n{\"a\": 1}\n```".replace('`', fence), size))
                .isEqualTo("{\"a\":1}");
        assertThat(lenient(expectingObject(), "```\n  [ {\"a\": 1}]\n```".replace('`', fence), size))
                .isEqualTo("[{\"a\":1}]");
        assertThat(lenient(PartialJsonParser.lenient(), "``` {\"a\": 1}".replace('`', fence), size))
                .isEqualTo("{\"a\":1}");
    }

    @ParameterizedTest
    @MethodSource("chunkSizesAndFenceChars")
    void jsonFence_holdsAnyValue_inAnyCase(int size, char fence) {
        assertFenced(size, fence, new String[][] {
            {"```JSON\n42\n```", "42"},
            {"Result:\n```json\n42\n```\n", "42"},
            {"```json\n\"just text\"\n```", "\"just text\""},
            {"```jsonc\n[1]\n```", "[1]"},
            {"Result:\n````jsonc\n[1]\n````", "[1]"},
            {"``` json\n  \"s\"", "\"s\""}
        });
        assertThat(lenient(expectingObject(), "```json5 title\n\"x\"\n```".replace('`', fence), size))
                .isEqualTo("\"x\"");
    }

    /**
     * Braces of attributes in a fence's info line (Pandoc, Quarto, R Markdown: <code>```json
     * &#123;title="x"&#125;</code>, <code>```&#123;.json&#125;</code>) are info, not the fence's content: a bracket there starts the content only
     * when JSON follows it, as a bracket in prose does, and in a json fence whatever value that is.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void bracesOfAttributesInAFenceInfo_areInfo(int size) {
        for (String answer : List.of(
                "```json {title=\"answer.json\"}\n{\"a\": 1}\n```",
                "```{.json}\n{\"a\": 1}\n```",
                "```{json}\n  {\"a\": 1}\n```",
                "~~~ {.json .numberLines}\r\n{\"a\": 1}\r\n~~~",
                "```{r}\nx <- {1}\n```\n{\"a\": 1}",
                "```json {\n\"a\": 1}",
                "```json {\"a\": 1}```",
                "```js { \"a\": 1}")) {
            for (PartialJsonParser parser : List.of(PartialJsonParser.lenient(), expectingObject())) {
                assertThat(lenient(parser, answer, size)).as(answer).isEqualTo("{\"a\":1}");
            }
        }
        assertThat(lenient(PartialJsonParser.lenient(), "```json {#out}\n7\n```", size))
                .isEqualTo("7");
        // A citation-like bracket is info where an object is expected, and content where any value is.
        assertThat(lenient(expectingObject(), "```js [1]\n{\"a\": 1}\n```", size))
                .isEqualTo("{\"a\":1}");
        assertThat(lenient(PartialJsonParser.lenient(), "```js [1]\n{\"a\": 1}\n```", size))
                .isEqualTo("[1]");
        // A json fence holds any value, on its info line too.
        assertThat(lenient(expectingObject(), "```json [1, 2]\n```", size)).isEqualTo("[1,2]");
        assertThat(lenient(expectingObject(), "```JSON [\n\"x\"]", size)).isEqualTo("[\"x\"]");
    }

    /**
     * Pandoc's and markdown-it-attrs' attribute info, <code>&#123;.json&#125;</code>, names the language by its first
     * class: such a fence is labeled json, and holds any value, a scalar too; one of another language holds code.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void attributeInfoWithAJsonClass_labelsTheFenceJson(int size) {
        assertValue("```{.json}\n7\n```", "7", size);
        assertValue("~~~ {.json .numberLines}\r\n\"x\"\r\n~~~", "\"x\"", size);
        assertValue("``` { #out .JSON5 startFrom=\"3\" }\ntrue\n```", "true", size);
        assertValue("```{.python .json}\n7\n```\n{\"a\": 1}", "{\"a\":1}", size);
        assertValue("```{#json}\n7\n```\n{\"a\": 1}", "{\"a\":1}", size);
    }

    /** The label is read however many spaces or tabs come before it, and however long the attributes before it. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void jsonLabel_afterManySpacesOrALongIdentifier_isRead(int size) {
        assertValue("```" + " ".repeat(20) + "json\n7\n```", "7", size);
        assertValue("~~~\t" + " ".repeat(40) + "\tJSON\r\n\"x\"\r\n~~~", "\"x\"", size);
        assertValue("```{#the-answer-to-the-question .json}\nnull\n```", "null", size);
    }

    /**
     * A bracket that ends a fence's info line and is not followed by JSON is info, whatever its fence: the content's
     * first char then decides what the fence holds, as it does without the bracket. Two braces that start the content
     * are a template's, not an object.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void bracketEndingAFenceInfo_followedByAnObject_leavesTheContentToDecide(int size) {
        for (String answer : List.of(
                "```python {\n{\"a\": 1}\n```",
                "~~~ {\n  {\"a\": 1}\n~~~",
                "```js {\r\n{\"a\": 1}\r\n```",
                "```text { \n\n{\"a\": 1}\n```",
                "```handlebars\n{{\"x\"}}\n```\n{\"a\": 1}",
                "```handlebars\r{{\"x\"}}\r```\r{\"a\": 1}")) {
            for (PartialJsonParser parser : List.of(PartialJsonParser.lenient(), expectingObject())) {
                assertThat(lenient(parser, answer, size)).as(answer).isEqualTo("{\"a\":1}");
            }
        }
    }

    @Test
    void finish_afterABracketOnAJsonFencesInfoLine_namesWhatMayFollowIt() {
        PartialJsonParser parser = expectingObject();
        parser.feed("```json [ ");
        assertThatThrownBy(parser::finish)
                .isInstanceOfSatisfying(JsonIncompleteException.class, e -> assertThat(e.expected())
                        .isEqualTo("a JSON value or ']' after the '[' at line 1, column 9"));
    }

    /**
     * Input that ends on a fence's info line expects what it would once the line ended: any value in a json fence,
     * else the object or array sought, with the bracket of the prose that was not taken for it.
     */
    @Test
    void finish_onAFencesInfoLine_expectsWhatTheFenceHolds() {
        for (String info : List.of("```json", "~~~ JSON5 ", "```json {title=\"x\"}", "[x] ```python", "```js {.x}")) {
            for (boolean expectObject : new boolean[] {false, true}) {
                PartialJsonParser cut = PartialJsonParser.builder()
                        .lenient(true)
                        .expectObject(expectObject)
                        .build();
                PartialJsonParser ended = PartialJsonParser.builder()
                        .lenient(true)
                        .expectObject(expectObject)
                        .build();
                cut.feed(info);
                ended.feed(info + "\n");
                assertThatThrownBy(ended::finish)
                        .isInstanceOfSatisfying(JsonIncompleteException.class, line -> assertThatThrownBy(cut::finish)
                                .as(info)
                                .isInstanceOfSatisfying(JsonIncompleteException.class, e -> assertThat(e.expected())
                                        .isEqualTo(line.expected())));
            }
        }
    }

    /** Three backticks followed by a backtick on the same line are inline code, not a fence (CommonMark). */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void tripleBacktickInlineCode_isNotAFence(int size) {
        assertThat(lenient(PartialJsonParser.lenient(), "Use ```x``` like so.\n{\"a\": 1}", size))
                .isEqualTo("{\"a\":1}");
    }

    /**
     * Backticks inside a line, after text, open a fence only before a label alone ({@code Here:```json}): followed by
     * a quote mark or a second word, they are written about ({@code "```json"}, {@code wrap it in ```json and ```}),
     * inline code as CommonMark reads them, and the prose and fences after them are read as usual.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void backticksQuotedInsideALine_openNoFence(int size) {
        for (String prose : List.of(
                "He said \"```json\" then\nHere it is:\n",
                "He said \"```json\" first.\nAnswer:\n```json\n",
                "Use '```' to fence.\nAnswer: ",
                "Type \u201c```python\u201d then:\nprint(x)\n",
                "Wrap it in ```json and ``` fences.\nResult: ",
                "Open with ```json title=\"x\", then:\n")) {
            assertValue(prose + "{\"a\": 1}\n```", "{\"a\":1}", size);
        }
        // A label alone after text still opens a fence, which holds the value or code.
        assertValue("Here:```json\n7\n```", "7", size);
        assertValue("Run it:``` python\nd = {\"b\": [1]}\n```\n{\"a\": 1}", "{\"a\":1}", size);
    }

    /** Input that ends right after a fence's closing run has closed it: the value is what is missing, not the fence. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void finish_rightAfterAClosingFence_expectsTheValue(int size) {
        for (String text :
                List.of("```json\n```", "Sure:\n```python\nx = 1\n```", "~~~\ncode\n  ~~~~", "```json\r\n````")) {
            for (boolean expectObject : new boolean[] {false, true}) {
                PartialJsonParser parser = PartialJsonParser.builder()
                        .lenient(true)
                        .expectObject(expectObject)
                        .build();
                assertThatThrownBy(() -> lenient(parser, text, size))
                        .as(text)
                        .isInstanceOfSatisfying(JsonIncompleteException.class, e -> {
                            assertThat(e.partial()).isNull();
                            assertThat(e.expected())
                                    .isEqualTo(expectObject ? "a JSON object" : "a JSON object or array");
                            assertThat(e.offset()).isEqualTo(text.length());
                        });
            }
        }
    }

    /**
     * A closing fence may be followed only by spaces or tabs (CommonMark): a line such as {@code ```json} in a fence of
     * code is its content, so the fence goes on past it and the draft under it is skipped.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void fenceRunFollowedByText_doesNotCloseAFenceOfCode(int size) {
        for (String code : List.of(
                "```python\n```json\nx = {\"a\": 0}\n```\n",
                "```md\n``` then\n{\"a\": 0}\n```` \t\r\n",
                "~~~text\n~~~ not yet\r[{\"a\": 0}]\r~~~\r",
                "```sh\n```  x\n{\"a\": 0}\n```\t\n",
                "```sh\n``` ```\n{\"a\": 0}\n```\n")) {
            assertValue(code + "{\"a\": 1}", "{\"a\":1}", size);
        }
    }

    /**
     * A fence without info whose content starts with a labeled fence line is one the model opened, then opened again
     * labeled: the first run closes it, and the rest is read as after any closing fence.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void fenceWithoutInfo_openedAgainLabeled_isClosedByTheSecondRun(int size) {
        assertValue("Here:\n```\n```json\n{\"a\": 1}\n```\n```", "{\"a\":1}", size);
        assertValue("~~~\r\n  ~~~~ json\r\n[{\"a\": 1}]\r\n~~~", "[{\"a\":1}]", size);
        // A run too short to close it is code, as in any other fence of code.
        assertValue("````\n```json\n{\"a\": 0}\n```\n````\n{\"a\": 1}", "{\"a\":1}", size);
    }

    // ---- c. inline code ----

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void thinkingTagInInlineCode_opensNoBlock(int size) {
        for (String prose : List.of(
                "Models write `<think>` first. ",
                "Tags ``<thinking>`` and `a` ",
                "A stray ` then\n<think>{\"a\": 0}</think>",
                "<thi\nnk> <think\r>")) {
            assertThat(lenient(PartialJsonParser.lenient(), prose + "{\"a\": 1}", size))
                    .as(prose)
                    .isEqualTo("{\"a\":1}");
        }
    }

    /**
     * A thinking marker after a quote mark closed on its line is written about, as one in inline code is: no block
     * opens, and the answer after it is read. A marker after a quote mark its line leaves open is written, its block
     * skipped.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void thinkingMarkerBetweenQuoteMarks_opensNoBlock(int size) {
        for (String prose : List.of(
                "He said \"<think>\" starts it. ",
                "Tags \u201c<thinking>\u201d and \u2018[THINK]\u2019 and '<|channel|>analysis<|message|>': ",
                "He said \"<think> starts it\", so: ",
                "Quoted: \"<think>\n{\"title\": \"draft\"}</think>\n")) {
            for (boolean expectObject : new boolean[] {false, true}) {
                PartialJsonParser parser = PartialJsonParser.builder()
                        .lenient(true)
                        .expectObject(expectObject)
                        .build();
                List<Optional<PartialValue>> snapshots = feedChars(parser, prose + "{\"a\": 1}", size);
                assertThat(parser.finish().toJson()).as(prose).isEqualTo("{\"a\":1}");
                assertThat(renders(snapshots)).as(prose).noneMatch(json -> json.contains("draft"));
            }
        }
    }

    /**
     * A backtick that no run of its length closes on its line is a literal one (CommonMark), so a thinking marker
     * after it is written, not quoted: its block is skipped, drafts included, whether it ends on that line or later.
     * Closed inline code around the marker still quotes it, whatever it holds.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void strayBacktickBeforeAThinkingMarker_leavesTheBlockWritten(int size) {
        for (String answer : List.of(
                "`<think>I will write {\"title\": \"draft\"}</think>{\"a\": 1}",
                "`<think>\nI will write {\"title\": \"draft\"}\n</think>\n{\"a\": 1}",
                "Sure: ``<think>\r\n[{\"title\": \"draft\"}] ` `` </think>\n```json\n{\"a\": 1}\n```",
                "`[THINK]\n{\"title\": \"draft\"}\n[/THINK]{\"a\": 1}",
                "Write `<think>{\"title\": \"draft\"}` then: {\"a\": 1}",
                "Write `<think>` and `</think>`: {\"a\": 1}")) {
            for (boolean expectObject : new boolean[] {false, true}) {
                PartialJsonParser parser = PartialJsonParser.builder()
                        .lenient(true)
                        .expectObject(expectObject)
                        .build();
                List<Optional<PartialValue>> snapshots = feedChars(parser, answer, size);
                assertThat(parser.finish().toJson()).as(answer).isEqualTo("{\"a\":1}");
                assertThat(renders(snapshots)).as(answer).noneMatch(json -> json.contains("draft"));
            }
        }
    }

    /**
     * Inline code left open ends with its line even when its last char is a bracket, which is held until the next
     * char that is not whitespace: a fence or a thinking block on the next line is read as it is after any other char.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void inlineCodeLeftOpenAtABracket_endsWithItsLine(int size) {
        for (String next : List.of(
                "~~~python\nx = {\"a\": 0}\n~~~\n",
                "<think>{\"a\": 0}</think>\n",
                "[THINK]{\"a\": 0}[/THINK]\n",
                "\r~~~\nx = [{\"a\": 0}]\n~~~\n")) {
            for (String opened : List.of("A stray `x", "A stray `[", "A stray `{ ")) {
                if (opened.endsWith("[") && next.startsWith("[")) {
                    continue; // [ then [ starts an array, in inline code or not
                }
                String text = opened + "\n" + next + "{\"a\": 1}";
                for (PartialJsonParser parser : List.of(PartialJsonParser.lenient(), expectingObject())) {
                    assertThat(lenient(parser, text, size)).as(text).isEqualTo("{\"a\":1}");
                }
            }
        }
    }

    /**
     * A run of backticks in inline code is its text unless it is as long as the run that opened it (CommonMark): three
     * of them there open no fence, and the answer after them is read.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void backtickRunInInlineCode_ofAnotherLength_opensNoFence(int size) {
        for (String prose : List.of(
                "Close it with ` ``` ` then: ",
                "Write `` ```json `` first. ",
                "Use `a```b` here: ",
                "A stray ` ```\nprint(1)\n",
                "Open it with `` ```python\nx = 1\n",
                "Type ` ````sh\necho hi\n")) {
            assertValue(prose + "{\"a\": 1}", "{\"a\":1}", size);
        }
    }

    // ---- d. line endings ----

    @ParameterizedTest
    @MethodSource("chunkSizesAndFenceChars")
    void fenceLine_endedByCrOnlyOrCrLf(int size, char fence) {
        assertFenced(size, fence, new String[][] {
            {"```json\r{\"a\": 1}\r```", "{\"a\":1}"},
            {"```json\r\"text\"\r```", "\"text\""},
            {"```json\r\n7\r\n```", "7"},
            {"```python\rx = [1]\r```\r{\"a\": 1}", "{\"a\":1}"}
        });
    }

    @ParameterizedTest
    @MethodSource("chunkSizesAndFenceChars")
    void jsonFence_errorInTheValue_isAtItsLineAndColumn_crLfCountingOneLine(int size, char fence) {
        PartialJsonParser parser = PartialJsonParser.lenient();
        assertThatThrownBy(() -> feedChars(parser, "```json\r\n{\"a\" 1}".replace('`', fence), size))
                .isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(6);
                    assertThat(e.offset()).isEqualTo(14);
                });
    }

    /**
     * A carriage return alone ends a line, as a line feed or both do (CommonMark): the lines of prose, fences and
     * thinking blocks before the value count toward the line and column of an error in it, or at the end of input.
     */
    @ParameterizedTest
    @MethodSource("chunkSizesAndFenceChars")
    void crOnlyLineEndings_beforeTheValue_countLines(int size, char fence) {
        for (String text : List.of(
                "Hi\r\rThere\r```json\r{\"a\" 1}",
                "Sure:\r```python\rx = [1]\r```\r{\"a\" 1}",
                "Hi\r\n\r```json\r\n\r\n{\"a\" 1}",
                "<think>\ra\r\n</think>\r{\"a\" 1}",
                "See {x}\r{\r \"a\" 1}")) {
            String answer = text.replace('`', fence);
            long lines = answer.lines().count();
            for (boolean utf8 : new boolean[] {false, true}) {
                PartialJsonParser parser = PartialJsonParser.lenient();
                assertThatThrownBy(() -> {
                            ChunkFeeder.feed(parser, answer, size, utf8);
                        })
                        .as("%s (utf8 %s)", answer, utf8)
                        .isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
                            assertThat(e.offset()).isEqualTo(answer.lastIndexOf('1'));
                            assertThat(e.line()).isEqualTo(lines);
                            assertThat(e.column()).isEqualTo(6);
                        });
            }
        }
    }

    @ParameterizedTest
    @MethodSource("chunkSizesAndFenceChars")
    void finish_insideAFenceOfCode_afterCrOnlyLineEndings_namesItsLine(int size, char fence) {
        String answer = "Sure,\rsee:\r```python\rx = 1\r".replace('`', fence);
        PartialJsonParser parser = PartialJsonParser.lenient();
        assertThatThrownBy(() -> lenient(parser, answer, size))
                .isInstanceOfSatisfying(JsonIncompleteException.class, e -> {
                    assertThat(e.expected())
                            .isEqualTo("the closing fence ("
                                    + String.valueOf(fence).repeat(3)
                                    + " or longer) of the code block opened at line 3, column 1, then a JSON object"
                                    + " or array");
                    assertThat(e.offset()).isEqualTo(answer.length());
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.column()).isEqualTo(1);
                });
    }

    // ---- e. fences of either char ----

    /** A fence in a thinking block is skipped with it, the draft it holds included. */
    @ParameterizedTest
    @MethodSource("chunkSizesAndFenceChars")
    void fenceInThinkingBlock_isSkippedWithIt(int size, char fence) {
        String answer =
                ("<think>\nThe user wants {\"title\", \"blurb\"}, so [maybe] like:\n```json\n{\"title\": \"draft\"}\n"
                                + "```\nA <b>tag</b> and </thin k> are not the end.\n</think>\n\n```json\n{\"title\": \"final\"}\n```")
                        .replace('`', fence);
        PartialJsonParser parser = PartialJsonParser.lenient();
        List<Optional<PartialValue>> snapshots = feedChars(parser, answer, size);
        assertThat(parser.finish().toJson()).isEqualTo("{\"title\":\"final\"}");
        assertThat(renders(snapshots)).noneMatch(json -> json.contains("draft"));
    }

    /**
     * A run of the other fence char, or a shorter one, does not close a fence of code: the error names the closing
     * fence it needs and where the fence opened.
     */
    @ParameterizedTest
    @ValueSource(chars = {'`', '~'})
    void finish_insideFenceOfCode_namesItsClosingFence(char fence) {
        char other = fence == '`' ? '~' : '`';
        PartialJsonParser parser = PartialJsonParser.lenient();
        parser.feed("Sure:\n  " + String.valueOf(fence).repeat(4) + "python\nx = {\"a\": 1}\n"
                + String.valueOf(other).repeat(4) + "\n" + String.valueOf(fence).repeat(3) + "\n");
        assertThatThrownBy(parser::finish).isInstanceOfSatisfying(JsonIncompleteException.class, e -> {
            assertThat(e.partial()).isNull();
            assertThat(e.expected())
                    .isEqualTo("the closing fence (" + String.valueOf(fence).repeat(4)
                            + " or longer) of the code block opened at line 2, column 3, then a JSON object or array");
        });
    }

    /** Invalid UTF-8 on a fence's info line is skipped as in prose, wherever the bytes are cut. */
    @ParameterizedTest
    @ValueSource(chars = {'`', '~'})
    void feedBytes_invalidUtf8InAFencesInfo_isSkipped_atEveryCut(char fence) {
        String run = String.valueOf(fence).repeat(3);
        byte[] document = TestBytes.concat(
                ("R\u00e9sum\u00e9:\n" + run + "js").getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0xFF},
                ("on\n{\"a\": \"\u00e9\"}\n" + run).getBytes(StandardCharsets.UTF_8));
        for (int cut = 0; cut <= document.length; cut++) {
            for (int second = cut; second <= Math.min(document.length, cut + 3); second++) {
                PartialJsonParser parser = PartialJsonParser.lenient();
                parser.feed(document, 0, cut);
                parser.feed(document, cut, second - cut);
                parser.feed(document, second, document.length - second);
                assertThat(parser.finish().toJson())
                        .as("cuts %d, %d", cut, second)
                        .isEqualTo("{\"a\":\"\u00e9\"}");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(chars = {'`', '~'})
    void feedBytes_fenceOfCode_isSkippedWhole(char fence) {
        byte[] document = "```sh\necho '{\"\u00e9\": 1}'\n```\n{\"a\": \"\u00e9\"}"
                .replace('`', fence)
                .getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size <= 4; size++) {
            PartialJsonParser parser = PartialJsonParser.lenient();
            ChunkFeeder.feedBytes(parser, document, size);
            assertThat(parser.finish().toJson()).isEqualTo("{\"a\":\"\u00e9\"}");
        }
    }

    /** Backticks inside a tilde fence are its text, and tildes inside a backtick fence are, as in CommonMark. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void fenceOfOneChar_isClosedOnlyByThatChar(int size) {
        for (String answer : List.of(
                "~~~python\n```\n{\"a\": 0}\n```\n~~~\n{\"a\": 1}",
                "~~~\n```json\n{\"a\": 0}\n```\n~~~\n{\"a\": 1}",
                "```sh\n~~~\n[0]\n~~~\n```\n{\"a\": 1}",
                "```\n~~~json\n{\"a\": 0}\n~~~~~~\n```\n{\"a\": 1}",
                "~~~~~ md\n~~~~\n{\"a\": 0}\n~~~~~\n{\"a\": 1}")) {
            for (PartialJsonParser parser : List.of(PartialJsonParser.lenient(), expectingObject())) {
                assertThat(lenient(parser, answer, size)).as(answer).isEqualTo("{\"a\":1}");
            }
        }
    }

    /** A tilde fence's info line may hold backticks (CommonMark): they do not make it inline code. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void tildeFenceInfo_mayHoldBackticks(int size) {
        assertThat(lenient(PartialJsonParser.lenient(), "~~~sh `npm`\nnpm i {x} [y]\n~~~\n{\"a\": 1}", size))
                .isEqualTo("{\"a\":1}");
        assertThat(lenient(PartialJsonParser.lenient(), "~~~json `answer`\n7\n~~~", size))
                .isEqualTo("7");
    }

    /** Tildes in inline code, and one or two tildes (strikethrough), are prose. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void tildesThatOpenNoFence_areProse(int size) {
        for (String prose : List.of(
                "Use `~~~` to fence, as in:\n[your list]\n",
                "It costs ~~five~~ ~3 dollars.\n",
                "`~~~python` then\n[your list]\n",
                "~~ ~\n~~\n")) {
            assertThat(lenient(PartialJsonParser.lenient(), prose + "{\"a\": 1}", size))
                    .as(prose)
                    .isEqualTo("{\"a\":1}");
        }
    }

    /**
     * Tildes open a fence only at the start of a line, after spaces or tabs (CommonMark): inside a line they are
     * prose, and the answer after them is not skipped as a fence's content.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void tildesInsideALine_openNoFence(int size) {
        for (String prose : List.of(
                "Wow~~~ nice!\nHere it is:\n",
                "Sure ~~~~ here:\n~~~ a fence after all\nnot json\n~~~\n",
                "<think>ok</think> ~~~json\nnot json\n")) {
            for (PartialJsonParser parser : List.of(PartialJsonParser.lenient(), expectingObject())) {
                assertThat(lenient(parser, prose + "{\"a\": 1}", size))
                        .as(prose)
                        .isEqualTo("{\"a\":1}");
            }
        }
        for (String fence : List.of(
                "\uFEFF~~~json\n", "Text\n  \t~~~json\n", "Text\r\n~~~json\r\n", "<think>x</think>\n~~~json\n")) {
            assertThat(lenient(PartialJsonParser.lenient(), fence + "7\n~~~", size))
                    .as(fence)
                    .isEqualTo("7");
        }
    }

    // ---- f. blockquotes ----

    /**
     * A fence in a blockquote (its run after {@code >} at the start of a line) is a quotation, such as of the example
     * the prompt gave: it is skipped whole, up to its closing fence in the blockquote or the blockquote's end, and the
     * answer after it is the value.
     */
    @ParameterizedTest
    @MethodSource("chunkSizesAndFenceChars")
    void fenceInABlockquote_isSkippedAsAQuotation(int size, char fence) {
        for (String answer : List.of(
                "You asked for:\n> ```json\n> {\"a\": 0}\n> ```\nHere it is:\n```json\n{\"a\": 1}\n```",
                "> ```python\n> x = {\"a\": 0}\n>```\r\n\r\n{\"a\": 1}",
                "  > > ```\r> > [{\"a\": 0}]\r> >  ```  \r{\"a\": 1}",
                ">```json {\"a\": 0}\n> ```\n{\"a\": 1}",
                "> ```json\n> {\"a\": 0}\n\n{\"a\": 1}",
                "> Note:\n> ```\n> ```json\n> {\"a\": 0}\n> ```\n{\"a\": 1}")) {
            assertValue(answer.replace('`', fence), "{\"a\":1}", size);
        }
    }

    /** With no answer after it, the error says that the fence in a blockquote was skipped, and where it is. */
    @Test
    void finish_afterAJsonFenceInABlockquote_namesIt() {
        PartialJsonParser parser = PartialJsonParser.lenient();
        parser.feed("Sure:\n > ```json\n > {\"a\": 1}\n > ```\n");
        assertThatThrownBy(parser::finish).isInstanceOfSatisfying(JsonIncompleteException.class, e -> {
            assertThat(e.partial()).isNull();
            assertThat(e.expected())
                    .isEqualTo("a JSON object or array (the json fence at line 2, column 4 is in a blockquote, so it"
                            + " was skipped as a quotation)");
        });
    }

    /**
     * A value written bare in a blockquote, every line of the answer quoted: the {@code >} markers that start its
     * lines (with their spaces or tabs, nested or alone on a line) are skipped as whitespace, between tokens, as the
     * markers before its first bracket are.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void valueInABlockquote_skipsTheMarkersThatStartItsLines(int size) {
        for (String[] answerAndValue : QUOTED_VALUES) {
            assertValue(answerAndValue[0], answerAndValue[1], size);
        }
    }

    /** The same answers cut at every char, and at every byte of their UTF-8. */
    @Test
    void valueInABlockquote_skipsTheMarkersThatStartItsLines_atEveryCut() {
        for (String[] answerAndValue : QUOTED_VALUES) {
            String text = answerAndValue[0];
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            for (boolean expectObject : new boolean[] {false, true}) {
                for (int cut = 0; cut <= text.length(); cut++) {
                    PartialJsonParser chars = parser(expectObject);
                    ChunkFeeder.feedSplit(chars, text, cut);
                    assertThat(chars.finish().toJson())
                            .as("%s cut at char %d", text, cut)
                            .isEqualTo(answerAndValue[1]);
                }
                for (int cut = 0; cut <= utf8.length; cut++) {
                    PartialJsonParser bytes = parser(expectObject);
                    bytes.feed(utf8, 0, cut);
                    bytes.feed(utf8, cut, utf8.length - cut);
                    assertThat(bytes.finish().toJson())
                            .as("%s cut at byte %d", text, cut)
                            .isEqualTo(answerAndValue[1]);
                }
            }
        }
    }

    private static final String[][] QUOTED_VALUES = {
        {"> {\"name\": \"Ada\",\n>  \"age\": 36}", "{\"name\":\"Ada\",\"age\":36}"},
        {
            "> {\n>   \"name\": \"Ada\",\n>   \"tags\": [\n>     \"x\"\n>   ]\n> }\n>\n> Hope it helps!",
            "{\"name\":\"Ada\",\"tags\":[\"x\"]}"
        },
        {"Sure:\r\n\r\n> [\r\n>   {\"a\": 1},\r\n>\r\n>   {\"a\": 2}\r\n> ]", "[{\"a\":1},{\"a\":2}]"},
        {"  > > {\"a\":\n  > >   1,\n> >\t\"b\"\n>> :\n  >   [true,\n > false]}", "{\"a\":1,\"b\":[true,false]}"},
        {"> Here it is: {\"a\": 1,\n> \"b\": 2}", "{\"a\":1,\"b\":2}"},
        {"> {\"a\": 1,\n\"b\": 2}", "{\"a\":1,\"b\":2}"},
        {
            "> {\"a\": \"x > y\",\n> \"b\": \"line\\n> two\",\n> \"\u00e9\": \"\u2713 \ud83d\ude00\"}",
            "{\"a\":\"x > y\",\"b\":\"line\\n> two\",\"\u00e9\":\"\u2713 \ud83d\ude00\"}"
        },
    };

    private static PartialJsonParser parser(boolean expectObject) {
        return PartialJsonParser.builder()
                .lenient(true)
                .expectObject(expectObject)
                .build();
    }

    /**
     * A {@code >} that does not start a line of a value in a blockquote stays the syntax error it is: inside a line,
     * after a token on its line, in a value whose first line is not quoted; and a string still ends with its line.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void valueInABlockquote_markerElsewhere_isASyntaxError(int size) {
        for (String[] answerAndFound : new String[][] {
            {"> {\"a\": 1, > \"b\": 2}", "'>'", "11"},
            {"> {\"a\": 1,\n> \"b\": > 2}", "'>'", "18"},
            {"> {\"a\": 1\n> , > \"b\": 2}", "'>'", "14"},
            {"{\"a\": 1,\n> \"b\": 2}", "'>'", "9"},
            {"Intro:\n> note\n{\"a\": 1,\n> \"b\": 2}", "'>'", "23"},
            {"> {\"a\": \"x\n> y\"}", "U+000A", "10"},
        }) {
            for (boolean utf8 : new boolean[] {false, true}) {
                PartialJsonParser parser = parser(true);
                assertThatThrownBy(() -> ChunkFeeder.feed(parser, answerAndFound[0], size, utf8))
                        .as("%s (utf8 %s)", answerAndFound[0], utf8)
                        .isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
                            assertThat(e.found()).isEqualTo(answerAndFound[1]);
                            assertThat(e.offset()).isEqualTo(Long.parseLong(answerAndFound[2]));
                        });
            }
        }
    }
}
