package dev.instructor.anthropic;

import static dev.instructor.testing.SetterChecks.rejectsBlank;
import static dev.instructor.testing.SetterChecks.rejectsNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.internal.transport.Json;
import dev.instructor.internal.transport.SchemaPrompt;
import dev.instructor.schema.SchemaDialect;
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

/** The bodies we send per mode, against golden files written from the Messages API reference. */
class AnthropicRequestBodyTest {
    private final FakeProviderServer server = FakeProviderServer.start();
    private final ObjectNode schema = AnthropicContractTest.schema();
    private final Anthropic anthropic = Anthropic.builder()
            .apiKey("sk-ant-test")
            .baseUrl(server.url("/").toString())
            .build();

    @AfterEach
    void close() {
        server.close();
    }

    private ProviderRequest.Builder request(Mode mode) {
        return ProviderRequest.builder("claude-sonnet-4-5")
                .mode(mode)
                .schema("Person", schema)
                .schemaDescription("A person.")
                .message(Message.system("Extract the person."))
                .message(Message.user("Zoë is 7."));
    }

    @Test
    void emptyModel_failsBeforeSending() {
        ProviderRequest request = ProviderRequest.builder("")
                .schema("Person", schema)
                .message(Message.user("Zoë is 7."))
                .build();

        assertThatThrownBy(() -> anthropic.open(request, new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ChatRequest.Builder.model");
    }

    private RecordedRequest send(ProviderRequest request) {
        server.enqueue(FakeResponse.status(400).body("{}"));
        RecordingListener listener = new RecordingListener();
        anthropic.open(request, listener);
        listener.awaitFailure(ProviderHttpException.class);
        return server.takeRequest();
    }

    private void assertBody(RecordedRequest sent, String golden, Mode mode) {
        ObjectNode applied = anthropic.dialect(mode).apply(schema);
        GoldenBody.assertMatches(
                golden,
                sent.bodyText(),
                Map.of(
                        "SCHEMA",
                        applied,
                        "SYSTEM",
                        StringNode.valueOf("Extract the person.\n\n" + SchemaPrompt.forMode(mode, applied))));
    }

    @Test
    void tools_forcedToolWithReask() {
        RecordedRequest sent = send(request(Mode.TOOLS)
                .messages(Message.reask(Mode.TOOLS, "{\"name\":7}", "toolu_1", "Person", "name: must be a string"))
                .temperature(0.2)
                .build());
        assertBody(sent, "tools.json", Mode.TOOLS);
        assertThat(sent.target()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo("sk-ant-test");
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(anthropic.dialect(Mode.TOOLS)).isEqualTo(SchemaDialect.ANTHROPIC);
    }

    @Test
    void jsonSchema_constraintsStructuredOutputsReject_moveIntoDescriptions() {
        // output_config.format answers 400 "For 'integer' type, property 'minimum' is not supported"; a tool's
        // input_schema is not compiled into a grammar and keeps them.
        ObjectNode constrained = Json.object().put("type", "object").put("additionalProperties", false);
        ObjectNode properties = constrained.putObject("properties");
        properties.putObject("age").put("type", "integer").put("minimum", 0).put("maximum", 150);
        properties.putObject("name").put("type", "string").put("minLength", 1);
        properties.putObject("tags").put("type", "array").put("minItems", 1).put("maxItems", 3);
        constrained.putArray("required").add("age").add("name").add("tags");
        ProviderRequest.Builder request = ProviderRequest.builder("claude-sonnet-4-5")
                .schema("Person", constrained)
                .message(Message.user("Zoë is 7."));

        JsonNode sent = Json.parse(send(request.mode(Mode.JSON_SCHEMA).build()).bodyText())
                .path("output_config")
                .path("format")
                .path("schema")
                .path("properties");
        assertThat(sent.path("age").toString())
                .isEqualTo("{\"type\":\"integer\",\"description\":\"Must be at least 0 and be at most 150.\"}");
        assertThat(sent.path("name").toString())
                .isEqualTo("{\"type\":\"string\",\"description\":\"Must have at least 1 character.\"}");
        assertThat(sent.path("tags").toString())
                .isEqualTo("{\"type\":\"array\",\"minItems\":1,\"description\":\"Must have at most 3 items.\"}");

        JsonNode tool = Json.parse(send(request.mode(Mode.TOOLS).build()).bodyText())
                .path("tools")
                .path(0)
                .path("input_schema");
        assertThat(tool.path("properties").path("age").path("minimum").asInt(-1))
                .isZero();
    }

    @Test
    void jsonSchema_outputConfigFormat() {
        assertBody(send(request(Mode.JSON_SCHEMA).maxTokens(1000).build()), "json-schema.json", Mode.JSON_SCHEMA);
    }

    @Test
    void reask_toolInputNotAnObject_theModelSeesWhatItWrote() {
        // tool_use.input must be an object, so it is replayed as {}; the model must still read its own output.
        for (String written : new String[] {"[\"Ada\", 7]", "{\"name\": \"Ada\""}) {
            RecordedRequest sent = send(request(Mode.TOOLS)
                    .messages(Message.reask(Mode.TOOLS, written, "toolu_1", "Person", "must be an object"))
                    .build());

            JsonNode messages = Json.parse(sent.bodyText()).path("messages");
            assertThat(messages.findValue("input")).isEqualTo(Json.object());
            String result =
                    messages.get(2).path("content").path(0).path("content").stringValue();
            assertThat(result).contains(written).contains("must be an object");
        }
    }

    @Test
    void json_schemaInSystemPrompt_reaskAsUserTurn() {
        RecordedRequest sent = send(request(Mode.JSON)
                .messages(Message.reask(Mode.JSON, "{\"name\":7}", null, "Person", "name: must be a string"))
                .build());
        assertBody(sent, "json.json", Mode.JSON);
    }

    @Test
    void reask_afterAnEmptyAnswer_sendsNoEmptyTextBlock() {
        // The API answers 400 "text content blocks must be non-empty" (and to whitespace-only text); an answer with
        // no JSON at all is re-asked, so the empty turn is left out and the feedback joins the user turn.
        RecordedRequest sent = send(request(Mode.JSON_SCHEMA)
                .messages(Message.reask(Mode.JSON_SCHEMA, " \n", null, "Person", "the answer holds no JSON value"))
                .build());

        JsonNode messages = Json.parse(sent.bodyText()).path("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.path(0).path("role").asString()).isEqualTo("user");
        assertThat(messages.path(0).path("content").findValuesAsString("text"))
                .containsExactly("Zoë is 7.", "the answer holds no JSON value");
    }

    @Test
    void extraBody_objectOfTheSameTypeIsMerged_ofAnotherTypeReplacesOurs() {
        RecordedRequest effort = send(request(Mode.JSON_SCHEMA)
                .extraBody("output_config", Map.of("effort", "low"))
                .build());
        JsonNode config = Json.parse(effort.bodyText()).path("output_config");
        assertThat(config.path("effort").asString()).isEqualTo("low");
        assertThat(config.path("format").path("type").asString()).isEqualTo("json_schema");

        RecordedRequest any = send(request(Mode.TOOLS)
                .extraBody("tool_choice", Map.of("type", "any"))
                .build());
        assertThat(Json.parse(any.bodyText()).path("tool_choice")).isEqualTo(Json.parse("{\"type\":\"any\"}"));
    }

    @Test
    void open_temperatureAboveOne_rejectedBeforeSending() {
        ProviderRequest request = request(Mode.TOOLS).temperature(1.5).build();

        assertThatThrownBy(() -> anthropic.open(request, new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("temperature must be in [0, 1] for anthropic: 1.5");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void open_temperatureOne_sent() {
        RecordedRequest sent = send(request(Mode.TOOLS).temperature(1.0).build());

        assertThat(sent.bodyText()).contains("\"temperature\":1.0");
    }

    /** A response model for the client-level test below. */
    record Person(String name) {}

    @Test
    void client_temperatureAboveOne_failsOnTheCallersThreadBeforeSending() {
        ChatRequest request = ChatRequest.builder()
                .model("claude-sonnet-4-5")
                .user("Zoë is 7.")
                .temperature(1.5)
                .build();

        assertThatThrownBy(() -> Instructor.from(anthropic).responses().stream(request, Person.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temperature must be in [0, 1]");
        assertThat(server.requestCount()).isZero();
    }

    /** A response model with a map, which structured outputs cannot express. */
    record Scores(java.util.Map<String, Integer> byName) {}

    @Test
    void client_jsonSchema_mapFailsOnTheCallersThreadBeforeSending() {
        ChatRequest request = ChatRequest.builder()
                .model("claude-sonnet-4-5")
                .user("Ada scored 7.")
                .mode(Mode.JSON_SCHEMA)
                .build();

        assertThatThrownBy(() -> Instructor.from(anthropic).responses().stream(request, Scores.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot express a map");
        assertThat(server.requestCount()).isZero();
    }

    /** A recursive response model, which structured outputs cannot express. */
    record Outline(String title, java.util.List<Outline> sections) {}

    /** A response model with a member of any type, which structured outputs cannot express. */
    record Tagged(String name, Object extra) {}

    @Test
    void client_jsonSchema_recursiveOrUntypedFailsOnTheCallersThreadBeforeSending() {
        ChatRequest request = ChatRequest.builder()
                .model("claude-sonnet-4-5")
                .user("Outline a talk.")
                .mode(Mode.JSON_SCHEMA)
                .build();

        assertThatThrownBy(() -> Instructor.from(anthropic).responses().stream(request, Outline.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recursive");
        assertThatThrownBy(() -> Instructor.from(anthropic).responses().stream(request, Tagged.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/properties/extra");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void tools_recursiveAndUntypedSchemasSent() {
        // A tool's input_schema is not compiled into a grammar: TOOLS takes what JSON_SCHEMA cannot.
        server.enqueue(FakeResponse.status(400).body("{}"));
        server.enqueue(FakeResponse.status(400).body("{}"));
        ChatRequest request = ChatRequest.builder()
                .model("claude-sonnet-4-5")
                .user("Outline a talk.")
                .mode(Mode.TOOLS)
                .build();
        for (Class<?> type : List.of(Outline.class, Tagged.class)) {
            assertThatThrownBy(() -> Instructor.from(anthropic).responses().create(request, type));
            assertThat(Json.parse(server.takeRequest().bodyText())
                            .path("tools")
                            .path(0)
                            .path("name")
                            .stringValue())
                    .isEqualTo(type.getSimpleName());
        }
    }

    @Test
    void client_noModel_failsOnTheCallersThreadBeforeSending() {
        ChatRequest request = ChatRequest.builder().user("Zoë is 7.").build();

        assertThatThrownBy(() -> Instructor.from(anthropic).responses().stream(request, Person.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ChatRequest.Builder.model");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void validate_jsonSchema_objectWithPropertiesButNoType_notTakenForAnyValue() {
        ObjectNode implicit = Json.object().put("additionalProperties", false);
        implicit.putObject("properties").putObject("name").put("type", "string");
        implicit.putArray("required").add("name");
        ObjectNode root = Json.object().put("type", "object").put("additionalProperties", false);
        root.putObject("properties").set("person", implicit);
        root.putArray("required").add("person");

        anthropic.validate(ProviderRequest.builder("claude-sonnet-4-5")
                .mode(Mode.JSON_SCHEMA)
                .schema("Wrapper", root)
                .message(Message.user("Zoë is 7."))
                .build());
    }

    @Test
    void header_sentOnEveryRequest_andReplacesTheProvidersOwn() {
        Anthropic gateway = Anthropic.builder()
                .apiKey("sk-ant-test")
                .baseUrl(server.url("/").toString())
                .header("X-Gateway-Route", "claude")
                .header("Anthropic-Version", "2099-01-01")
                .build();
        server.enqueue(FakeResponse.status(400).body("{}"));
        RecordingListener listener = new RecordingListener();
        gateway.open(request(Mode.TOOLS).build(), listener);
        listener.awaitFailure(ProviderHttpException.class);
        RecordedRequest sent = server.takeRequest();

        assertThat(sent.header("X-Gateway-Route")).isEqualTo("claude");
        assertThat(sent.headers().get("anthropic-version")).containsExactly("2099-01-01");
        assertThat(sent.header("x-api-key")).isEqualTo("sk-ant-test");
    }

    @Test
    void modes_everyModeSupported_nullIsNpe() {
        for (Mode mode : Mode.values()) {
            assertThat(Anthropic.builder().defaultMode(mode)).isNotNull();
            assertThat(anthropic.dialect(mode)).isNotNull();
        }
        rejectsNull("mode", () -> Anthropic.builder().defaultMode(null));
        rejectsNull("mode", () -> anthropic.dialect(null));
    }

    @Test
    void textSettings_nullIsNpeNamingIt_blankIsIae() {
        Anthropic.Builder builder = Anthropic.builder();
        rejectsNull("apiKey", () -> builder.apiKey(null));
        rejectsNull("baseUrl", () -> builder.baseUrl(null));
        rejectsNull("name", () -> builder.name(null));
        rejectsNull("configurer", () -> builder.httpClient(null));
        rejectsNull("header name", () -> builder.header(null, "v"));
        rejectsNull("header value", () -> builder.header("X-Trace", null));
        rejectsNull("version", () -> builder.version(null));
        rejectsNull("beta", () -> builder.beta(null));
        rejectsBlank("apiKey", () -> builder.apiKey(" "));
        rejectsBlank("baseUrl", () -> builder.baseUrl(" "));
        rejectsBlank("name", () -> builder.name(""));
        rejectsBlank("header name", () -> builder.header(" ", "v"));
        rejectsBlank("beta", () -> builder.beta(" "));
    }

    @Test
    void bearerTokenInAnAuthorizationHeader_noApiKeyNeededNorSent() {
        // A gateway in front of the API (or an OAuth token) authenticates with a bearer token instead of x-api-key.
        Anthropic anthropic = Anthropic.builder()
                .baseUrl(server.url("/").toString())
                .header("Authorization", "Bearer gateway-token")
                .build();
        server.enqueue(FakeResponse.status(400).body("{}"));
        RecordingListener listener = new RecordingListener();
        anthropic.open(request(Mode.TOOLS).build(), listener);
        listener.awaitFailure(ProviderHttpException.class);
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.header("authorization")).isEqualTo("Bearer gateway-token");
        assertThat(sent.headers()).doesNotContainKey("x-api-key");
    }

    @Test
    void fromEnv_authTokenWithoutApiKey_sentAsBearer_asTheSdksReadIt() {
        // ANTHROPIC_AUTH_TOKEN is what Anthropic's SDKs read for a bearer token, a gateway's in front of the API.
        Anthropic fromEnv = Anthropic.fromEnv(Map.of(
                "ANTHROPIC_AUTH_TOKEN",
                "gateway-token",
                "ANTHROPIC_BASE_URL",
                server.url("/").toString()));
        server.enqueue(FakeResponse.status(400).body("{}"));
        RecordingListener listener = new RecordingListener();
        fromEnv.open(request(Mode.TOOLS).build(), listener);
        listener.awaitFailure(ProviderHttpException.class);
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.header("authorization")).isEqualTo("Bearer gateway-token");
        assertThat(sent.headers()).doesNotContainKey("x-api-key");
        assertThatThrownBy(() -> Anthropic.fromEnv(Map.of()))
                .hasMessage("ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN) is not set");
    }

    @Test
    void headerSettings_controlCharacterInside_rejectedAtOnce_neverQuotingTheValue() {
        // Left to the first request, the JDK client would refuse it there with a message that quotes the key.
        assertThatThrownBy(() -> Anthropic.builder().apiKey("sk-secret\n-tail"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey")
                .hasMessageNotContaining("sk-secret");
        assertThatThrownBy(() -> Anthropic.builder().version("2023-06-01\u0000"))
                .hasMessageContaining("version");
        assertThatThrownBy(() -> Anthropic.builder().beta("a\rb")).hasMessageContaining("beta");
    }

    @Test
    void builder_validatesAtOnce() {
        assertThatThrownBy(() -> Anthropic.builder().baseUrl("not a url")).hasMessageContaining("not a url");
        assertThatThrownBy(() -> Anthropic.builder().defaultMaxTokens(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> Anthropic.builder().build()).hasMessageContaining("apiKey");
        assertThatThrownBy(() -> Anthropic.fromEnv(Map.of())).hasMessageContaining("ANTHROPIC_API_KEY");
        assertThat(Anthropic.fromEnv(Map.of("ANTHROPIC_API_KEY", "k")).toString())
                .doesNotContain("=k");
    }
}
