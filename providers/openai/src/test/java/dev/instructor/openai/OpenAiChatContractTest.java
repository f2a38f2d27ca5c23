package dev.instructor.openai;

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

class OpenAiChatContractTest extends ProviderContractTest {
    static final String START = """
            data: {"choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"Person","arguments":""}}]},"finish_reason":null}]}

            data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{"}}]},"finish_reason":null}]}

            """;
    static final String REST = """
            data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"name\\":\\"Zoë €\\"}"}}]},"finish_reason":null}]}

            """;
    static final String FINISH = """
            data: {"choices":[{"index":0,"delta":{},"finish_reason":"%s"}]}

            data: {"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}

            """;

    static ObjectNode schema() {
        ObjectNode schema = Json.object().put("type", "object");
        schema.putObject("properties").putObject("name").put("type", "string");
        schema.putArray("required").add("name");
        return schema;
    }

    @Override
    protected LlmProvider provider(
            URI baseUrl, int maxRetries, Timeouts timeouts, Consumer<HttpClient.Builder> httpClient) {
        return OpenAi.builder()
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
        return "/v1/chat/completions";
    }

    @Override
    protected String apiKeyHeader() {
        return "authorization";
    }

    @Override
    protected ProviderRequest request() {
        return ProviderRequest.builder("gpt-4o")
                .message(Message.user("Who?"))
                .schema("Person", schema())
                .build();
    }

    @Override
    protected String successStream() {
        return START + REST + FINISH.formatted("tool_calls") + "data: [DONE]\n\n";
    }

    @Override
    protected String expectedText() {
        return "{\"name\":\"Zoë €\"}";
    }

    @Override
    protected String expectedFinish() {
        return "tool_calls";
    }

    @Override
    protected String streamWithUnknownReason() {
        return START + REST + "data: {\"object\":\"chat.completion.new_thing\",\"new_field\":{}}\n\n"
                + FINISH.formatted(UNKNOWN_REASON) + "data: [DONE]\n\n";
    }

    @Override
    protected String streamWithoutEnd() {
        // Cut before the finish chunk: a body that ends after it, without [DONE], is decided by its finish reason.
        return START + REST;
    }

    @Override
    protected String truncatedStream() {
        return START + FINISH.formatted("length") + "data: [DONE]\n\n";
    }

    @Override
    protected String errorEventStream() {
        return START + "event: error\ndata: {\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
    }

    @Override
    protected String errorBody(String type, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":null}}";
    }
}
