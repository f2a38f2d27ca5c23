package dev.instructor.anthropic;

import dev.instructor.internal.transport.Json;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Message;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.Timeouts;
import dev.instructor.testing.ProviderContractTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

class AnthropicContractTest extends ProviderContractTest {
    private static final String START = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"Person","input":{}}}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{"}}

            """;
    private static final String REST = """
            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"\\"name\\":\\"Zoë €\\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            """;
    private static final String DELTA = """
            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"%s","stop_sequence":null},"usage":{"output_tokens":7}}

            """;
    private static final String STOP = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    static ObjectNode schema() {
        ObjectNode schema = Json.object().put("type", "object");
        schema.putObject("properties").putObject("name").put("type", "string");
        schema.putArray("required").add("name");
        return schema;
    }

    @Override
    protected String basePath() {
        return "/";
    }

    @Override
    protected LlmProvider provider(
            URI baseUrl, int maxRetries, Timeouts timeouts, Consumer<HttpClient.Builder> httpClient) {
        return Anthropic.builder()
                .apiKey(API_KEY)
                .baseUrl(baseUrl.toString())
                .maxRetries(maxRetries)
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .timeouts(timeouts)
                .httpClient(httpClient)
                .build();
    }

    @Override
    protected String expectedPath() {
        return "/v1/messages";
    }

    @Override
    protected String apiKeyHeader() {
        return "x-api-key";
    }

    @Override
    protected ProviderRequest request() {
        return ProviderRequest.builder("claude-sonnet-4-5")
                .message(Message.user("Who?"))
                .schema("Person", schema())
                .build();
    }

    @Override
    protected String successStream() {
        return START + REST + DELTA.formatted("tool_use") + STOP;
    }

    @Override
    protected String expectedText() {
        return "{\"name\":\"Zoë €\"}";
    }

    @Override
    protected String expectedFinish() {
        return "tool_use";
    }

    @Override
    protected String streamWithUnknownReason() {
        return START + REST + "event: new_event\ndata: {\"type\":\"new_event\"}\n\n" + DELTA.formatted(UNKNOWN_REASON)
                + STOP;
    }

    @Override
    protected String streamWithoutEnd() {
        return START + REST + DELTA.formatted("tool_use");
    }

    @Override
    protected String truncatedStream() {
        return START + DELTA.formatted("max_tokens") + STOP;
    }

    @Override
    protected String errorEventStream() {
        return START
                + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
    }

    @Override
    protected String errorBody(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }
}
