package dev.instructor.gemini;

import static dev.instructor.testing.SetterChecks.rejectsBlank;
import static dev.instructor.testing.SetterChecks.rejectsNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.internal.transport.Json;
import dev.instructor.internal.transport.SchemaPrompt;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderHttpException;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.GoldenBody;
import dev.instructor.testing.RecordedRequest;
import dev.instructor.testing.RecordingListener;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** The bodies we send per mode, against golden files written from the Gemini API reference. */
class GeminiRequestBodyTest {
    private final FakeProviderServer server = FakeProviderServer.start();
    private final ObjectNode schema = GeminiContractTest.schema();
    private final Gemini gemini = Gemini.builder()
            .apiKey("gm-test")
            .baseUrl(server.url("/v1beta").toString())
            .build();

    @AfterEach
    void close() {
        server.close();
    }

    private ProviderRequest.Builder request(Mode mode) {
        return request("gemini-2.5-flash", mode);
    }

    private ProviderRequest.Builder request(String model, Mode mode) {
        return ProviderRequest.builder(model)
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

        assertThatThrownBy(() -> gemini.open(request, new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ChatRequest.Builder.model");
    }

    private RecordedRequest send(ProviderRequest request) {
        server.enqueue(FakeResponse.status(400).body("{}"));
        RecordingListener listener = new RecordingListener();
        gemini.open(request, listener);
        listener.awaitFailure(ProviderHttpException.class);
        return server.takeRequest();
    }

    private void assertBody(RecordedRequest sent, String golden, Mode mode) {
        ObjectNode applied = gemini.dialect(mode).apply(schema);
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
    void jsonSchema_responseJsonSchema() {
        RecordedRequest sent =
                send(request(Mode.JSON_SCHEMA).temperature(0.5).maxTokens(800).build());
        assertBody(sent, "json-schema.json", Mode.JSON_SCHEMA);
        assertThat(sent.target()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(sent.header("x-goog-api-key")).isEqualTo("gm-test");
    }

    @Test
    void modelNames_addressTheirResource_tunedModelsIncluded() {
        assertThat(send(request("models/gemini-2.5-flash", Mode.JSON_SCHEMA).build())
                        .target())
                .isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(send(request("tunedModels/my-model-7", Mode.JSON_SCHEMA).build())
                        .target())
                .isEqualTo("/v1beta/tunedModels/my-model-7:streamGenerateContent?alt=sse");
        assertThat(send(request("a b/c", Mode.JSON_SCHEMA).build()).target())
                .isEqualTo("/v1beta/models/a+b%2Fc:streamGenerateContent?alt=sse");
    }

    @Test
    void tools_forcedFunctionWithReask() {
        RecordedRequest sent = send(request(Mode.TOOLS)
                .messages(Message.reask(Mode.TOOLS, "{\"name\":7}", "call_0", "Person", "name: must be a string"))
                .build());
        assertBody(sent, "tools.json", Mode.TOOLS);
    }

    @Test
    void reask_argumentsNotAnObject_theModelSeesWhatItWrote() {
        // functionCall.args must be an object, so it is replayed as {}; the model must still read its own output.
        for (String written : new String[] {"[\"Ada\", 7]", "{\"name\": \"Ada\""}) {
            RecordedRequest sent = send(request(Mode.TOOLS)
                    .messages(Message.reask(Mode.TOOLS, written, "call_0", "Person", "must be an object"))
                    .build());

            JsonNode contents = Json.parse(sent.bodyText()).path("contents");
            assertThat(contents.findValue("args")).isEqualTo(Json.object());
            assertThat(contents.findValue("functionResponse").toString())
                    .contains(Json.MAPPER.writeValueAsString(written).replaceAll("^\"|\"$", ""))
                    .contains("must be an object");
        }
    }

    @Test
    void tools_reaskReplaysTheCallsThoughtSignature() {
        RecordedRequest sent = send(request(Mode.TOOLS)
                .messages(Message.reask(
                        Mode.TOOLS,
                        "{\"name\":7}",
                        new ProviderEvent.ToolCall("call_0", "Person", "c2lnbmF0dXJl"),
                        "name: must be a string"))
                .build());
        JsonNode part = Json.parse(sent.bodyText())
                .path("contents")
                .path(1)
                .path("parts")
                .path(0);
        assertThat(part.path("functionCall").path("name").stringValue()).isEqualTo("Person");
        assertThat(part.path("thoughtSignature").stringValue()).isEqualTo("c2lnbmF0dXJl");
    }

    @Test
    void tools_reaskSendsTheCallsIdBackWithTheCallAndItsResponse() {
        // Gemini 3 gives each functionCall an id; the functionResponse names the call it answers by that id.
        RecordedRequest sent = send(request(Mode.TOOLS)
                .messages(Message.reask(Mode.TOOLS, "{\"name\":7}", "a1b2c3d4", "Person", "name: must be a string"))
                .build());
        JsonNode contents = Json.parse(sent.bodyText()).path("contents");
        JsonNode call = contents.path(1).path("parts").path(0).path("functionCall");
        JsonNode response = contents.path(2).path("parts").path(0).path("functionResponse");
        assertThat(call.path("id").asString("")).isEqualTo("a1b2c3d4");
        assertThat(response.path("id").asString("")).isEqualTo("a1b2c3d4");
    }

    @Test
    void reask_afterAnEmptyAnswer_sendsNoEmptyTextPart() {
        // The API answers 400 to a part whose text is empty (no data field set); an answer with no JSON at all is
        // re-asked, so the empty turn is left out and the feedback joins the user turn.
        RecordedRequest sent = send(request(Mode.JSON_SCHEMA)
                .messages(Message.reask(Mode.JSON_SCHEMA, "", null, "Person", "the answer holds no JSON value"))
                .build());

        JsonNode contents = Json.parse(sent.bodyText()).path("contents");
        assertThat(contents).hasSize(1);
        assertThat(contents.path(0).path("role").asString()).isEqualTo("user");
        assertThat(contents.path(0).path("parts").findValuesAsString("text"))
                .containsExactly("Zoë is 7.", "the answer holds no JSON value");
    }

    @Test
    void extraBody_generationConfigField_keepsTheSchemaAndSettings() {
        // thinkingConfig, topP or seed can only be set inside generationConfig; that must not drop our schema.
        RecordedRequest sent = send(request(Mode.JSON_SCHEMA)
                .temperature(0.5)
                .extraBody(
                        "generationConfig", Map.of("thinkingConfig", Map.of("thinkingBudget", 0), "temperature", 0.1))
                .build());

        JsonNode config = Json.parse(sent.bodyText()).path("generationConfig");
        assertThat(config.path("thinkingConfig").path("thinkingBudget").asInt(-1))
                .isZero();
        assertThat(config.path("temperature").asDouble()).isEqualTo(0.1);
        assertThat(config.path("responseMimeType").asString()).isEqualTo("application/json");
        assertThat(config.path("responseJsonSchema"))
                .isEqualTo(gemini.dialect(Mode.JSON_SCHEMA).apply(schema));
    }

    @Test
    void json_schemaInSystemInstruction() {
        assertBody(send(request(Mode.JSON).build()), "json.json", Mode.JSON);
    }

    @Test
    void header_sentOnEveryRequest() {
        Gemini gateway = Gemini.builder()
                .apiKey("gm-test")
                .baseUrl(server.url("/v1beta").toString())
                .header("X-Gateway-Route", "gemini")
                .build();
        server.enqueue(FakeResponse.status(400).body("{}"));
        RecordingListener listener = new RecordingListener();
        gateway.open(request(Mode.JSON).build(), listener);
        listener.awaitFailure(ProviderHttpException.class);
        RecordedRequest sent = server.takeRequest();

        assertThat(sent.header("X-Gateway-Route")).isEqualTo("gemini");
        assertThat(sent.header("x-goog-api-key")).isEqualTo("gm-test");
    }

    @Test
    void modes_everyModeSupported_nullIsNpe() {
        for (Mode mode : Mode.values()) {
            assertThat(Gemini.builder().defaultMode(mode)).isNotNull();
            assertThat(gemini.dialect(mode)).isNotNull();
        }
        rejectsNull("mode", () -> Gemini.builder().defaultMode(null));
        rejectsNull("mode", () -> gemini.dialect(null));
    }

    @Test
    void textSettings_nullIsNpeNamingIt_blankIsIae() {
        Gemini.Builder builder = Gemini.builder();
        rejectsNull("apiKey", () -> builder.apiKey(null));
        rejectsNull("baseUrl", () -> builder.baseUrl(null));
        rejectsNull("name", () -> builder.name(null));
        rejectsNull("configurer", () -> builder.httpClient(null));
        rejectsNull("header name", () -> builder.header(null, "v"));
        rejectsNull("header value", () -> builder.header("X-Trace", null));
        rejectsBlank("apiKey", () -> builder.apiKey(" "));
        rejectsBlank("baseUrl", () -> builder.baseUrl(" "));
        rejectsBlank("name", () -> builder.name(""));
        rejectsBlank("header name", () -> builder.header(" ", "v"));
    }

    @Test
    void oauthTokenInAnAuthorizationHeader_noApiKeyNeededNorSent() {
        // Vertex AI authenticates with an OAuth access token; a key sent beside it would be checked, and refused.
        Gemini gemini = Gemini.builder()
                .baseUrl(server.url("/v1beta").toString())
                .header("Authorization", "Bearer ya29.token")
                .build();
        server.enqueue(FakeResponse.status(400).body("{}"));
        RecordingListener listener = new RecordingListener();
        gemini.open(request(Mode.JSON_SCHEMA).build(), listener);
        listener.awaitFailure(ProviderHttpException.class);
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.header("authorization")).isEqualTo("Bearer ya29.token");
        assertThat(sent.headers()).doesNotContainKey("x-goog-api-key");
    }

    @Test
    void fromEnv_googleApiKey_readWhenGeminiApiKeyIsNotSet_asGooglesSdkReadsIt() {
        Gemini fromEnv = Gemini.fromEnv(Map.of(
                "GOOGLE_API_KEY",
                "google-key",
                "GEMINI_BASE_URL",
                server.url("/v1beta").toString()));
        server.enqueue(FakeResponse.status(400).body("{}"));
        RecordingListener listener = new RecordingListener();
        fromEnv.open(request(Mode.JSON_SCHEMA).build(), listener);
        listener.awaitFailure(ProviderHttpException.class);
        assertThat(server.takeRequest().header("x-goog-api-key")).isEqualTo("google-key");
        assertThatThrownBy(() -> Gemini.fromEnv(Map.of())).hasMessage("GEMINI_API_KEY (or GOOGLE_API_KEY) is not set");
    }

    @Test
    void headerSettings_controlCharacterInside_rejectedAtOnce_neverQuotingTheValue() {
        // Left to the first request, the JDK client would refuse it there with a message that quotes the key.
        assertThatThrownBy(() -> Gemini.builder().apiKey("sk-secret\n-tail"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey")
                .hasMessageNotContaining("sk-secret");
    }

    /** A response model for the client-level test below. */
    record Person(String name) {}

    @Test
    void client_noModel_failsOnTheCallersThreadBeforeSending() {
        ChatRequest request = ChatRequest.builder().user("Zoë is 7.").build();

        assertThatThrownBy(() -> Instructor.from(gemini).responses().stream(request, Person.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ChatRequest.Builder.model");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void builder_validatesAtOnce() {
        assertThatThrownBy(() -> Gemini.builder().baseUrl("x")).hasMessageContaining("\"x\"");
        assertThatThrownBy(() -> Gemini.fromEnv(Map.of())).hasMessageContaining("GEMINI_API_KEY");
        assertThat(Gemini.fromEnv(Map.of("GEMINI_API_KEY", "secret-k")).toString())
                .doesNotContain("secret-k");
    }
}
