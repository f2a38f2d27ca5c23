package dev.instructor.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.internal.transport.Json;
import dev.instructor.spi.ContentFilterException;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.MalformedStreamException;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.StreamErrorException;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.FixtureReplay;
import dev.instructor.testing.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays the recorded Gemini streams (CRLF framing; see provider-streams/README.md) whole and split. */
class GeminiFixturesTest {
    private static final String CITY = "{\n  \"city\": \"Mexico City\",\n  \"country\": \"Mexico\"\n} ";

    private final FakeProviderServer server = FakeProviderServer.start();
    private final LlmProvider provider = Gemini.builder()
            .apiKey("gm-test")
            .baseUrl(server.url("/v1beta").toString())
            .build();

    @AfterEach
    void close() {
        server.close();
    }

    private ProviderRequest request(Mode mode) {
        return ProviderRequest.builder("gemini-3-flash-preview")
                .message(Message.user("q"))
                .mode(mode)
                .schema("City", GeminiContractTest.schema())
                .build();
    }

    @Test
    void jsonTextParts() {
        String file = "gemini-stream-json-text-parts.sse";
        RecordingListener result = FixtureReplay.replay(server, provider, request(Mode.JSON_SCHEMA), file);
        result.awaitSuccess();
        assertThat(result.text()).isEqualTo(CITY);
        assertThat(result.text())
                .isEqualTo(FixtureReplay.expected(file)
                        .path("assembled")
                        .path("text")
                        .stringValue());
        assertThat(result.finish()).isEqualTo(new ProviderEvent.Finish("STOP"));
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(128, 51, 179));
    }

    @Test
    void jsonAfterGoogleSearch_toolPartsSkipped() {
        RecordingListener result = FixtureReplay.replay(
                server, provider, request(Mode.JSON_SCHEMA), "gemini-stream-json-after-google-search.sse");
        result.awaitSuccess();
        assertThat(result.text()).isEqualTo(CITY);
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(87, 78, 165));
    }

    @Test
    void vertexPartialArgs_rebuiltAsStreamedJsonText() {
        String file = "gemini-vertex-stream-function-call-partial-args-nested.sse";
        ProviderRequest request = ProviderRequest.builder("gemini-3.1-pro-preview")
                .message(Message.user("q"))
                .mode(Mode.TOOLS)
                .schema("cookRecipe", GeminiContractTest.schema())
                .build();
        RecordingListener result = FixtureReplay.replay(server, provider, request, file);
        result.awaitSuccess();
        String expected = FixtureReplay.expected(file)
                .path("assembled")
                .path("functionCall[0].cookRecipe.args")
                .stringValue();
        assertThat(Json.parse(result.text())).isEqualTo(Json.parse(expected));
        assertThat(result.text()).startsWith("{\"recipe\":{\"ingredients\":[{\"amount\":\"16 oz\"");
        assertThat(result.events())
                .anyMatch(e -> e instanceof ProviderEvent.ToolCall call
                        && call.name().equals("cookRecipe")
                        && call.signature() != null
                        && call.signature().startsWith("CmIBjz1rX0OQAtrZ"));
        assertThat(result.events().stream().filter(e -> e instanceof ProviderEvent.TextDelta))
                .hasSizeGreaterThan(20);
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(31, 1710, 1741));
    }

    @Test
    void safetyFinish_contentFiltered() {
        server.enqueue(FakeResponse.sse(
                "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"{\\\"a\"}]},\"index\": 0}]}\r\n\r\n"
                        + "data: {\"candidates\": [{\"finishReason\": \"SAFETY\",\"index\": 0}]}\r\n\r\n"));
        RecordingListener listener = new RecordingListener();
        provider.open(request(Mode.JSON_SCHEMA), listener);
        ContentFilterException failure = listener.awaitFailure(ContentFilterException.class);
        assertThat(failure.finishReason()).isEqualTo("SAFETY");
        assertThat(failure.partialText()).isEqualTo("{\"a");
    }

    @Test
    void blockedPrompt_contentFiltered_usageStillReported() {
        // A blocked prompt is billed: the chunk with promptFeedback.blockReason carries its usageMetadata.
        server.enqueue(FakeResponse.sse("data: {\"promptFeedback\": {\"blockReason\": \"PROHIBITED_CONTENT\"},"
                + "\"usageMetadata\": {\"promptTokenCount\": 9, \"totalTokenCount\": 9}}\r\n\r\n"));
        RecordingListener listener = new RecordingListener();
        provider.open(request(Mode.JSON_SCHEMA), listener);
        ContentFilterException failure = listener.awaitFailure(ContentFilterException.class);
        assertThat(failure.finishReason()).isEqualTo("PROHIBITED_CONTENT");
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(9, 0, 9));
    }

    @Test
    void errorFieldNull_notAnError() {
        server.enqueue(FakeResponse.sse(
                "data: {\"error\": null, \"candidates\": [{\"content\": {\"parts\": [{\"text\": \"{}\"}]},"
                        + "\"finishReason\": \"STOP\",\"index\": 0}]}\r\n\r\n"));
        RecordingListener listener = new RecordingListener();
        provider.open(request(Mode.JSON_SCHEMA), listener);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{}");
    }

    @Test
    void tools_functionCallArgumentsWhole() {
        server.enqueue(FakeResponse.sse(
                "data: {\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\": {\"name\": \"City\", \"args\": {\"city\": \"Lima\"}}}]},"
                        + "\"finishReason\": \"STOP\",\"index\": 0}]}\r\n\r\n"));
        RecordingListener listener = new RecordingListener();
        provider.open(request(Mode.TOOLS), listener);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{\"city\":\"Lima\"}");
        assertThat(listener.events()).contains(new ProviderEvent.ToolCall("", "City"));
    }

    @Test
    void usageTotalBelowThePrompt_outputIsTheCandidatesCount() {
        server.enqueue(
                FakeResponse.sse(
                        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"{}\"}]},\"finishReason\": \"STOP\",\"index\": 0}],"
                                + "\"usageMetadata\": {\"promptTokenCount\": 40, \"candidatesTokenCount\": 6, \"totalTokenCount\": 30}}\r\n\r\n"));
        RecordingListener listener = new RecordingListener();
        provider.open(request(Mode.JSON_SCHEMA), listener);
        listener.awaitSuccess();
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(40, 6, 46));
    }

    @Test
    void usageWithToolUsePrompt_searchResultsCountAsInput() {
        // Grounding puts the search results in toolUsePromptTokenCount: billed input, but inside totalTokenCount.
        server.enqueue(FakeResponse.sse(
                "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"{}\"}]},\"finishReason\": \"STOP\",\"index\": 0}],"
                        + "\"usageMetadata\": {\"promptTokenCount\": 26, \"candidatesTokenCount\": 80, \"toolUsePromptTokenCount\": 12504,"
                        + " \"thoughtsTokenCount\": 23, \"totalTokenCount\": 12633}}\r\n\r\n"));
        RecordingListener listener = new RecordingListener();
        provider.open(request(Mode.JSON_SCHEMA), listener);
        listener.awaitSuccess();
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(12530, 103, 12633));
    }

    @Test
    void partialArgsPathNotUnderstood_malformedStreamNotConnectionFailure() {
        // A decoder that cannot read an event must not be reported as a broken connection.
        server.enqueue(FakeResponse.sse(
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"City\",\"willContinue\":true}}]}}]}\r\n\r\n"
                        + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"partialArgs\":[{\"jsonPath\":\"$.city[*]\",\"stringValue\":\"x\"}],\"willContinue\":true}}]}}]}\r\n\r\n"
                        + "data: {\"candidates\":[{\"finishReason\":\"STOP\"}]}\r\n\r\n"));
        RecordingListener listener = new RecordingListener();
        provider.open(request(Mode.TOOLS), listener);
        MalformedStreamException failure = listener.awaitFailure(MalformedStreamException.class);
        assertThat(failure.getMessage()).contains("$.city[*]");
        assertThat(failure.partialText()).isEmpty();
    }

    @Test
    void vertexPartialArgs_lastPartCarriesArgs_laterCallNotMixedIn() {
        // The last part of a streamed call may carry partialArgs itself, without willContinue (array arguments).
        String part = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":%s}]}}]}\r\n\r\n";
        server.enqueue(FakeResponse.sse(part.formatted("{\"name\":\"City\",\"willContinue\":true}")
                + part.formatted(
                        "{\"partialArgs\":[{\"jsonPath\":\"$.city\",\"stringValue\":\"Lima\"}],\"willContinue\":true}")
                + part.formatted("{\"partialArgs\":[{\"jsonPath\":\"$.tags[0]\",\"stringValue\":\"coast\"}]}")
                + part.formatted("{\"name\":\"City\",\"willContinue\":true}")
                + part.formatted(
                        "{\"partialArgs\":[{\"jsonPath\":\"$.city\",\"stringValue\":\"Quito\"}],\"willContinue\":true}")
                + part.formatted("{}")
                + "data: {\"candidates\":[{\"finishReason\":\"STOP\"}]}\r\n\r\n"));
        RecordingListener listener = new RecordingListener();
        provider.open(request(Mode.TOOLS), listener);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{\"city\":\"Lima\",\"tags\":[\"coast\"]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION"})
    void imageFilterFinish_contentFiltered(String reason) {
        server.enqueue(FakeResponse.sse(
                "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"{\\\"a\"}]},\"index\": 0}]}\r\n\r\n"
                        + "data: {\"candidates\": [{\"finishReason\": \"" + reason + "\",\"index\": 0}]}\r\n\r\n"));
        RecordingListener listener = new RecordingListener();
        provider.open(request(Mode.JSON_SCHEMA), listener);
        ContentFilterException failure = listener.awaitFailure(ContentFilterException.class);
        assertThat(failure.finishReason()).isEqualTo(reason);
    }

    @Test
    void unknownFinishReason_completesWithWhatArrived() {
        // A reason newer than this decoder, as OpenAI's and Anthropic's decoders take theirs: the answer ends with
        // what arrived and the reason verbatim; the final validation then judges that answer like any other.
        server.enqueue(
                FakeResponse.sse(
                        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"{\\\"city\\\": \\\"Lima\\\"}\"}]},"
                                + "\"finishReason\": \"NEW_REASON\",\"index\": 0}],"
                                + "\"usageMetadata\": {\"promptTokenCount\": 9, \"candidatesTokenCount\": 5, \"totalTokenCount\": 14}}\r\n\r\n"));
        RecordingListener listener = new RecordingListener();
        provider.open(request(Mode.JSON_SCHEMA), listener);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{\"city\": \"Lima\"}");
        assertThat(listener.finish()).isEqualTo(new ProviderEvent.Finish("NEW_REASON"));
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(9, 5, 14));
    }

    @Test
    void emptyFinishReasonAfterStop_noReason() {
        // As in Chat Completions, where sglang sends "" on every chunk: an empty reason is none, not a new one.
        server.enqueue(FakeResponse.sse(
                "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"{}\"}]},\"finishReason\": \"STOP\",\"index\": 0}]}\r\n\r\n"
                        + "data: {\"candidates\": [{\"finishReason\": \"\",\"index\": 0}],"
                        + "\"usageMetadata\": {\"promptTokenCount\": 9, \"totalTokenCount\": 11}}\r\n\r\n"));
        RecordingListener listener = new RecordingListener();
        provider.open(request(Mode.JSON_SCHEMA), listener);
        listener.awaitSuccess();
        assertThat(listener.finish()).isEqualTo(new ProviderEvent.Finish("STOP"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"OTHER", "LANGUAGE", "TOO_MANY_TOOL_CALLS", "MALFORMED_RESPONSE", "FINISH_REASON_UNSPECIFIED"})
    void documentedStopWithoutAnswer_streamError(String reason) {
        // Documented reasons that say the generation was stopped, not finished: what arrived is not the answer.
        server.enqueue(FakeResponse.sse("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"{}\"}]},"
                + "\"finishReason\": \"" + reason + "\",\"index\": 0}]}\r\n\r\n"));
        RecordingListener listener = new RecordingListener();
        provider.open(request(Mode.JSON_SCHEMA), listener);
        assertThat(listener.awaitFailure(StreamErrorException.class).errorType())
                .isEqualTo(reason);
    }

    @Test
    void candidatesOutOfOrder_theOneWithIndexZeroCounts() {
        // With candidateCount > 1 a chunk lists the candidates that advanced, in any order; index 0 may be omitted.
        server.enqueue(FakeResponse.sse(
                "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"[1\"}]},\"index\": 1},"
                        + "{\"content\": {\"parts\": [{\"text\": \"[0\"}]}}]}\r\n\r\n"
                        + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"]\"}]},\"index\": 0}]}\r\n\r\n"
                        + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"1]\"}]},\"finishReason\": \"MAX_TOKENS\",\"index\": 1}]}\r\n\r\n"
                        + "data: {\"candidates\": [{\"finishReason\": \"STOP\",\"index\": 0}]}\r\n\r\n"));
        RecordingListener listener = new RecordingListener();
        provider.open(request(Mode.JSON_SCHEMA), listener);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("[0]");
    }
}
