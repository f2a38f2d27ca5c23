package dev.instructor.gemini;

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

/** Gemini frames events with CRLF, as recorded; the streams here do too. */
class GeminiContractTest extends ProviderContractTest {
    private static final String START =
            "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"{\"}],\"role\": \"model\"},\"index\": 0}]}\r\n\r\n";
    private static final String REST =
            "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"\\\"name\\\":\\\"Zoë €\\\"}\"}],\"role\": \"model\"},\"index\": 0}]}\r\n\r\n";
    private static final String FINISH =
            "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"\"}],\"role\": \"model\"},\"finishReason\": \"%s\",\"index\": 0}],"
                    + "\"usageMetadata\": {\"promptTokenCount\": 5,\"candidatesTokenCount\": 7,\"totalTokenCount\": 12}}\r\n\r\n";

    static ObjectNode schema() {
        ObjectNode schema = Json.object().put("type", "object");
        schema.putObject("properties").putObject("name").put("type", "string");
        schema.putArray("required").add("name");
        return schema;
    }

    @Override
    protected String basePath() {
        return "/v1beta";
    }

    @Override
    protected LlmProvider provider(
            URI baseUrl, int maxRetries, Timeouts timeouts, Consumer<HttpClient.Builder> httpClient) {
        return Gemini.builder()
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
        return "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";
    }

    @Override
    protected String apiKeyHeader() {
        return "x-goog-api-key";
    }

    @Override
    protected ProviderRequest request() {
        return ProviderRequest.builder("gemini-2.5-flash")
                .message(Message.user("Who?"))
                .schema("Person", schema())
                .build();
    }

    @Override
    protected String successStream() {
        return START + REST + FINISH.formatted("STOP");
    }

    @Override
    protected String expectedText() {
        return "{\"name\":\"Zoë €\"}";
    }

    @Override
    protected String expectedFinish() {
        return "STOP";
    }

    @Override
    protected String streamWithUnknownReason() {
        return START + REST + "data: {\"newField\": {}}\r\n\r\n" + FINISH.formatted(UNKNOWN_REASON);
    }

    @Override
    protected String streamWithoutEnd() {
        return START + REST;
    }

    @Override
    protected String truncatedStream() {
        return START + FINISH.formatted("MAX_TOKENS");
    }

    @Override
    protected String errorEventStream() {
        return START
                + "data: {\"error\": {\"code\": 503, \"message\": \"Overloaded\", \"status\": \"overloaded_error\"}}\r\n\r\n";
    }

    @Override
    protected String errorBody(String type, String message) {
        return "{\"error\": {\"code\": 400, \"message\": \"" + message + "\", \"status\": \"" + type + "\"}}";
    }
}
