package dev.instructor.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.StreamErrorException;
import dev.instructor.spi.TruncatedException;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FixtureReplay;
import dev.instructor.testing.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Replays the recorded Messages streams (see provider-streams/README.md) whole and split. */
class AnthropicFixturesTest {
    private final FakeProviderServer server = FakeProviderServer.start();
    private final LlmProvider provider = Anthropic.builder()
            .apiKey("sk-ant-test")
            .baseUrl(server.url("/").toString())
            .build();

    @AfterEach
    void close() {
        server.close();
    }

    private RecordingListener replay(String file, Mode mode, String schemaName) {
        ProviderRequest request = ProviderRequest.builder("claude")
                .message(Message.user("q"))
                .mode(mode)
                .schema(schemaName, AnthropicContractTest.schema())
                .build();
        return FixtureReplay.replay(server, provider, request, file);
    }

    private static String assembled(String file, String key) {
        return FixtureReplay.expected(file).path("assembled").path(key).stringValue();
    }

    @Test
    void tools_inputJsonDelta_afterTextBlock() {
        String file = "anthropic-messages-tools-input-json-delta.sse";
        RecordingListener result = replay(file, Mode.TOOLS, "get_weather");
        result.awaitSuccess();
        assertThat(result.text()).isEqualTo("{\"location\": \"Paris\"}");
        assertThat(result.text()).isEqualTo(assembled(file, "block[1].tool_use"));
        assertThat(result.finish()).isEqualTo(new ProviderEvent.Finish("tool_use"));
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(377, 65, 442));
        assertThat(result.events())
                .anyMatch(e -> e instanceof ProviderEvent.ToolCall call
                        && call.name().equals("get_weather")
                        && call.id().startsWith("toolu_"));
    }

    @Test
    void tools_pingBetweenDeltas() {
        String file = "anthropic-messages-tools-json-tool-ping-between-deltas.sse";
        RecordingListener result = replay(file, Mode.TOOLS, "json");
        result.awaitSuccess();
        assertThat(result.text()).isEqualTo(assembled(file, "block[0].tool_use"));
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(849, 47, 896));
    }

    @Test
    void outputFormat_jsonArray_paddedData() {
        RecordingListener result =
                replay("anthropic-messages-output-format-json-array.sse", Mode.JSON_SCHEMA, "numbers");
        result.awaitSuccess();
        assertThat(result.text()).isEqualTo("[12345,67890]");
        assertThat(result.finish()).isEqualTo(new ProviderEvent.Finish("end_turn"));
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(135, 10, 145));
    }

    @Test
    void outputFormat_nestedCharacters() {
        String file = "anthropic-messages-output-format-nested-characters.sse";
        RecordingListener result = replay(file, Mode.JSON_SCHEMA, "characters");
        result.awaitSuccess();
        assertThat(result.text()).isEqualTo(assembled(file, "block[0].text")).hasSize(1267);
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(313, 305, 618));
    }

    @Test
    void tools_truncatedAtMaxTokens() {
        String file = "anthropic-messages-tools-truncated-max-tokens.sse";
        RecordingListener result = replay(file, Mode.TOOLS, "make_file");
        TruncatedException failure = result.awaitFailure(TruncatedException.class);
        assertThat(failure.finishReason()).isEqualTo("max_tokens");
        assertThat(failure.partialText())
                .isEqualTo(assembled(file, "block[1].tool_use"))
                .endsWith("Filing taxes");
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(450, 124, 574));
    }

    @Test
    void errorEvent_overloadedMidStream() {
        RecordingListener result =
                replay("anthropic-messages-error-overloaded-midstream.sse", Mode.JSON_SCHEMA, "answer");
        StreamErrorException failure = result.awaitFailure(StreamErrorException.class);
        assertThat(failure.errorType()).isEqualTo("overloaded_error");
        assertThat(failure.providerMessage()).isEqualTo("Overloaded");
        assertThat(failure.partialText()).isEqualTo("Hello");
    }
}
