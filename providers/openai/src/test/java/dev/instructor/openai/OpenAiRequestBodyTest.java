package dev.instructor.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.internal.transport.Json;
import dev.instructor.internal.transport.SchemaPrompt;
import dev.instructor.schema.SchemaDialect;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderHttpException;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.GoldenBody;
import dev.instructor.testing.RecordedRequest;
import dev.instructor.testing.RecordingListener;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** The bodies we send, per API and mode, against golden files written from the providers' API references. */
class OpenAiRequestBodyTest {
    private final FakeProviderServer server = FakeProviderServer.start();
    private final ObjectNode schema = OpenAiChatContractTest.schema();

    @AfterEach
    void close() {
        server.close();
    }

    private ProviderRequest.Builder request(String model, Mode mode) {
        return ProviderRequest.builder(model)
                .mode(mode)
                .schema("Person", schema)
                .schemaDescription("A person.")
                .message(Message.user("Zoë is 7."));
    }

    private RecordedRequest send(LlmProvider provider, ProviderRequest request) {
        server.enqueue(FakeResponse.status(400).body("{}"));
        RecordingListener listener = new RecordingListener();
        provider.open(request, listener);
        listener.awaitFailure(ProviderHttpException.class);
        return server.takeRequest();
    }

    private void assertBody(RecordedRequest sent, String golden, SchemaDialect dialect, Mode mode) {
        ObjectNode applied = dialect.apply(schema);
        GoldenBody.assertMatches(
                golden,
                sent.bodyText(),
                Map.of("SCHEMA", applied, "PROMPT", StringNode.valueOf(SchemaPrompt.forMode(mode, applied))));
    }

    private OpenAi openAi(OpenAi.Api api) {
        return OpenAi.builder()
                .apiKey("sk-test")
                .baseUrl(server.url("/v1").toString())
                .api(api)
                .build();
    }

    /** A response model for the client-level test below. */
    record Person(String name) {}

    @Test
    void from_sendsTheDefaultModeChosenOnTheBuilder() {
        OpenAi jsonMode = OpenAi.compatible(server.url("/v1").toString())
                .defaultMode(Mode.JSON)
                .build();
        server.enqueue(FakeResponse.status(400).body("{}"));
        ChatRequest request =
                ChatRequest.builder().model("local").user("Zoë is 7.").build();

        assertThatThrownBy(() -> Instructor.from(jsonMode).responses().create(request, Person.class))
                .isInstanceOf(ProviderHttpException.class);

        String body = server.takeRequest().bodyText();
        assertThat(body).contains("\"response_format\":{\"type\":\"json_object\"}");
        assertThat(body).doesNotContain("\"tools\"");
    }

    @Test
    void chat_tools_withReaskMessages() {
        ProviderRequest request = ProviderRequest.builder("gpt-4o")
                .mode(Mode.TOOLS)
                .schema("Person", schema)
                .schemaDescription("A person.")
                .message(Message.system("Extract the person."))
                .message(Message.user("Zoë is 7."))
                .messages(Message.reask(Mode.TOOLS, "{\"name\":7}", "call_1", "Person", "name: must be a string"))
                .temperature(0.2)
                .maxTokens(500)
                .extraBody("seed", 42)
                .build();
        RecordedRequest sent = send(openAi(OpenAi.Api.CHAT_COMPLETIONS), request);
        assertBody(sent, "chat-tools.json", SchemaDialect.OPENAI_STRICT, Mode.TOOLS);
        assertThat(sent.target()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-test");
    }

    @Test
    void chat_jsonSchema() {
        RecordedRequest sent = send(
                openAi(OpenAi.Api.CHAT_COMPLETIONS),
                request("gpt-4o", Mode.JSON_SCHEMA).build());
        assertBody(sent, "chat-json-schema.json", SchemaDialect.OPENAI_STRICT, Mode.JSON_SCHEMA);
    }

    @Test
    void chat_json_withReaskMessages() {
        ProviderRequest request = request("gpt-4o", Mode.JSON)
                .messages(Message.reask(Mode.JSON, "{\"name\":7}", null, "Person", "name: must be a string"))
                .build();
        assertBody(
                send(openAi(OpenAi.Api.CHAT_COMPLETIONS), request), "chat-json.json", SchemaDialect.PLAIN, Mode.JSON);
    }

    @Test
    void chat_mdJson() {
        RecordedRequest sent = send(
                openAi(OpenAi.Api.CHAT_COMPLETIONS),
                request("gpt-4o", Mode.MD_JSON).build());
        assertBody(sent, "chat-md-json.json", SchemaDialect.PLAIN, Mode.MD_JSON);
    }

    @Test
    void responses_tools_withReaskMessages() {
        ProviderRequest request = request("gpt-5", Mode.TOOLS)
                .messages(Message.reask(Mode.TOOLS, "{\"name\":7}", "call_1", "Person", "name: must be a string"))
                .maxTokens(500)
                .build();
        RecordedRequest sent = send(openAi(OpenAi.Api.RESPONSES), request);
        assertBody(sent, "responses-tools.json", SchemaDialect.OPENAI_STRICT, Mode.TOOLS);
        assertThat(sent.target()).isEqualTo("/v1/responses");
    }

    @Test
    void responses_jsonSchema() {
        RecordedRequest sent = send(
                openAi(OpenAi.Api.RESPONSES), request("gpt-5", Mode.JSON_SCHEMA).build());
        assertBody(sent, "responses-json-schema.json", SchemaDialect.OPENAI_STRICT, Mode.JSON_SCHEMA);
    }

    @Test
    void responses_json() {
        RecordedRequest sent =
                send(openAi(OpenAi.Api.RESPONSES), request("gpt-5", Mode.JSON).build());
        assertBody(sent, "responses-json.json", SchemaDialect.PLAIN, Mode.JSON);
    }

    @Test
    void compatible_plainSchemaMaxTokensNoAuthorization() {
        OpenAi provider = OpenAi.compatible(server.url("/v1").toString()).build();
        RecordedRequest sent =
                send(provider, request("llama3.1", Mode.TOOLS).maxTokens(500).build());
        assertBody(sent, "compatible-tools.json", SchemaDialect.PLAIN, Mode.TOOLS);
        assertThat(sent.header("Authorization")).isNull();
        assertThat(provider.dialect(Mode.TOOLS)).isEqualTo(SchemaDialect.PLAIN);
    }

    @Test
    void azure_deploymentUrlAndApiKeyHeader() {
        OpenAi provider = OpenAi.azure(server.url("/").toString(), "my-gpt4o", "2024-10-21")
                .apiKey("azure-key")
                .build();
        RecordedRequest sent =
                send(provider, request("gpt-4o", Mode.JSON_SCHEMA).build());
        assertThat(sent.target()).isEqualTo("/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21");
        assertThat(sent.header("api-key")).isEqualTo("azure-key");
        assertThat(sent.header("Authorization")).isNull();
        assertBody(sent, "azure-json-schema.json", SchemaDialect.OPENAI_STRICT, Mode.JSON_SCHEMA);
    }

    @Test
    void azure_chatRequestWithoutModel_sendsNoModelField() {
        OpenAi azure = OpenAi.azure(server.url("/").toString(), "my-gpt4o", "2024-10-21")
                .apiKey("azure-key")
                .build();
        server.enqueue(FakeResponse.status(400).body("{}"));
        ChatRequest request = ChatRequest.builder().user("Zoë is 7.").build();

        assertThatThrownBy(() -> Instructor.from(azure).responses().create(request, Person.class))
                .isInstanceOf(ProviderHttpException.class);

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.target()).startsWith("/openai/deployments/my-gpt4o/");
        assertThat(Json.parse(sent.bodyText()).has("model")).isFalse();
    }

    @Test
    void responsesApi_emptyModel_failsBeforeSending() {
        ProviderRequest request = request("", Mode.TOOLS).build();
        RecordingListener listener = new RecordingListener();

        assertThatThrownBy(() -> openAi(OpenAi.Api.RESPONSES).open(request, listener))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model");
    }

    @Test
    void chat_emptyModel_failsBeforeSendingToOpenAi_compatibleServerGetsNoModelField() {
        ProviderRequest request = request("", Mode.TOOLS).build();
        OpenAi openAi = openAi(OpenAi.Api.CHAT_COMPLETIONS);

        assertThatThrownBy(() -> openAi.validate(request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no model: ");
        assertThatThrownBy(() -> openAi.open(request, new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requestCount()).isZero();

        RecordedRequest sent =
                send(OpenAi.compatible(server.url("/v1").toString()).build(), request);
        assertThat(Json.parse(sent.bodyText()).has("model")).isFalse();
    }

    @Test
    void chat_tools_oSeriesModel_noParallelToolCallsField() {
        for (String model : new String[] {"o1", "o3-mini", "o4-mini-2025-04-16", "openai/o3"}) {
            RecordedRequest sent = send(
                    openAi(OpenAi.Api.CHAT_COMPLETIONS),
                    request(model, Mode.TOOLS).build());
            assertThat(Json.parse(sent.bodyText()).has("parallel_tool_calls"))
                    .as(model)
                    .isFalse();
        }
        RecordedRequest gpt = send(
                openAi(OpenAi.Api.CHAT_COMPLETIONS),
                request("gpt-4.1", Mode.TOOLS).build());
        assertThat(Json.parse(gpt.bodyText()).path("parallel_tool_calls").asBoolean(true))
                .isFalse();
    }

    @Test
    void noParallelToolCallsOff_fieldLeftOutOnBothApis() {
        for (OpenAi.Api api : OpenAi.Api.values()) {
            OpenAi provider = OpenAi.builder()
                    .apiKey("sk-test")
                    .baseUrl(server.url("/v1").toString())
                    .api(api)
                    .noParallelToolCalls(false)
                    .build();
            RecordedRequest sent = send(provider, request("gpt-4.1", Mode.TOOLS).build());
            assertThat(Json.parse(sent.bodyText()).has("parallel_tool_calls"))
                    .as(api.name())
                    .isFalse();
        }
    }

    @Test
    void streamUsageOff_noStreamOptions() {
        OpenAi provider = OpenAi.compatible(server.url("/v1").toString())
                .streamUsage(false)
                .build();
        RecordedRequest sent = send(provider, request("m", Mode.JSON).build());
        assertThat(Json.parse(sent.bodyText()).has("stream_options")).isFalse();
    }

    @Test
    void header_replacesOurAuthorization_inAnyCase_sentOnce() {
        OpenAi provider = OpenAi.builder()
                .apiKey("sk-test")
                .baseUrl(server.url("/v1").toString())
                .header("authorization", "Bearer gateway-token")
                .build();
        RecordedRequest sent = send(provider, request("gpt-4o", Mode.JSON).build());

        assertThat(sent.headers().get("authorization")).containsExactly("Bearer gateway-token");
        assertThatThrownBy(() -> OpenAi.builder().header("Content-Length", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Content-Length");
    }

    @Test
    void organizationProjectAndExtraHeaders() {
        OpenAi provider = OpenAi.builder()
                .apiKey("sk-test")
                .baseUrl(server.url("/v1").toString())
                .organization("org-1")
                .project("proj-1")
                .header("HTTP-Referer", "https://example.dev")
                .build();
        RecordedRequest sent = send(provider, request("gpt-4o", Mode.JSON).build());
        assertThat(List.of(
                        sent.header("OpenAI-Organization"), sent.header("OpenAI-Project"), sent.header("HTTP-Referer")))
                .containsExactly("org-1", "proj-1", "https://example.dev");
        assertThat(Json.parse(sent.bodyText()).path("stream").asBoolean()).isTrue();
    }
    /** A response model whose age must be a number, so an answer with a string there is re-asked. */
    record Aged(int age) {}

    /** A tool call streamed by a compatible server that sends no call id. */
    private static String toolCallWithoutId(String arguments) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"type\":\"function\","
                + "\"function\":{\"name\":\"Aged\",\"arguments\":" + Json.MAPPER.writeValueAsString(arguments)
                + "}}]},\"finish_reason\":null}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
                + "data: [DONE]\n\n";
    }

    @Test
    void chat_reasksThroughAServerWithoutCallIds_giveEachReplayedCallItsOwnId() {
        // Two rejected answers put two replayed calls in the third request; with one id for both, a result could
        // not say which call it answers, and a server that keys calls by id (LiteLLM to Anthropic) rejects repeats.
        OpenAi compatible = OpenAi.compatible(server.url("/v1").toString()).build();
        server.enqueue(FakeResponse.sse(toolCallWithoutId("{\"age\":\"one\"}")));
        server.enqueue(FakeResponse.sse(toolCallWithoutId("{\"age\":\"two\"}")));
        server.enqueue(FakeResponse.sse(toolCallWithoutId("{\"age\":3}")));
        ChatRequest request = ChatRequest.builder()
                .model("local")
                .mode(Mode.TOOLS)
                .maxRetries(2)
                .user("Zoë is 3.")
                .build();

        assertThat(Instructor.from(compatible)
                        .responses()
                        .create(request, Aged.class)
                        .age())
                .isEqualTo(3);

        server.takeRequest();
        server.takeRequest();
        JsonNode third = Json.parse(server.takeRequest().bodyText()).path("messages");
        List<String> callIds = third.findValuesAsString("id");
        List<String> resultIds = third.findValuesAsString("tool_call_id");
        assertThat(callIds).hasSize(2).doesNotHaveDuplicates();
        assertThat(resultIds).isEqualTo(callIds);
    }

    /** A response model with a map, which strict mode cannot express. */
    record Scores(Map<String, Integer> byName) {}

    @Test
    void client_strictMap_failsOnTheCallersThreadBeforeSending() {
        ChatRequest request = ChatRequest.builder()
                .model("gpt-4o")
                .user("Ada scored 7.")
                .mode(Mode.TOOLS)
                .build();

        assertThatThrownBy(() ->
                        Instructor.from(openAi(OpenAi.Api.CHAT_COMPLETIONS)).responses().stream(request, Scores.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot express a map");
        assertThat(server.requestCount()).isZero();
    }
}
