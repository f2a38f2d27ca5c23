package dev.instructor.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.StreamErrorException;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FixtureReplay;
import dev.instructor.testing.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Replays the recorded Responses API streams (see provider-streams/README.md) whole and split. */
class OpenAiResponsesFixturesTest {
    private final FakeProviderServer server = FakeProviderServer.start();
    private final LlmProvider provider = OpenAi.builder()
            .apiKey("sk-test")
            .baseUrl(server.url("/v1").toString())
            .api(OpenAi.Api.RESPONSES)
            .build();

    @AfterEach
    void close() {
        server.close();
    }

    private RecordingListener replay(String file, Mode mode, String schemaName) {
        ProviderRequest request = ProviderRequest.builder("gpt-5")
                .message(Message.user("q"))
                .mode(mode)
                .schema(schemaName, OpenAiChatContractTest.schema())
                .build();
        return FixtureReplay.replay(server, provider, request, file);
    }

    @Test
    void functionCallArguments() {
        RecordingListener result = replay("openai-responses-function-call-args.sse", Mode.TOOLS, "get_capital");
        result.awaitSuccess();
        assertThat(result.text()).isEqualTo("{\"country\":\"France\"}");
        assertThat(result.finish()).isEqualTo(new ProviderEvent.Finish("completed"));
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(255, 16, 271));
    }

    @Test
    void jsonSchema_outputText_afterReasoningItem() {
        RecordingListener result = replay("openai-responses-json-schema-output-text.sse", Mode.JSON_SCHEMA, "Weather");
        result.awaitSuccess();
        assertThat(result.text()).isEqualTo("{\"temperatureCelsius\":22,\"condition\":\"Partly Cloudy\"}");
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(72, 25, 97));
    }

    @Test
    void reasoningThenFunctionCall_numberSplitAcrossDeltas() {
        RecordingListener result =
                replay("openai-responses-reasoning-then-function-call.sse", Mode.TOOLS, "final_result");
        result.awaitSuccess();
        assertThat(result.text()).isEqualTo("{\"result\":6666}");
        assertThat(result.usage()).isEqualTo(new ProviderEvent.Usage(53, 469, 522));
    }

    @Test
    void errorEvent_insufficientQuota() {
        RecordingListener result = replay("openai-responses-error-insufficient-quota.sse", Mode.JSON_SCHEMA, "Weather");
        StreamErrorException failure = result.awaitFailure(StreamErrorException.class);
        assertThat(failure.errorType()).isEqualTo("insufficient_quota");
        assertThat(failure.providerMessage()).startsWith("You exceeded your current quota");
        assertThat(failure.partialText()).isEmpty();
    }
}
