package dev.instructor.openai;

import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Message;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.Timeouts;
import dev.instructor.testing.ProviderContractTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Consumer;

class OpenAiResponsesContractTest extends ProviderContractTest {
    private static final String START = """
            event: response.created
            data: {"type":"response.created","response":{"id":"resp_1","status":"in_progress"}}

            event: response.output_item.added
            data: {"type":"response.output_item.added","output_index":0,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"Person","arguments":""}}

            event: response.function_call_arguments.delta
            data: {"type":"response.function_call_arguments.delta","output_index":0,"item_id":"fc_1","delta":"{"}

            """;
    private static final String REST = """
            event: response.function_call_arguments.delta
            data: {"type":"response.function_call_arguments.delta","output_index":0,"item_id":"fc_1","delta":"\\"name\\":\\"Zoë €\\"}"}

            """;
    private static final String END = """
            event: response.completed
            data: {"type":"response.completed","response":{"id":"resp_1","status":"completed","usage":{"input_tokens":5,"output_tokens":7,"total_tokens":12}}}

            """;

    @Override
    protected LlmProvider provider(
            URI baseUrl, int maxRetries, Timeouts timeouts, Consumer<HttpClient.Builder> httpClient) {
        return OpenAi.builder()
                .apiKey(API_KEY)
                .baseUrl(baseUrl.toString())
                .api(OpenAi.Api.RESPONSES)
                .maxRetries(maxRetries)
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .timeouts(timeouts)
                .httpClient(httpClient)
                .build();
    }

    @Override
    protected String expectedPath() {
        return "/v1/responses";
    }

    @Override
    protected String apiKeyHeader() {
        return "authorization";
    }

    @Override
    protected ProviderRequest request() {
        return ProviderRequest.builder("gpt-5")
                .message(Message.user("Who?"))
                .schema("Person", OpenAiChatContractTest.schema())
                .build();
    }

    @Override
    protected String successStream() {
        return START + REST + END;
    }

    @Override
    protected String expectedText() {
        return "{\"name\":\"Zoë €\"}";
    }

    @Override
    protected String expectedFinish() {
        return "completed";
    }

    @Override
    protected String streamWithUnknownReason() {
        return START + REST + "event: response.new_thing\ndata: {\"type\":\"response.new_thing\"}\n\n"
                + END.replace("\"status\":\"completed\"", "\"status\":\"" + UNKNOWN_REASON + "\"");
    }

    @Override
    protected String streamWithoutEnd() {
        return START + REST;
    }

    @Override
    protected String truncatedStream() {
        return START + """
                event: response.incomplete
                data: {"type":"response.incomplete","response":{"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"usage":{"input_tokens":5,"output_tokens":1,"total_tokens":6}}}

                """;
    }

    @Override
    protected String errorEventStream() {
        return START
                + "event: error\ndata: {\"type\":\"error\",\"code\":\"overloaded_error\",\"message\":\"Overloaded\"}\n\n";
    }

    @Override
    protected String errorBody(String type, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":null}}";
    }
}
