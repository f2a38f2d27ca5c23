package dev.instructor.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.spi.InvalidToolCallException;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.RefusalException;
import dev.instructor.spi.TruncatedException;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FixtureReplay;
import dev.instructor.testing.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Replays the recorded Chat Completions streams (see provider-streams/README.md) whole and split. */
class OpenAiChatFixturesTest {
    private final FakeProviderServer server = FakeProviderServer.start();
    private final LlmProvider provider = OpenAi.builder()
            .apiKey("sk-test")
            .baseUrl(server.url("/v1").toString())
            .build();

    @AfterEach
    void close() {
        server.close();
    }

    private RecordingListener replay(String file, Mode mode, String schemaName) {
        ProviderRequest request = ProviderRequest.builder("gpt-4o")
                .message(Message.user("q"))
                .mode(mode)
                .schema(schemaName, OpenAiChatContractTest.schema())
                .build();
        return FixtureReplay.replay(server, provider, request, file);
    }

    private static String assembled(String file, String key) {
        return FixtureReplay.expected(file).path("assembled").path(key).stringValue();
    }

    @Test
    void toolsFinalResult_nestedArray_withUsage() {
        String file = "openai-chat-tools-final-result-nested-array-with-usage.sse";
        RecordingListener result = replay(file, Mode.TOOLS, "final_result");
        result.awaitSuccess();
        assertThat(result.text()).isEqualTo(assembled(file, "choice0.tool_calls[0].arguments"));
        assertThat(result.text()).startsWith("{\"answers\":[{\"label\":\"Capital\"");
        assertThat(result.finish()).isEqualTo(new ProviderEvent.Finish("tool_calls"));
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(448, 62, 510));
        assertThat(result.events())
                .contains(new ProviderEvent.ToolCall(
                        result.events().stream()
                                .filter(e -> e instanceof ProviderEvent.ToolCall)
                                .map(e -> ((ProviderEvent.ToolCall) e).id())
                                .findFirst()
                                .orElseThrow(),
                        "final_result"));
    }

    @Test
    void toolsStrict_argumentFragments() {
        String file = "openai-chat-tools-strict-args-fragments.sse";
        RecordingListener result = replay(file, Mode.TOOLS, "GetWeatherArgs");
        result.awaitSuccess();
        assertThat(result.text()).isEqualTo("{\"city\":\"Edinburgh\",\"country\":\"UK\",\"units\":\"c\"}");
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(76, 24, 100));
    }

    @Test
    void toolsParallel_onlyTheForcedCall() {
        String file = "openai-chat-tools-parallel-two-calls.sse";
        RecordingListener weather = replay(file, Mode.TOOLS, "GetWeatherArgs");
        weather.awaitSuccess();
        assertThat(weather.text()).isEqualTo("{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}");
        RecordingListener stock = replay(file, Mode.TOOLS, "get_stock_price");
        stock.awaitSuccess();
        assertThat(stock.text()).isEqualTo(assembled(file, "choice0.tool_calls[1].arguments"));
        assertThat(stock.usage()).isEqualTo(new ProviderEvent.Usage(149, 60, 209));
    }

    @Test
    void jsonSchema_contentDeltas() {
        String file = "openai-chat-json-schema-content-deltas.sse";
        RecordingListener result = replay(file, Mode.JSON_SCHEMA, "Location");
        result.awaitSuccess();
        assertThat(result.text()).isEqualTo("{\"city\":\"San Francisco\",\"temperature\":61,\"units\":\"f\"}");
        assertThat(result.finish()).isEqualTo(new ProviderEvent.Finish("stop"));
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(79, 14, 93));
    }

    @Test
    void jsonSchema_threeChoices_onlyChoiceZero() {
        String file = "openai-chat-json-schema-three-choices.sse";
        RecordingListener result = replay(file, Mode.JSON_SCHEMA, "Location");
        result.awaitSuccess();
        assertThat(result.text()).isEqualTo(assembled(file, "choice0.content"));
        assertThat(result.text()).isEqualTo("{\"city\":\"San Francisco\",\"temperature\":65,\"units\":\"f\"}");
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(79, 42, 121));
    }

    @Test
    void jsonSchema_truncatedAtMaxTokens() {
        RecordingListener result =
                replay("openai-chat-json-schema-truncated-max-tokens.sse", Mode.JSON_SCHEMA, "Location");
        TruncatedException failure = result.awaitFailure(TruncatedException.class);
        assertThat(failure.finishReason()).isEqualTo("length");
        assertThat(failure.partialText()).isEqualTo("{\"");
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(79, 1, 80));
    }

    @Test
    void jsonSchema_refusal() {
        RecordingListener result = replay("openai-chat-json-schema-refusal.sse", Mode.JSON_SCHEMA, "Location");
        RefusalException failure = result.awaitFailure(RefusalException.class);
        assertThat(failure.refusal()).isEqualTo("I'm sorry, I can't assist with that request.");
        assertThat(failure.partialText()).isEmpty();
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(79, 11, 90));
    }

    @Test
    void groq_toolUseFailed_isTheModelsInvalidCall_reAskedWithWhatTheServerSaidAndTheCall() {
        // Groq checks the model's call against the schema and sends tool_use_failed in an error event: the model's
        // mistake, as Gemini's MALFORMED_FUNCTION_CALL, which the client re-asks rather than fails the call on.
        RecordingListener result =
                replay("groq-chat-tools-error-tool-use-failed.sse", Mode.TOOLS, "get_something_by_name");
        InvalidToolCallException failure = result.awaitFailure(InvalidToolCallException.class);
        assertThat(failure.finishReason()).isEqualTo("tool_use_failed");
        assertThat(failure.detail())
                .startsWith("Tool call validation failed")
                .contains("missing properties: 'name'")
                .contains("\"invalid_param\": \"value\"");
        assertThat(failure.partialText()).isEmpty();
    }
}
