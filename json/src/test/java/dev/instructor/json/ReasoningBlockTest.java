package dev.instructor.json;

import static dev.instructor.json.ChunkFeeder.feedChars;
import static dev.instructor.json.ChunkFeeder.feedUtf8;
import static dev.instructor.json.ChunkFeeder.renders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reasoning blocks of models other than DeepSeek-R1's {@code <think>} (see {@link LenientModeTest}), written into the
 * answer when a server runs no reasoning parser: each is skipped whole, fed as chars or as UTF-8 bytes, whether an
 * object is expected or any value.
 */
class ReasoningBlockTest {

    private static PartialJsonParser parser(boolean expectObject) {
        return PartialJsonParser.builder()
                .lenient(true)
                .expectObject(expectObject)
                .build();
    }

    /** Feeds the answer every way, expecting the value and no snapshot holding the draft. */
    private static void assertSkipsTheDraft(String answer, int size) {
        for (boolean expectObject : new boolean[] {false, true}) {
            PartialJsonParser chars = parser(expectObject);
            List<Optional<PartialValue>> snapshots = feedChars(chars, answer, size);
            assertThat(chars.finish().toJson())
                    .as("chars, expectObject %s", expectObject)
                    .isEqualTo("{\"title\":\"final\"}");
            assertThat(renders(snapshots)).noneMatch(json -> json.contains("draft"));

            PartialJsonParser bytes = parser(expectObject);
            snapshots = feedUtf8(bytes, answer, size);
            assertThat(bytes.finish().toJson())
                    .as("bytes, expectObject %s", expectObject)
                    .isEqualTo("{\"title\":\"final\"}");
            assertThat(renders(snapshots)).noneMatch(json -> json.contains("draft"));
        }
    }

    private static void assertIncomplete(String text, String expected) {
        for (boolean expectObject : new boolean[] {false, true}) {
            PartialJsonParser parser = parser(expectObject);
            parser.feed(text);
            String value = expectObject ? "a JSON object" : "a JSON object or array";
            assertThatThrownBy(parser::finish).isInstanceOfSatisfying(JsonIncompleteException.class, e -> {
                assertThat(e.partial()).isNull();
                assertThat(e.expected())
                        .isEqualTo(expected + " to close the block opened at line 1, column 1, then " + value);
            });
        }
    }

    // ---- Magistral: [THINK]...[/THINK] ----

    /**
     * Magistral Small 1.1 and 1.2 wrap their reasoning in the special tokens {@code [THINK]} and {@code [/THINK]}; the
     * block's bracket must not start an array, nor the drafts in it the value.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void magistralThinkBlock_isSkippedWhole(int size) {
        assertSkipsTheDraft(
                "[THINK]Caf\u00e9 wants [{\"title\": \"draft\"}], or [1] or\n```json\n{\"title\": \"draft\"}\n```\n"
                        + "and [/THINK is not the end, [/think] neither.[/THINK]\n{\"title\": \"final\"}",
                size);
    }

    /** Quoted in inline code, the marker is written about, not written: no block opens. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void magistralThinkMarkerInInlineCode_opensNoBlock(int size) {
        assertSkipsTheDraft("Magistral writes `[THINK]` first. {\"title\": \"final\"} [/THINK]", size);
    }

    /** Whitespace after a bracket in prose, read while the bracket waits for its next char, breaks a marker too. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void magistralThinkMarkerWithWhitespace_opensNoBlock(int size) {
        assertSkipsTheDraft("Not [ THINK] nor [\nTHINK]: {\"title\": \"final\"} [/THINK]", size);
    }

    @Test
    void finish_insideMagistralThinkBlock_namesTheClosingMarker() {
        assertIncomplete("[THINK]I will answer {\"title\": \"draft\"}[/THIN", "'[/THINK]'");
    }

    /** The error when no value follows names a bracket of the prose, never the one that began the marker. */
    @Test
    void finish_afterMagistralThinkBlockWithoutValue_blamesNoBracketOfTheMarker() {
        for (boolean expectObject : new boolean[] {false, true}) {
            String value = expectObject ? "a JSON object" : "a JSON object or array";
            PartialJsonParser none = parser(expectObject);
            none.feed("[THINK]x[/THINK]Sorry, no.");
            assertThatThrownBy(none::finish)
                    .isInstanceOfSatisfying(JsonIncompleteException.class, e -> assertThat(e.expected())
                            .isEqualTo(value));

            PartialJsonParser later = parser(expectObject);
            later.feed("[THINK]x[/THINK] see {topic}");
            assertThatThrownBy(later::finish)
                    .isInstanceOfSatisfying(JsonIncompleteException.class, e -> assertThat(e.expected())
                            .isEqualTo(value + " (the '{' at line 1, column 22 was followed by 't', so it was read as"
                                    + " prose)"));
        }
    }

    // ---- gpt-oss: Harmony's analysis channel ----

    /**
     * gpt-oss writes in OpenAI's Harmony format; unparsed, its answer text holds the analysis channel (its chain of
     * thought) up to {@code <|end|>}, then the final channel's header, then the answer.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void harmonyAnalysisChannel_isSkippedWhole(int size) {
        assertSkipsTheDraft(
                "<|channel|>analysis<|message|>We need {\"title\"}: maybe {\"title\": \"draft\"} or [1]. Caf\u00e9."
                        + " <|end not yet|> <|e|><|end|><|start|>assistant<|channel|>final<|message|>"
                        + "{\"title\": \"final\"}<|return|>",
                size);
    }

    /** A second analysis message, as after a built-in tool's result, is skipped as the first. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void harmonyAnalysisChannel_twice_bothSkipped(int size) {
        assertSkipsTheDraft(
                "<|start|>assistant<|channel|>analysis<|message|>[{\"title\": \"draft\"}]<|end|>"
                        + "<|start|>assistant<|channel|>analysis<|message|>{\"title\": \"draft\"}<|end|>"
                        + "<|start|>assistant<|channel|>final<|message|>{\"title\": \"final\"}",
                size);
    }

    /**
     * Only Harmony's final channel holds the answer: a commentary message (a preamble, or a tool call and its result)
     * is skipped up to its {@code <|end|>} as an analysis one is, and so is an analysis message addressed to a built-in
     * tool ({@code <|channel|>analysis to=python code<|message|>}).
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void harmonyChannelsOtherThanFinal_areSkippedWhole(int size) {
        assertSkipsTheDraft(
                "<|channel|>analysis<|message|>Need it.<|end|><|start|>assistant<|channel|>commentary<|message|>"
                        + "Checking {\"title\": \"draft\"} now.<|end|><|start|>assistant<|channel|>final<|message|>"
                        + "{\"title\": \"final\"}",
                size);
        assertSkipsTheDraft(
                "<|channel|>commentary to=functions.f <|constrain|>json<|message|>{\"title\": \"draft\"}<|call|>"
                        + "<|start|>functions.f to=assistant<|channel|>commentary<|message|>[{\"title\": \"draft\"}]"
                        + "<|end|><|start|>assistant<|channel|>final <|constrain|>json<|message|>{\"title\": \"final\"}",
                size);
        assertSkipsTheDraft(
                "<|channel|>analysis to=python code<|message|>print({\"title\": \"draft\"})<|call|><|start|>python"
                        + " to=assistant<|channel|>analysis<|message|>{\"title\": \"draft\"}<|end|>"
                        + "<|start|>assistant<|channel|>final<|message|>{\"title\": \"final\"}",
                size);
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void harmonyAnalysisHeaderInInlineCode_opensNoBlock(int size) {
        assertSkipsTheDraft("It writes `<|channel|>analysis<|message|>` first. {\"title\": \"final\"} <|end|>", size);
    }

    /**
     * Served with its special tokens stripped from the text, as by servers that neither parse Harmony nor keep special
     * tokens, gpt-oss answers {@code analysis} and its thinking at the very start, then {@code assistantfinal} and the
     * answer: everything up to {@code assistantfinal} is the thinking, other channels' messages included.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void harmonyWithoutSpecialTokens_isSkippedUpToTheFinalChannel(int size) {
        assertSkipsTheDraft(
                "analysisWe need {\"title\"}: maybe {\"title\": \"draft\"} or [1]. Caf\u00e9."
                        + "assistantfinal{\"title\": \"final\"}",
                size);
        assertSkipsTheDraft(
                "analysisThe user wants [{\"title\": \"draft\"}].assistantcommentary to=functions.f json"
                        + "{\"title\": \"draft\"}assistantanalysis{\"title\": \"draft\"}assistantfinal json"
                        + "{\"title\": \"final\"}",
                size);
    }

    /** Only the answer's first chars may be the stripped channel's name: a mention of analysis later is prose. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void analysisWrittenAfterTheStart_opensNoBlock(int size) {
        assertSkipsTheDraft("My analysis: {\"title\": \"final\"} assistantfinal", size);
        assertSkipsTheDraft("Analysis {\"title\": \"final\"} assistantfinal", size);
        assertSkipsTheDraft("\nanalysis {\"title\": \"final\"} assistantfinal", size);
    }

    /**
     * Stripped of its tokens, the analysis channel's name runs into its message's first word ({@code analysisWe});
     * an answer that starts with the word analysis and a space or a colon is prose.
     */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void answerStartingWithTheWordAnalysis_isProse(int size) {
        assertSkipsTheDraft("analysis: {\"title\": \"final\"} assistantfinal", size);
        assertSkipsTheDraft("analysis\n{\"title\": \"final\"}", size);
        assertSkipsTheDraft("analysis{\"title\": \"final\"}", size);
    }

    @Test
    void finish_insideHarmonyAnalysisWithoutSpecialTokens_namesTheFinalChannel() {
        assertIncomplete("analysisI will answer {\"title\": \"draft\"}assistantfin", "'assistantfinal'");
    }

    @Test
    void finish_insideHarmonyAnalysisChannel_namesItsEnd() {
        assertIncomplete("<|channel|>analysis<|message|>I will answer {\"title\": \"draft\"}<|en", "'<|end|>'");
    }

    // ---- Seed-OSS: <seed:think>...</seed:think> ----

    /** ByteDance's Seed-OSS thinks in its own special tokens; a plain {@code </think>} inside does not close them. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void seedOssThinkBlock_isSkippedWhole(int size) {
        assertSkipsTheDraft(
                "<seed:think>Caf\u00e9: {\"title\": \"draft\"} </think> [1]\n<seed:cot_budget_reflect>I have used 80"
                        + " tokens.</seed:cot_budget_reflect> </seed:thin </seed:think>{\"title\": \"final\"}",
                size);
    }

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void seedOssThinkTagInInlineCode_opensNoBlock(int size) {
        assertSkipsTheDraft("It writes `<seed:think>` first. {\"title\": \"final\"} </seed:think>", size);
    }

    @Test
    void finish_insideSeedOssThinkBlock_namesItsClosingTag() {
        assertIncomplete("<seed:think>I will answer {\"title\": \"draft\"}</seed:", "'</seed:think>'");
    }

    // ---- Kimi-VL-Thinking: \u25c1think\u25b7...\u25c1/think\u25b7 ----

    /** Moonshot's Kimi-VL-A3B-Thinking writes its thinking between triangle-bracketed markers, non-ASCII chars. */
    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void kimiVlThinkBlock_isSkippedWhole(int size) {
        assertSkipsTheDraft(
                "\u25c1think\u25b7Caf\u00e9: {\"title\": \"draft\"} </think> \u25c1/think [1]"
                        + "\u25c1/think\u25b7{\"title\": \"final\"}",
                size);
    }

    @Test
    void finish_insideKimiVlThinkBlock_namesItsClosingMarker() {
        assertIncomplete("\u25c1think\u25b7I will answer {\"title\": \"draft\"}", "'\u25c1/think\u25b7'");
    }
}
