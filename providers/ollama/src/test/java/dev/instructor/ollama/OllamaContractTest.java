package dev.instructor.ollama;

import dev.instructor.internal.transport.Json;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Message;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.Timeouts;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.ProviderContractTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

class OllamaContractTest extends ProviderContractTest {
    private static final String START =
            "{\"model\":\"llama3.1\",\"message\":{\"role\":\"assistant\",\"content\":\"{\"},\"done\":false}\n";
    private static final String REST =
            "{\"model\":\"llama3.1\",\"message\":{\"role\":\"assistant\",\"content\":\"\\\"name\\\":\\\"Zoë €\\\"}\"},\"done\":false}\n";
    private static final String DONE = "{\"model\":\"llama3.1\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
            + "\"done\":true,\"done_reason\":\"%s\",\"prompt_eval_count\":5,\"eval_count\":7}\n";

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
        return Ollama.builder()
                .host(baseUrl.toString())
                .apiKey(API_KEY)
                .maxRetries(maxRetries)
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .timeouts(timeouts)
                .httpClient(httpClient)
                .build();
    }

    @Override
    protected FakeResponse streamResponse(String body) {
        return FakeResponse.ndjson(body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected String expectedPath() {
        return "/api/chat";
    }

    @Override
    protected String apiKeyHeader() {
        return "authorization";
    }

    @Override
    protected ProviderRequest request() {
        return ProviderRequest.builder("llama3.1")
                .message(Message.user("Who?"))
                .schema("Person", schema())
                .build();
    }

    @Override
    protected String successStream() {
        return START + REST + DONE.formatted("stop");
    }

    @Override
    protected String expectedText() {
        return "{\"name\":\"Zoë €\"}";
    }

    @Override
    protected String expectedFinish() {
        return "stop";
    }

    @Override
    protected String streamWithUnknownReason() {
        return START + REST + "{\"model\":\"llama3.1\",\"new_field\":{}}\n" + DONE.formatted(UNKNOWN_REASON);
    }

    @Override
    protected String streamWithoutEnd() {
        return START + REST;
    }

    @Override
    protected String truncatedStream() {
        return START + DONE.formatted("length");
    }

    @Override
    protected String errorEventStream() {
        return START + "{\"error\":\"model runner has unexpectedly stopped\"}\n";
    }

    @Override
    protected String expectedErrorType() {
        return "";
    }

    @Override
    protected String errorBody(String type, String message) {
        return "{\"error\":\"" + message + "\"}";
    }
}
