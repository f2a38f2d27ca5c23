package dev.instructor.json;

import static dev.instructor.json.ChunkFeeder.feed;
import static dev.instructor.json.ChunkFeeder.feedSplit;
import static dev.instructor.json.ChunkFeeder.renders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PartialJsonParser.Builder#startsInsideReasoning}: the answer of a model whose chat template wrote the opening
 * {@code <think>} into the prompt starts with the reasoning itself, drafts of the value included, and only its closing
 * marker shows where the reasoning ends.
 */
class StartsInsideReasoningTest {
    private static final String FINAL = "{\"title\":\"final\"}";

    /** The closing markers of every block lenient mode knows (see {@link ReasoningBlock}). */
    private static final List<String> CLOSING_MARKERS = List.of(
            "</think>", "</thinking>", "[/THINK]", "<|end|>", "</seed:think>", "\u25c1/think\u25b7", "assistantfinal");

    private static PartialJsonParser parser(boolean expectObject) {
        return PartialJsonParser.builder()
                .lenient(true)
                .expectObject(expectObject)
                .startsInsideReasoning(true)
                .build();
    }

    /** Feeds the answer as chars and as UTF-8, whether an object is expected or not: no snapshot shows a draft. */
    private static void assertSkipsTheDrafts(String answer, int size) {
        for (boolean utf8 : new boolean[] {false, true}) {
            for (boolean expectObject : new boolean[] {false, true}) {
                PartialJsonParser parser = parser(expectObject);
                List<Optional<PartialValue>> snapshots = feed(parser, answer, size, utf8);
                assertThat(parser.finish().toJson())
                        .as("utf8 %s, expectObject %s", utf8, expectObject)
                        .isEqualTo(FINAL);
                assertThat(renders(snapshots)).noneMatch(json -> json.contains("draft"));
            }
        }
    }

    private static String expected(boolean expectObject) {
        return "'</think>' or another closing marker to end the reasoning the input starts inside, then "
                + (expectObject ? "a JSON object" : "a JSON object or array");
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void draftsBeforeTheClosingMarker_areSkipped(int size) {
        assertSkipsTheDrafts(
                "Okay, the user wants {\"title\": \"draft\"}, or [{\"title\": \"draft\"}] or [1]. Caf\u00e9.\n"
                        + "```json\n{\"title\": \"draft\"}\n```\nThe </thin is not the end, nor <think>.\n</think>\n\n"
                        + "{\"title\": \"final\"} and after it {\"title\": \"draft\"}",
                size);
    }

    /** The closing marker cut anywhere between two chunks still ends the reasoning. */
    @Test
    void closingMarkerSplitAcrossChunks_endsTheReasoning() {
        String reasoning = "A draft: {\"title\": \"draft\"}</THINK";
        String answer = reasoning + ">{\"title\": \"final\"}";
        int start = reasoning.length() - "</THINK".length();
        for (int cut = start; cut <= reasoning.length() + 1; cut++) {
            for (int second = cut; second <= reasoning.length() + 1; second++) {
                PartialJsonParser parser = parser(true);
                List<Optional<PartialValue>> snapshots = feedSplit(parser, answer, cut, second);
                assertThat(parser.finish().toJson())
                        .as("cuts %d, %d", cut, second)
                        .isEqualTo(FINAL);
                assertThat(renders(snapshots)).noneMatch(json -> json.contains("draft"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void fenceAfterTheReasoning_holdsTheValue(int size) {
        assertSkipsTheDrafts(
                "Maybe [\"draft\"] or {\"title\": \"draft\"}.\n</think>\n\nHere it is:\n\n```python\n"
                        + "x = {\"title\": \"draft\"}\n```\n\n```json\n{\"title\": \"final\"}\n```\n",
                size);
    }

    /**
     * A model that writes the opening marker itself, after the template's: the marker is reasoning text, as any is,
     * and the first closing marker ends the reasoning (blocks do not nest). A block the model opens after that is
     * skipped as lenient mode skips any.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void openingMarkerWrittenAsWell_isReasoningText(int size) {
        assertSkipsTheDrafts("<think>\nA draft: {\"title\": \"draft\"}\n</think>\n\n{\"title\": \"final\"}", size);
        assertSkipsTheDrafts(
                "\n<think>{\"title\": \"draft\"}</think> <think>[\"draft\"]</think> {\"title\": \"final\"}", size);
    }

    /** Every closing marker lenient mode knows ends the reasoning, whichever model wrote it. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void everyKnownClosingMarker_endsTheReasoning(int size) {
        for (String marker : CLOSING_MARKERS) {
            assertSkipsTheDrafts("We need {\"title\": \"draft\"}." + marker + FINAL, size);
        }
        assertSkipsTheDrafts("We need {\"title\": \"draft\"}.</Think>" + FINAL, size);
    }

    /** The answer's start is reasoning: a stripped Harmony channel name after the marker is prose, not a new block. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void answerAfterTheReasoning_isNotTheStartOfTheAnswer(int size) {
        assertSkipsTheDrafts("{\"title\": \"draft\"}</think>analysisOf" + FINAL, size);
    }

    /**
     * An answer that ends inside the reasoning (cut by a token limit, or from a server that moved the reasoning out of
     * the answer after all, so that no closing marker ever comes) fails at the end of input, naming the reasoning that
     * never closed and where the input ended, in bytes for UTF-8.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void finish_beforeTheClosingMarker_namesTheReasoningThatNeverClosed(int size) {
        String answer = "Caf\u00e9, I will answer\r\n{\"title\": \"final\"}</think";
        for (boolean utf8 : new boolean[] {false, true}) {
            for (boolean expectObject : new boolean[] {false, true}) {
                PartialJsonParser parser = parser(expectObject);
                List<Optional<PartialValue>> snapshots = feed(parser, answer, size, utf8);
                assertThat(renders(snapshots)).isEmpty();
                assertThatThrownBy(parser::finish)
                        .as("utf8 %s, expectObject %s", utf8, expectObject)
                        .isInstanceOfSatisfying(JsonIncompleteException.class, e -> {
                            assertThat(e.partial()).isNull();
                            assertThat(e.expected()).isEqualTo(expected(expectObject));
                            assertThat(e.offset())
                                    .isEqualTo(utf8 ? answer.getBytes(StandardCharsets.UTF_8).length : answer.length());
                            assertThat(e.line()).isEqualTo(2);
                            assertThat(e.column()).isEqualTo(answer.length() - answer.indexOf('\n'));
                        });
            }
        }
    }

    @Test
    void finish_withNoInput_namesTheReasoningThatNeverClosed() {
        PartialJsonParser parser = parser(false);
        assertThatThrownBy(parser::finish)
                .isInstanceOfSatisfying(JsonIncompleteException.class, e -> assertThat(e.expected())
                        .isEqualTo(expected(false)));
    }

    /** Once the reasoning has ended, what follows is read as any lenient answer, its errors placed as ever. */
    @Test
    void errorInTheValue_isPlacedFromTheStartOfTheAnswer() {
        PartialJsonParser parser = parser(true);
        String answer = "{draft}\n</think>\n{\"title\": tru}";
        assertThatThrownBy(() -> parser.feed(answer)).isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
            assertThat(e.offset()).isEqualTo(answer.indexOf("tru") + 3);
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo("{\"title\": tru".length() + 1);
        });
    }

    @Test
    void withoutTheOption_theFirstDraftIsTakenForTheValue() {
        PartialJsonParser parser = PartialJsonParser.builder().lenient(true).build();
        parser.feed("A draft: {\"title\": \"draft\"}</think>" + FINAL);
        assertThat(parser.finish().toJson()).contains("draft");
    }

    /**
     * Seeded random reasoning and prose, made of the pieces the prelude reacts to: the outcome is the same fed whole,
     * in chunks and as bytes; and the value is the one lenient mode finds in the text after the first closing marker,
     * found here by a plain search, or an error when lenient mode finds none there.
     */
    @Test
    void randomReasoning_isSkippedUpToTheFirstClosingMarker() {
        Random random = new Random(20261123);
        String[] pieces = LenientPreludeFuzzTest.PIECES;
        for (int round = 0; round < 10_000; round++) {
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(16);
            for (int i = 0; i < count; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            text.append(random.nextBoolean() ? "{\"v\": [1, \"s\"]}" : "[true]").append(" ```\n");
            String document = text.toString();
            for (boolean expectObject : new boolean[] {false, true}) {
                String whole = LenientPreludeFuzzTest.outcome(
                        parser(expectObject), document, random, Integer.MAX_VALUE, false);
                String chars = LenientPreludeFuzzTest.outcome(parser(expectObject), document, random, 4, false);
                String bytes = LenientPreludeFuzzTest.outcome(parser(expectObject), document, random, 4, true);
                assertThat(chars).as("round %d, chars: %s", round, document).isEqualTo(whole);
                assertThat(bytes.replaceAll("at offset \\d+", ""))
                        .as("round %d, bytes: %s", round, document)
                        .isEqualTo(whole.replaceAll("at offset \\d+", ""));
                assertThat(whole)
                        .as("round %d: %s", round, document)
                        .isEqualTo(afterTheReasoning(document, expectObject, whole));
            }
        }
    }

    /**
     * Returns what lenient mode finds after the first closing marker of {@code document}, for comparison with {@code
     * whole}, the parser's outcome: the value, the same kind of error, or the reasoning that never closed.
     */
    private static String afterTheReasoning(String document, boolean expectObject, String whole) {
        int start = -1;
        int end = -1;
        for (String marker : CLOSING_MARKERS) {
            boolean anyCase = marker.startsWith("</think");
            int at = (anyCase ? document.toLowerCase(Locale.ROOT) : document).indexOf(marker);
            if (at >= 0 && (end < 0 || at + marker.length() < end)) {
                start = at;
                end = at + marker.length();
            }
        }
        if (end < 0) {
            String never = "JsonIncompleteException: Unexpected end of input, expected " + expected(expectObject)
                    + " at offset";
            return whole.startsWith(never) ? whole : never;
        }
        // The marker, as prose, keeps what follows it inside its line, and away from the answer's very start.
        String rest = document.substring(start);
        PartialJsonParser plain = PartialJsonParser.builder()
                .lenient(true)
                .expectObject(expectObject)
                .build();
        try {
            plain.feed(rest);
            return plain.finish().toJson();
        } catch (JsonParseException e) {
            // The error's place counts from the start of the document: only its kind is compared.
            return whole.startsWith(e.getClass().getSimpleName())
                    ? whole
                    : e.getClass().getSimpleName();
        }
    }

    @Test
    void strictMode_refusesTheOption() {
        PartialJsonParser.Builder builder = PartialJsonParser.builder().startsInsideReasoning(true);
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("startsInsideReasoning")
                .hasMessageContaining("lenient");
    }
}
