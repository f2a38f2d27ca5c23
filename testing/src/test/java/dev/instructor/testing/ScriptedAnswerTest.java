package dev.instructor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.internal.transport.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Each wire format's bytes, read back structurally: SSE framing or NDJSON lines, JSON in every event, deltas that
 * concatenate to the answer, usage and finish reason at the end. The real decoders read them in integration-tests.
 */
class ScriptedAnswerTest {
    private static final String ANSWER = "{\"title\":\"Café ☕ 🚀\",\"tags\":[\"a\",\"b\\\"c\"]}";

    /** One format: its factory, where its deltas are, and where its finish reason and output tokens are. */
    record Format(
            String name,
            Function<String, ScriptedAnswer> factory,
            String deltaPath,
            String finishPath,
            String outputTokensPath,
            String complete,
            String truncated) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Format> formats() {
        return Stream.of(
                new Format(
                        "openAiChatTool",
                        json -> ScriptedAnswer.openAiChatTool("final_result", json),
                        "/choices/0/delta/tool_calls/0/function/arguments",
                        "/choices/0/finish_reason",
                        "/usage/completion_tokens",
                        "tool_calls",
                        "length"),
                new Format(
                        "openAiChatContent",
                        ScriptedAnswer::openAiChatContent,
                        "/choices/0/delta/content",
                        "/choices/0/finish_reason",
                        "/usage/completion_tokens",
                        "stop",
                        "length"),
                new Format(
                        "openAiResponsesFunctionCall",
                        json -> ScriptedAnswer.openAiResponsesFunctionCall("final_result", json),
                        "/delta",
                        "/response/status",
                        "/response/usage/output_tokens",
                        "completed",
                        "incomplete"),
                new Format(
                        "openAiResponsesText",
                        ScriptedAnswer::openAiResponsesText,
                        "/delta",
                        "/response/status",
                        "/response/usage/output_tokens",
                        "completed",
                        "incomplete"),
                new Format(
                        "anthropicTool",
                        json -> ScriptedAnswer.anthropicTool("final_result", json),
                        "/delta/partial_json",
                        "/delta/stop_reason",
                        "/usage/output_tokens",
                        "tool_use",
                        "max_tokens"),
                new Format(
                        "anthropicText",
                        ScriptedAnswer::anthropicText,
                        "/delta/text",
                        "/delta/stop_reason",
                        "/usage/output_tokens",
                        "end_turn",
                        "max_tokens"),
                new Format(
                        "geminiText",
                        ScriptedAnswer::geminiText,
                        "/candidates/0/content/parts/0/text",
                        "/candidates/0/finishReason",
                        "/usageMetadata/candidatesTokenCount",
                        "STOP",
                        "MAX_TOKENS"),
                new Format(
                        "ollama",
                        ScriptedAnswer::ollama,
                        "/message/content",
                        "/done_reason",
                        "/eval_count",
                        "stop",
                        "length"));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void everyFormat_deltasConcatenateToTheAnswer_usageAndFinishAtTheEnd(Format format) {
        ScriptedAnswer answer = format.factory().apply(ANSWER).deltaSize(3).usage(12, 5);

        List<JsonNode> events = events(answer);

        assertThat(texts(events, format.deltaPath())).isEqualTo(ANSWER);
        assertThat(values(events, format.finishPath())).containsExactly(format.complete());
        List<String> outputTokens = values(events, format.outputTokensPath());
        assertThat(outputTokens).isNotEmpty().endsWith("5");
    }

    @ParameterizedTest
    @MethodSource("formats")
    void truncated_endsWithTheFormatsOwnReason(Format format) {
        ScriptedAnswer answer = format.factory().apply(ANSWER).finish(ScriptedAnswer.Finish.TRUNCATED);

        assertThat(values(events(answer), format.finishPath())).containsExactly(format.truncated());
    }

    @ParameterizedTest
    @MethodSource("formats")
    void errorAfter_sendsSomeDeltasThenAnErrorAndNoFinish(Format format) {
        ScriptedAnswer answer = format.factory().apply(ANSWER).deltaSize(4).errorAfter(2, "overloaded");

        List<JsonNode> events = events(answer);

        assertThat(texts(events, format.deltaPath())).isEqualTo(ANSWER.substring(0, 8));
        assertThat(values(events, format.finishPath())).isEmpty();
        assertThat(events.get(events.size() - 1).toString()).contains("overloaded");
    }

    @ParameterizedTest
    @MethodSource("formats")
    void toResponse_sseFramingOrNdjsonLines(Format format) {
        ScriptedAnswer answer = format.factory().apply(ANSWER);
        String body = new String(answer.toBytes(), StandardCharsets.UTF_8);
        String contentType = answer.toResponse().headers().get("Content-Type");

        if (format.name().equals("ollama")) {
            assertThat(contentType).isEqualTo("application/x-ndjson");
            assertThat(body).endsWith("}\n").doesNotContain("\n\n");
        } else {
            assertThat(contentType).isEqualTo("text/event-stream");
            // Gemini frames its events with CRLF (the recorded gemini-*.sse streams), the others with LF.
            String end = format.name().startsWith("gemini") ? "\r\n" : "\n";
            assertThat(body).endsWith(end + end);
            assertThat(body.replace(end, "")).doesNotContain("\r").doesNotContain("\n");
            body = body.replace(end, "\n");
            for (String block : body.split("\n\n")) {
                assertThat(block.lines().filter(line -> line.startsWith("data: ")))
                        .as(block)
                        .hasSize(1);
                assertThat(block.lines()).allMatch(line -> line.startsWith("data: ") || line.startsWith("event: "));
            }
        }
    }

    @Test
    void deltas_neverSplitASurrogatePair() {
        String text = "a🚀b🚀🚀c";

        for (int size = 1; size <= 4; size++) {
            List<String> deltas =
                    ScriptedAnswer.openAiChatContent(text).deltaSize(size).deltas();
            assertThat(String.join("", deltas)).isEqualTo(text);
            assertThat(deltas)
                    .noneMatch(delta -> Character.isHighSurrogate(delta.charAt(delta.length() - 1)))
                    .noneMatch(delta -> Character.isLowSurrogate(delta.charAt(0)));
        }
    }

    @ParameterizedTest
    @MethodSource("formats")
    void tokens_streamTheAnswerInExactlyThoseDeltas_modelNamed(Format format) {
        List<String> tokens = List.of("{\"title\":", "\"Café ☕ 🚀\"", ",\"tags\":[\"a\",\"b\\\"c\"]}");
        ScriptedAnswer answer = format.factory().apply(ANSWER).tokens(tokens).model("gpt-test-9");

        List<JsonNode> events = events(answer);

        assertThat(events.stream().map(event -> event.at(format.deltaPath())).filter(JsonNode::isString))
                .extracting(JsonNode::stringValue)
                .filteredOn(text -> !text.isEmpty())
                .containsExactlyElementsOf(tokens);
        assertThat(new String(answer.toBytes(), StandardCharsets.UTF_8)).contains("\"gpt-test-9\"");
        assertThatThrownBy(() -> format.factory().apply(ANSWER).tokens(List.of("{")))
                .hasMessageContaining("[{]");
    }

    @ParameterizedTest
    @MethodSource("formats")
    void tokens_cutInsideASurrogatePair_streamTheAnswerUnchanged(Format format) {
        int rocket = ANSWER.indexOf("🚀");
        List<String> tokens = List.of(ANSWER.substring(0, rocket + 1), ANSWER.substring(rocket + 1));
        ScriptedAnswer answer = format.factory().apply(ANSWER).tokens(tokens);

        assertThat(texts(events(answer), format.deltaPath())).isEqualTo(ANSWER);
    }

    @Test
    void deltas_unmodifiableWithOrWithoutTokens() {
        List<String> cut = ScriptedAnswer.openAiChatContent(ANSWER).deltaSize(3).deltas();
        List<String> given =
                ScriptedAnswer.openAiChatContent("ab").tokens(List.of("a", "b")).deltas();
        assertThatThrownBy(() -> cut.add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> given.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toolAnswers_carryToolNameAndCallId() {
        String body = new String(
                ScriptedAnswer.anthropicTool("final_result", ANSWER)
                        .toolCallId("toolu_9")
                        .toBytes(),
                StandardCharsets.UTF_8);

        assertThat(body).contains("\"name\":\"final_result\"").contains("\"id\":\"toolu_9\"");
    }

    @Test
    void toolAnswers_defaultCallIdLooksLikeTheProvidersOwn() {
        assertThat(values(events(ScriptedAnswer.anthropicTool("final_result", ANSWER)), "/content_block/id"))
                .singleElement()
                .asString()
                .startsWith("toolu_");
        assertThat(values(
                        events(ScriptedAnswer.openAiChatTool("final_result", ANSWER)),
                        "/choices/0/delta/tool_calls/0/id"))
                .singleElement()
                .asString()
                .startsWith("call_");
        assertThat(values(events(ScriptedAnswer.openAiResponsesFunctionCall("final_result", ANSWER)), "/item/call_id"))
                .isNotEmpty()
                .allMatch(id -> id.startsWith("call_"));
    }

    @Test
    void tokens_withRefusal_streamTheRefusalInThoseDeltas_orFailAtOnce() {
        // A refused answer streams the refusal, so tokens describe the refusal; tokens that do not spell out what
        // is streamed fail at once, in either order, rather than being ignored.
        ScriptedAnswer refused =
                ScriptedAnswer.openAiChatContent(ANSWER).refusal("No thanks.").tokens(List.of("No", " thanks."));
        assertThat(refused.deltas()).containsExactly("No", " thanks.");
        assertThat(texts(events(refused), "/choices/0/delta/refusal")).isEqualTo("No thanks.");

        List<String> answerTokens = List.of(ANSWER.substring(0, 5), ANSWER.substring(5));
        assertThatThrownBy(() -> ScriptedAnswer.openAiChatContent(ANSWER)
                        .tokens(answerTokens)
                        .refusal("No thanks."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokens");
        assertThatThrownBy(() -> ScriptedAnswer.openAiChatContent(ANSWER)
                        .refusal("No thanks.")
                        .tokens(answerTokens))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokens");
    }

    @Test
    void markdown_wrapsTheAnswerInAFence() {
        List<JsonNode> events = events(ScriptedAnswer.openAiChatMarkdown(ANSWER));

        assertThat(texts(events, "/choices/0/delta/content")).contains("```json\n" + ANSWER + "\n```");
    }

    @Test
    void refusal_streamsTheRefusalInsteadOfTheAnswer() {
        List<JsonNode> chat =
                events(ScriptedAnswer.openAiChatTool("final_result", ANSWER).refusal("I can't help with that."));
        List<JsonNode> anthropic = events(ScriptedAnswer.anthropicText(ANSWER).refusal("No."));

        assertThat(texts(chat, "/choices/0/delta/refusal")).isEqualTo("I can't help with that.");
        assertThat(texts(chat, "/choices/0/delta/tool_calls/0/function/arguments"))
                .isEmpty();
        assertThat(values(anthropic, "/delta/stop_reason")).containsExactly("refusal");
    }

    @Test
    void contentFilter_writesEachFormatsReason() {
        assertThat(values(
                        events(ScriptedAnswer.openAiChatContent(ANSWER).finish(ScriptedAnswer.Finish.CONTENT_FILTER)),
                        "/choices/0/finish_reason"))
                .containsExactly("content_filter");
        assertThat(values(
                        events(ScriptedAnswer.geminiText(ANSWER).finish(ScriptedAnswer.Finish.CONTENT_FILTER)),
                        "/candidates/0/finishReason"))
                .containsExactly("SAFETY");
        assertThat(values(
                        events(ScriptedAnswer.openAiResponsesText(ANSWER).finish(ScriptedAnswer.Finish.CONTENT_FILTER)),
                        "/response/incomplete_details/reason"))
                .containsExactly("content_filter");
    }

    @Test
    void openAiResponses_deltasNameTheirItem_doneEventsAndFinalOutputAsTheApiSends() {
        List<JsonNode> call = events(ScriptedAnswer.openAiResponsesFunctionCall("final_result", ANSWER));
        List<JsonNode> text = events(ScriptedAnswer.openAiResponsesText(ANSWER));

        assertThat(values(call, "/type"))
                .containsSubsequence(
                        "response.output_item.added",
                        "response.function_call_arguments.delta",
                        "response.function_call_arguments.done",
                        "response.output_item.done",
                        "response.completed");
        assertDeltasNameTheOneItem(call);
        assertThat(values(call, "/arguments")).containsExactly(ANSWER);
        assertThat(values(call, "/response/output/0/arguments")).containsExactly(ANSWER);

        assertThat(values(text, "/type"))
                .containsSubsequence(
                        "response.output_item.added",
                        "response.content_part.added",
                        "response.output_text.delta",
                        "response.output_text.done",
                        "response.content_part.done",
                        "response.output_item.done",
                        "response.completed");
        assertDeltasNameTheOneItem(text);
        assertThat(values(text, "/text")).containsExactly(ANSWER);
        assertThat(values(text, "/response/output/0/content/0/text")).containsExactly(ANSWER);
    }

    @Test
    void openAiResponses_everyEventNumberedInOrder_asTheApiSends() {
        for (ScriptedAnswer answer : List.of(
                ScriptedAnswer.openAiResponsesFunctionCall("final_result", ANSWER),
                ScriptedAnswer.openAiResponsesText(ANSWER).finish(ScriptedAnswer.Finish.TRUNCATED),
                ScriptedAnswer.openAiResponsesText(ANSWER).errorAfter(2, "overloaded"))) {
            List<JsonNode> events = events(answer);

            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).at("/sequence_number").asLong(-1))
                        .as(events.get(i).toString())
                        .isEqualTo(i);
            }
        }
    }

    @Test
    void openAiResponses_errorEventNestsTheError_asTheRecordedStreamDoes() {
        // openai-responses-error-insufficient-quota.sse: {"type":"error","sequence_number":2,"error":{...}}, where
        // the API reference shows the fields flat; a client should read what the server sends.
        List<JsonNode> events =
                events(ScriptedAnswer.openAiResponsesText(ANSWER).errorAfter(1, "overloaded"));

        JsonNode error = events.get(events.size() - 1);
        assertThat(error.at("/type").stringValue()).isEqualTo("error");
        assertThat(error.at("/error/message").stringValue()).isEqualTo("overloaded");
        assertThat(error.at("/error/code").stringValue()).isNotEmpty();
        assertThat(error.at("/error/type").stringValue()).isNotEmpty();
    }

    @Test
    void openAiResponses_failedAfterError_sendsResponseFailedWithUsage_asTheRecordedStreamDoes() {
        // openai-responses-error-insufficient-quota.sse: "error", then "response.failed" with the response's status,
        // error and usage.
        List<JsonNode> events = events(ScriptedAnswer.openAiResponsesText(ANSWER)
                .usage(12, 5)
                .errorAfter(1, "overloaded")
                .failedAfterError());

        assertThat(values(events, "/type")).endsWith("error", "response.failed");
        JsonNode failed = events.get(events.size() - 1);
        assertThat(failed.at("/response/status").stringValue()).isEqualTo("failed");
        assertThat(failed.at("/response/error/message").stringValue()).isEqualTo("overloaded");
        assertThat(failed.at("/response/usage/input_tokens").asLong()).isEqualTo(12);
        assertThat(failed.at("/response/usage/output_tokens").asLong()).isEqualTo(5);
    }

    @Test
    void failedAfterError_withoutAnError_isRejected_notASuccessfulStream() {
        assertThatThrownBy(() -> ScriptedAnswer.openAiResponsesText(ANSWER).failedAfterError())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("errorAfter");
    }

    @Test
    void failedAfterError_outsideOpenAiResponses_isRejected() {
        assertThatThrownBy(() -> ScriptedAnswer.anthropicText(ANSWER).failedAfterError())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("response.failed");
    }

    @Test
    void gemini_everyChunkCarriesUsageSoFar_asTheApiSends() {
        // Gemini sends usageMetadata in every chunk: the prompt's count, and the candidates' count so far.
        for (ScriptedAnswer answer : List.of(
                ScriptedAnswer.geminiText(ANSWER).deltaSize(5).usage(12, 9),
                ScriptedAnswer.geminiText("").usage(12, 9))) {
            List<JsonNode> chunks = events(answer);

            assertThat(chunks).allSatisfy(chunk -> assertThat(
                            chunk.at("/usageMetadata/promptTokenCount").asLong())
                    .isEqualTo(12));
            List<Long> candidates = chunks.stream()
                    .map(chunk ->
                            chunk.at("/usageMetadata/candidatesTokenCount").asLong(-1))
                    .toList();
            assertThat(candidates).isSorted().doesNotContain(-1L).endsWith(9L);
            assertThat(chunks).allSatisfy(chunk -> assertThat(
                            chunk.at("/usageMetadata/totalTokenCount").asLong())
                    .isEqualTo(
                            12 + chunk.at("/usageMetadata/candidatesTokenCount").asLong()));
        }
    }

    @Test
    void anthropicTool_truncated_blockLeftOpen_asTheRecordedStreamEnds() {
        // anthropic-messages-tools-truncated-max-tokens.sse: the tool_use block cut by max_tokens gets no
        // content_block_stop; message_delta and message_stop follow the last input_json_delta.
        List<String> types = values(
                events(ScriptedAnswer.anthropicTool("final_result", ANSWER).finish(ScriptedAnswer.Finish.TRUNCATED)),
                "/type");

        assertThat(types).doesNotContain("content_block_stop");
        assertThat(types.subList(types.size() - 3, types.size()))
                .containsExactly("content_block_delta", "message_delta", "message_stop");
        assertThat(values(events(ScriptedAnswer.anthropicTool("final_result", ANSWER)), "/type"))
                .contains("content_block_stop");
    }

    @Test
    void openAiChatContent_firstChunkCarriesTheRole_asTheApiSends() {
        List<JsonNode> content = events(ScriptedAnswer.openAiChatContent(ANSWER));
        List<JsonNode> refusal = events(ScriptedAnswer.openAiChatContent(ANSWER).refusal("No."));

        assertThat(content.get(0).at("/choices/0/delta/role").stringValue()).isEqualTo("assistant");
        assertThat(values(content, "/choices/0/delta/role")).containsExactly("assistant");
        assertThat(refusal.get(0).at("/choices/0/delta/role").stringValue()).isEqualTo("assistant");
    }

    @Test
    void anthropic_messageStartAndDeltaCarryTheApisFields_pingAfterTheBlockStart() {
        List<JsonNode> events = events(ScriptedAnswer.anthropicTool("final_result", ANSWER));

        JsonNode message = events.get(0).at("/message");
        assertThat(message.at("/content").isArray()).isTrue();
        assertThat(message.at("/content")).isEmpty();
        assertThat(message.at("/stop_reason").isNull()).isTrue();
        assertThat(message.at("/stop_sequence").isNull()).isTrue();
        assertThat(values(events, "/type"))
                .containsSubsequence("message_start", "content_block_start", "ping", "content_block_delta");
        JsonNode messageDelta = events.stream()
                .filter(event -> event.at("/type").stringValue().equals("message_delta"))
                .findFirst()
                .orElseThrow();
        assertThat(messageDelta.at("/delta/stop_sequence").isNull()).isTrue();
    }

    @Test
    void tokens_nullListOrToken_rejectedNamingTokens() {
        assertThatThrownBy(() -> ScriptedAnswer.ollama(ANSWER).tokens(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokens");
        assertThatThrownBy(() -> ScriptedAnswer.ollama("ab").tokens(java.util.Arrays.asList("a", null, "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokens");
    }

    @Test
    void openAiChat_everyChunkCarriesCreated() {
        List<JsonNode> chat = events(ScriptedAnswer.openAiChatTool("final_result", ANSWER));

        assertThat(chat).allSatisfy(chunk -> assertThat(chunk.at("/created").isIntegralNumber())
                .isTrue());
    }

    @Test
    void ollama_everyLineCarriesCreatedAt_doneLineTheDurations() {
        List<JsonNode> ollama = events(ScriptedAnswer.ollama(ANSWER));

        assertThat(ollama).allSatisfy(line -> assertThat(line.at("/created_at").isString())
                .isTrue());
        assertThat(ollama.get(ollama.size() - 1).at("/total_duration").isIntegralNumber())
                .isTrue();
    }

    @Test
    void ollama_zeroTokenCountsLeftOut_asOllamaDoes() {
        // Ollama's Go structs mark prompt_eval_count and eval_count omitempty: a prompt read whole from its cache
        // (in servers before 0.2) or an empty answer sends no count at all, not 0.
        JsonNode done = last(events(ScriptedAnswer.ollama(ANSWER).usage(0, 0)));
        assertThat(done.has("prompt_eval_count")).isFalse();
        assertThat(done.has("eval_count")).isFalse();

        JsonNode counted = last(events(ScriptedAnswer.ollama(ANSWER).usage(3, 4)));
        assertThat(counted.at("/prompt_eval_count").asLong()).isEqualTo(3);
        assertThat(counted.at("/eval_count").asLong()).isEqualTo(4);
    }

    private static JsonNode last(List<JsonNode> events) {
        return events.get(events.size() - 1);
    }

    @Test
    void geminiFunctionCall_comesWholeInOneChunk_withTheFinishAndUsage() {
        ScriptedAnswer answer = ScriptedAnswer.geminiFunctionCall("ListOfIdea", ANSWER)
                .deltaSize(2)
                .usage(12, 5);

        List<JsonNode> events = events(answer);

        assertThat(events).hasSize(1);
        JsonNode call = events.get(0).at("/candidates/0/content/parts/0/functionCall");
        assertThat(call.path("name").asString()).isEqualTo("ListOfIdea");
        assertThat(call.path("args").toString()).isEqualTo(ANSWER);
        assertThat(values(events, "/candidates/0/finishReason")).containsExactly("STOP");
        assertThat(values(events, "/usageMetadata/candidatesTokenCount")).containsExactly("5");
        assertThatThrownBy(() -> ScriptedAnswer.geminiFunctionCall("ListOfIdea", "[1, 2]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 2]");
    }

    @Test
    void invalidConfiguration_rejectedAtOnceNamingTheValue() {
        assertThatThrownBy(() -> ScriptedAnswer.ollama(ANSWER).finish(ScriptedAnswer.Finish.CONTENT_FILTER))
                .hasMessageContaining("OLLAMA");
        assertThatThrownBy(() -> ScriptedAnswer.geminiText(ANSWER).refusal("no"))
                .hasMessageContaining("GEMINI");
        assertThatThrownBy(() -> ScriptedAnswer.geminiText(ANSWER).deltaSize(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> ScriptedAnswer.geminiText(ANSWER).usage(-1, 2)).hasMessageContaining("-1");
        assertThatThrownBy(() -> ScriptedAnswer.anthropicTool("", ANSWER)).hasMessageContaining("toolName");
    }

    /** Returns the JSON of every event (SSE data or NDJSON line), leaving out OpenAI's {@code [DONE]}. */
    private static List<JsonNode> events(ScriptedAnswer answer) {
        String body = new String(answer.toBytes(), StandardCharsets.UTF_8);
        List<JsonNode> events = new ArrayList<>();
        for (String line : body.split("\n")) {
            String data = line.startsWith("data: ") ? line.substring(6) : line.startsWith("{") ? line : null;
            if (data != null && !data.equals("[DONE]")) {
                events.add(Json.parse(data));
            }
        }
        return events;
    }

    private static String texts(List<JsonNode> events, String pointer) {
        return events.stream()
                .map(event -> event.at(pointer))
                .filter(JsonNode::isString)
                .map(JsonNode::stringValue)
                .collect(Collectors.joining());
    }

    /** Returns the non-null, non-empty scalar values at {@code pointer}, as text. */
    /** Asserts the events that name an item (by {@code item_id}) all name the first item added, which has an id. */
    private static void assertDeltasNameTheOneItem(List<JsonNode> events) {
        String itemId = values(events, "/item/id").get(0);
        assertThat(itemId).isNotEmpty();
        assertThat(values(events, "/item_id")).isNotEmpty().allMatch(itemId::equals);
    }

    private static List<String> values(List<JsonNode> events, String pointer) {
        return events.stream()
                .map(event -> event.at(pointer))
                .filter(node -> node.isValueNode() && !node.isNull())
                .map(node -> node.isString() ? node.stringValue() : node.toString())
                .filter(value -> !value.isEmpty() && !value.equals("in_progress"))
                .toList();
    }
}
