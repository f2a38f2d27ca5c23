package dev.instructor.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.spi.ContentFilterException;
import dev.instructor.spi.IncompleteStreamException;
import dev.instructor.spi.InvalidToolCallException;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderHttpException;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.StreamErrorException;
import dev.instructor.spi.TruncatedException;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.RecordingListener;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chat Completions outcomes the recordings do not cover. */
class OpenAiChatOutcomesTest {
    private final FakeProviderServer server = FakeProviderServer.start();
    private final LlmProvider provider =
            OpenAi.compatible(server.url("/v1").toString()).build();

    @AfterEach
    void close() {
        server.close();
    }

    private RecordingListener run(Mode mode, String body) {
        return open(mode, FakeResponse.sse(body));
    }

    /** Answers the next request with {@code response} and sends one, in {@code mode} or the provider's default. */
    private RecordingListener open(Mode mode, FakeResponse response) {
        server.enqueue(response);
        RecordingListener listener = new RecordingListener();
        ProviderRequest.Builder request = ProviderRequest.builder("m")
                .schema("Person", OpenAiChatContractTest.schema())
                .message(Message.user("q"));
        if (mode != null) {
            request.mode(mode);
        }
        provider.open(request.build(), listener);
        return listener;
    }

    private ProviderHttpException failWith(FakeResponse response) {
        LlmProvider noRetries =
                OpenAi.compatible(server.url("/v1").toString()).maxRetries(0).build();
        server.enqueue(response);
        RecordingListener listener = new RecordingListener();
        noRetries.open(
                ProviderRequest.builder("m")
                        .schema("Person", OpenAiChatContractTest.schema())
                        .message(Message.user("q"))
                        .build(),
                listener);
        return listener.awaitFailure(ProviderHttpException.class);
    }

    /**
     * A server that interrupted the generation says so in the finish reason, then sends [DONE] as if it had finished:
     * vLLM for a request its engine aborted (shutdown, a pause, scale-down; vllm-project/vllm#57082), DeepSeek for one
     * its inference system had to interrupt. The text is cut off.
     */
    @ParameterizedTest
    @ValueSource(strings = {"abort", "insufficient_system_resource"})
    void serverInterruptedTheGeneration_incompleteNotComplete(String finishReason) {
        RecordingListener listener = run(
                Mode.JSON_SCHEMA,
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"{\\\"name\\\":\"}}]}\n\n"
                        + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + finishReason
                        + "\"}]}\n\n"
                        + "data: [DONE]\n\n");

        IncompleteStreamException failure = listener.awaitFailure(IncompleteStreamException.class);
        assertThat(failure.getMessage()).contains(finishReason);
        assertThat(failure.partialText()).isEqualTo("{\"name\":");
    }

    @Test
    void toolUseFailedInAnUnnamedEvent_invalidToolCall_otherErrorCodesStayStreamErrors() {
        // As Groq's event: error, but sent the way compatible servers send their other mid-stream errors.
        RecordingListener listener = run(
                Mode.TOOLS,
                "data: {\"error\":{\"message\":\"Tool call validation failed: bad\",\"type\":"
                        + "\"invalid_request_error\",\"code\":\"tool_use_failed\"}}\n\n");
        InvalidToolCallException failure = listener.awaitFailure(InvalidToolCallException.class);
        assertThat(failure.detail()).isEqualTo("Tool call validation failed: bad");

        RecordingListener other = run(
                Mode.TOOLS,
                "event: error\ndata: {\"error\":{\"message\":\"Over capacity\",\"type\":\"server_error\","
                        + "\"code\":\"over_capacity\"}}\n\n");
        assertThat(other.awaitFailure(StreamErrorException.class).errorType()).isEqualTo("server_error");
    }

    @Test
    void http200WithAJsonErrorInsteadOfAStream_failsWithTheServersError() {
        // Some gateways answer 200 with an error object and no event stream; its message is the only explanation.
        RecordingListener listener = open(
                null,
                FakeResponse.status(200)
                        .body("{\"error\":{\"message\":\"model 'm' is not loaded\",\"type\":\"not_found_error\"}}"));

        StreamErrorException failure = listener.awaitFailure(StreamErrorException.class);
        assertThat(failure.errorType()).isEqualTo("not_found_error");
        assertThat(failure.providerMessage()).isEqualTo("model 'm' is not loaded");
    }

    @Test
    void http200WithAWholeCompletionInsteadOfAStream_incompleteNamingWhatCame() {
        // A server that ignores "stream": true sends one JSON completion: no events at all, which the failure shows.
        RecordingListener listener =
                open(null, FakeResponse.status(200).body("{\"object\":\"chat.completion\",\"choices\":[]}"));

        IncompleteStreamException failure = listener.awaitFailure(IncompleteStreamException.class);
        assertThat(failure.getMessage()).contains("application/json").contains("\"object\":\"chat.completion\"");
        // Its unterminated last line is no event the body ended inside: a body of no events is reported as such.
        assertThat(failure.getMessage()).doesNotContain("inside an event");
    }

    /** A server's delay over the builder's maxRetryAfter is not waited for: the call fails with it at once. */
    @Test
    void maxRetryAfter_aLongerServerDelayFailsTheCallWithIt() {
        LlmProvider provider = OpenAi.compatible(server.url("/v1").toString())
                .maxRetryAfter(Duration.ofMillis(100))
                .build();
        server.enqueue(FakeResponse.status(429).header("retry-after-ms", "1500").body("{}"));
        server.enqueue(FakeResponse.status(429).body("{}"));
        RecordingListener listener = new RecordingListener();
        provider.open(
                ProviderRequest.builder("m")
                        .schema("Person", OpenAiChatContractTest.schema())
                        .message(Message.user("q"))
                        .build(),
                listener);

        ProviderHttpException failure = listener.awaitFailure(ProviderHttpException.class);
        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofMillis(1500));
        assertThat(failure.attempts()).isEqualTo(1);
    }

    @Test
    void maxRetryAfter_negative_rejectedNamingIt() {
        assertThatThrownBy(() -> OpenAi.compatible(server.url("/v1").toString()).maxRetryAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRetryAfter");
    }

    @Test
    void xShouldRetry_theServersWordOverridesTheStatus() {
        // OpenAI and Anthropic say per response whether a retry can help; their SDKs obey it over the status.
        LlmProvider retrying = OpenAi.compatible(server.url("/v1").toString())
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(1))
                .build();
        server.enqueue(
                FakeResponse.status(503).header("x-should-retry", "false").body("{}"));
        RecordingListener refused = new RecordingListener();
        retrying.open(
                ProviderRequest.builder("m")
                        .schema("Person", OpenAiChatContractTest.schema())
                        .message(Message.user("q"))
                        .build(),
                refused);
        ProviderHttpException failure = refused.awaitFailure(ProviderHttpException.class);
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(failure.isRetryable()).isFalse();

        server.enqueue(FakeResponse.status(400).header("x-should-retry", "true").body("{}"));
        server.enqueue(FakeResponse.status(400).body("{}"));
        RecordingListener retried = new RecordingListener();
        retrying.open(
                ProviderRequest.builder("m")
                        .schema("Person", OpenAiChatContractTest.schema())
                        .message(Message.user("q"))
                        .build(),
                retried);
        assertThat(retried.awaitFailure(ProviderHttpException.class).attempts()).isEqualTo(2);
    }

    @Test
    void http429_retryAfterMs_isRetryableAndCarriesTheDelay() {
        ProviderHttpException failure = failWith(
                FakeResponse.status(429).header("retry-after-ms", "1500").body("{\"error\":{\"message\":\"slow\"}}"));

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofMillis(1500));
        assertThat(failure.attempts()).isEqualTo(1);
    }

    @Test
    void http503_retryAfterSeconds_carriesTheDelay() {
        ProviderHttpException failure =
                failWith(FakeResponse.status(503).header("retry-after", "7").body("{}"));

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void http429_insufficientQuota_notRetryable() {
        ProviderHttpException failure = failWith(
                FakeResponse.status(429).body("{\"error\":{\"type\":\"insufficient_quota\",\"message\":\"pay\"}}"));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.retryAfter()).isEmpty();
    }

    @Test
    void http400_notRetryable() {
        ProviderHttpException failure = failWith(FakeResponse.status(400).body("{}"));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.retryAfter()).isEmpty();
    }

    @Test
    void contentFilter_typedFailureWithPartialText() {
        RecordingListener listener = run(Mode.JSON_SCHEMA, """
                data: {"choices":[{"index":0,"delta":{"content":"{\\"na"}}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"content_filter"}]}

                data: [DONE]

                """);
        ContentFilterException failure = listener.awaitFailure(ContentFilterException.class);
        assertThat(failure.partialText()).isEqualTo("{\"na");
        assertThat(failure.finishReason()).isEqualTo("content_filter");
        assertThat(failure.getMessage())
                .as("what stopped the answer, and how far it got")
                .contains("content filter", "content_filter", "after 4 chars");
    }

    @Test
    void mdJson_passesTextThrough() {
        RecordingListener listener = run(Mode.MD_JSON, """
                data: {"choices":[{"index":0,"delta":{"content":"Sure:\\n```json\\n{\\"name\\":"}}]}

                data: {"choices":[{"index":0,"delta":{"content":"\\"Zoë\\"}\\n```"},"finish_reason":"stop"}]}

                data: [DONE]

                """);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("Sure:\n```json\n{\"name\":\"Zoë\"}\n```");
    }

    @Test
    void tools_contentTextIgnored_otherToolIgnored() {
        RecordingListener listener = run(Mode.TOOLS, """
                data: {"choices":[{"index":0,"delta":{"content":"Let me call it."}}]}

                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"other","arguments":"{\\"x\\":1}"}}]}}]}

                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"b","function":{"name":"Person","arguments":"{}"}}]}}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

                data: [DONE]

                """);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{}");
    }

    @Test
    void tools_callsWithoutIndex_toldApartById() {
        // Gemini's OpenAI-compatible endpoint sends tool call deltas without an index; each call starts with its id.
        RecordingListener listener = run(Mode.TOOLS, """
                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"id":"a","type":"function","function":{"name":"Person","arguments":"{\\"name\\":"}}]}}]}

                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"function":{"arguments":"\\"A\\"}"}}]}}]}

                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"id":"b","type":"function","function":{"name":"Person","arguments":"{\\"name\\":\\"B\\"}"}}]}}]}

                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"id":"c","type":"function","function":{"name":"other","arguments":"{}"}}]}}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                data: [DONE]

                """);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{\"name\":\"A\"}");
    }

    @Test
    void errorEventWhoseDataIsNotJson_streamErrorWithTheText() {
        // A proxy's plain-text failure in an error event is still the server's error, not a garbled stream.
        RecordingListener listener = run(Mode.JSON, """
                data: {"choices":[{"delta":{"content":"{\\"name\\":"},"index":0,"finish_reason":null}]}

                event: error
                data: upstream connect error or disconnect/reset before headers

                """);
        StreamErrorException failure = listener.awaitFailure(StreamErrorException.class);
        assertThat(failure.providerMessage()).isEqualTo("upstream connect error or disconnect/reset before headers");
        assertThat(failure.partialText()).isEqualTo("{\"name\":");
    }

    @Test
    void unterminatedDoneWithoutFinishReason_saysTheBodyEndedInsideAnEvent() {
        // The SSE spec drops an event the body ends inside, so this [DONE] never arrives: say so, not "no [DONE]".
        RecordingListener listener = run(
                Mode.JSON, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"{}\"}}]}\n\n" + "data: [DONE]");

        IncompleteStreamException failure = listener.awaitFailure(IncompleteStreamException.class);
        assertThat(failure.getMessage())
                .contains("finish reason")
                .contains("inside an event")
                .contains("[DONE]");
        assertThat(failure.partialText()).isEqualTo("{}");
    }

    @Test
    void doneMarkerWithTrailingSpaces_endsTheStream() {
        RecordingListener listener = run(Mode.JSON, """
                data: {"choices":[{"delta":{"content":"{}"},"index":0,"finish_reason":"stop"}]}

                data: [DONE]\s\s

                """);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{}");
    }

    @Test
    void errorFieldNullOnEveryChunk_notAnError() {
        // Foundry Local sends "error": null (and other nulls) on every chunk of a stream that went fine.
        RecordingListener listener = run(Mode.JSON, """
                data: {"choices":[{"delta":{"role":"assistant","content":"{\\"name\\":","tool_calls":[]},"index":0,"finish_reason":null}],"usage":null,"error":null,"object":"chat.completion.chunk"}

                data: {"choices":[{"delta":{"content":"\\"Zoë\\"}","tool_calls":[]},"index":0,"finish_reason":"stop"}],"usage":null,"error":null,"object":"chat.completion.chunk"}

                data: [DONE]

                """);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{\"name\":\"Zoë\"}");
    }

    @Test
    void contentAsListOfParts_textPartsKept_thinkingSkipped() {
        // Mistral's reasoning models (magistral) stream content as typed parts: thinking first, then text.
        RecordingListener listener = run(Mode.JSON, """
                data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}

                data: {"choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":"A name."}]}]}}]}

                data: {"choices":[{"index":0,"delta":{"content":[{"type":"text","text":"{\\"name\\":"}]}}]}

                data: {"choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":[]}]}}]}

                data: {"choices":[{"index":0,"delta":{"content":"\\"Zoë\\"}"},"finish_reason":"stop"}]}

                data: [DONE]

                """);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{\"name\":\"Zoë\"}");
    }

    @Test
    void finishReasonThenTheBodyEnds_withoutDone_decidedByTheFinishReason() {
        // llama.cpp's server before b3755, ik_llama.cpp and llama-box end the body after the finish chunk, with no
        // [DONE]: the generation finished all the same, and the body ended cleanly rather than being cut.
        RecordingListener complete = run(Mode.JSON, """
                data: {"choices":[{"index":0,"delta":{"content":"{}"},"finish_reason":null}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}

                """);
        complete.awaitSuccess();
        assertThat(complete.finish().reason()).isEqualTo("stop");
        assertThat(complete.usage()).isEqualTo(new ProviderEvent.Usage(5, 2, 7));

        RecordingListener truncated = run(Mode.JSON, """
                data: {"choices":[{"index":0,"delta":{"content":"{\\"a\\""},"finish_reason":"length"}]}

                """);
        assertThat(truncated.awaitFailure(TruncatedException.class).partialText())
                .isEqualTo("{\"a\"");
        assertThat(truncated.awaitFailure(TruncatedException.class).getMessage())
                .as("what stopped the answer, and how far it got")
                .contains("token limit", "length", "after 4 chars");
    }

    @Test
    void usageInTheFinishingChoice_reported() {
        // Moonshot's Kimi puts the usage in the choice of its last chunk, not beside the choices.
        RecordingListener listener = run(Mode.JSON, """
                data: {"choices":[{"index":0,"delta":{"content":"{}"},"finish_reason":null}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop","usage":{"prompt_tokens":19,"completion_tokens":13,"total_tokens":32}}]}

                data: [DONE]

                """);
        listener.awaitSuccess();
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(19, 13, 32));
    }

    @Test
    void usageChunkAfterTheFinishChunk_keptWithOrWithoutDone() {
        // vLLM, LiteLLM and OpenAI send the usage in a chunk of its own, with no choices, after the finish reason.
        String answer = """
                data: {"choices":[{"index":0,"delta":{"content":"{}"},"finish_reason":null}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                data: {"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}

                """;
        for (String body : List.of(answer + "data: [DONE]\n\n", answer)) {
            RecordingListener listener = run(Mode.JSON, body);
            listener.awaitSuccess();
            assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(5, 2, 7));
        }
    }

    @Test
    void bodyEndsBeforeAFinishReason_incomplete() {
        RecordingListener listener = run(Mode.JSON, """
                data: {"choices":[{"index":0,"delta":{"content":"{\\"a\\""},"finish_reason":null}]}

                """);
        assertThat(listener.awaitFailure(IncompleteStreamException.class).partialText())
                .isEqualTo("{\"a\"");
    }

    @Test
    void mistralModelLength_truncated() {
        // Mistral ends an answer cut by the context window with model_length, its twin of length.
        RecordingListener listener = run(Mode.JSON, """
                data: {"choices":[{"index":0,"delta":{"content":"{\\"a\\""},"finish_reason":"model_length"}]}

                data: [DONE]

                """);
        assertThat(listener.awaitFailure(TruncatedException.class).partialText())
                .isEqualTo("{\"a\"");
    }

    @Test
    void finishReasonError_streamErrorNotAnAnswer() {
        // Mistral and OpenRouter end a generation that failed with finish_reason "error", with no error object.
        RecordingListener listener = run(Mode.JSON, """
                data: {"choices":[{"index":0,"delta":{"content":"{\\"a\\""},"finish_reason":"error"}]}

                data: [DONE]

                """);
        StreamErrorException failure = listener.awaitFailure(StreamErrorException.class);
        assertThat(failure.errorType()).isEqualTo("error");
        assertThat(failure.partialText()).isEqualTo("{\"a\"");
    }

    @Test
    void doneWithoutFinishReason_incomplete() {
        RecordingListener listener = run(Mode.JSON, """
                data: {"choices":[{"index":0,"delta":{"content":"{}"}}]}

                data: [DONE]

                """);
        assertThat(listener.awaitFailure(IncompleteStreamException.class).partialText())
                .isEqualTo("{}");
    }

    @Test
    void emptyFinishReasonOnEveryChunk_isNoReason() {
        RecordingListener incomplete = run(Mode.JSON, """
                data: {"choices":[{"index":0,"delta":{"content":"{}"},"finish_reason":""}]}

                data: [DONE]

                """);
        assertThat(incomplete.awaitFailure(IncompleteStreamException.class).partialText())
                .isEqualTo("{}");

        RecordingListener complete = run(Mode.JSON, """
                data: {"choices":[{"index":0,"delta":{"content":"{}"},"finish_reason":""}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":""}]}

                data: [DONE]

                """);
        complete.awaitSuccess();
        assertThat(complete.finish().reason()).isEqualTo("stop");
    }

    @Test
    void groqUsageInXGroq_isTheUsage() {
        // Groq puts the usage of a stream in the last chunk's x_groq object, not at the top level.
        RecordingListener listener = run(Mode.JSON, """
                data: {"choices":[{"index":0,"delta":{"content":"{}"},"finish_reason":null}],"x_groq":{"id":"req_1"}}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"x_groq":{"id":"req_1","usage":{"queue_time":0.02,"prompt_tokens":48,"prompt_time":0.003,"completion_tokens":4,"completion_time":0.01,"total_tokens":52,"total_time":0.013}}}

                data: [DONE]

                """);
        listener.awaitSuccess();
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(48, 4, 52));
    }

    @Test
    void usageWithoutTotal_totalIsTheSum_negativeCountReadsAsZero() {
        // Several compatible servers leave total_tokens out; a count they get wrong must not fail the answer.
        RecordingListener listener = run(Mode.JSON, """
                data: {"choices":[{"index":0,"delta":{"content":"{}"},"finish_reason":"stop"}]}

                data: {"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":-3}}

                data: {"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5}}

                data: [DONE]

                """);
        List<ProviderEvent.Usage> usages = listener.awaitSuccess().stream()
                .filter(ProviderEvent.Usage.class::isInstance)
                .map(ProviderEvent.Usage.class::cast)
                .toList();
        assertThat(usages).containsExactly(new ProviderEvent.Usage(12, 0, 12), new ProviderEvent.Usage(12, 5, 17));
    }
}
