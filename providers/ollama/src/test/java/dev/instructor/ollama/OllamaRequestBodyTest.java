package dev.instructor.ollama;

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

/** The bodies we send per mode, against golden files written from Ollama's API reference. */
class OllamaRequestBodyTest {
    private final FakeProviderServer server = FakeProviderServer.start();
    private final ObjectNode schema = OllamaContractTest.schema();
    private final Ollama ollama =
            Ollama.builder().baseUrl(server.url("/").toString()).build();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void emptyModel_failsBeforeSending() {
        ProviderRequest request = ProviderRequest.builder("")
                .schema("Person", schema)
                .message(Message.user("Zoë is 7."))
                .build();

        assertThatThrownBy(() -> ollama.open(request, new RecordingListener()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ChatRequest.Builder.model");
    }

    private RecordedRequest send(ProviderRequest request) {
        server.enqueue(FakeResponse.status(400).body("{\"error\":\"bad\"}"));
        RecordingListener listener = new RecordingListener();
        ollama.open(request, listener);
        listener.awaitFailure(ProviderHttpException.class);
        return server.takeRequest();
    }

    private void assertBody(RecordedRequest sent, String golden, Mode mode) {
        ObjectNode applied = ollama.dialect(mode).apply(schema);
        GoldenBody.assertMatches(
                golden,
                sent.bodyText(),
                Map.of("SCHEMA", applied, "PROMPT", StringNode.valueOf(SchemaPrompt.forMode(mode, applied))));
    }

    @Test
    void jsonSchema_formatIsTheSchema_withReask() {
        RecordedRequest sent = send(ProviderRequest.builder("llama3.1")
                .mode(Mode.JSON_SCHEMA)
                .schema("Person", schema)
                .message(Message.user("Zoë is 7."))
                .messages(Message.reask(Mode.JSON_SCHEMA, "{\"name\":7}", null, "Person", "name: must be a string"))
                .temperature(0)
                .maxTokens(300)
                .build());
        assertBody(sent, "json-schema.json", Mode.JSON_SCHEMA);
        assertThat(sent.target()).isEqualTo("/api/chat");
        assertThat(sent.header("accept")).isEqualTo("application/x-ndjson");
    }

    @Test
    void extraBody_optionsField_keepsTemperatureAndTokenLimit() {
        // num_ctx is set in options, beside the temperature and num_predict we put there.
        RecordedRequest sent = send(ProviderRequest.builder("llama3.1")
                .mode(Mode.JSON_SCHEMA)
                .schema("Person", schema)
                .message(Message.user("Zoë is 7."))
                .temperature(0)
                .maxTokens(300)
                .extraBody("options", Map.of("num_ctx", 8192))
                .build());

        JsonNode options = Json.parse(sent.bodyText()).path("options");
        assertThat(options.path("num_ctx").asInt()).isEqualTo(8192);
        assertThat(options.path("temperature").isNumber()).isTrue();
        assertThat(options.path("num_predict").asInt()).isEqualTo(300);
    }

    @Test
    void json_formatJson_schemaInSystem() {
        assertBody(
                send(ProviderRequest.builder("llama3.1")
                        .mode(Mode.JSON)
                        .schema("Person", schema)
                        .message(Message.user("Zoë is 7."))
                        .build()),
                "json.json",
                Mode.JSON);
    }

    @Test
    void header_sentOnEveryRequest_besideTheBearerToken() {
        Ollama proxied = Ollama.builder()
                .host(server.url("/").toString())
                .header("X-Gateway-Route", "gpu-box")
                .apiKey("proxy-token")
                .build();
        server.enqueue(FakeResponse.status(400).body("{\"error\":\"bad\"}"));
        RecordingListener listener = new RecordingListener();
        proxied.open(
                ProviderRequest.builder("llama3.1")
                        .mode(Mode.JSON)
                        .schema("Person", schema)
                        .message(Message.user("Zoë is 7."))
                        .build(),
                listener);
        listener.awaitFailure(ProviderHttpException.class);
        RecordedRequest sent = server.takeRequest();

        assertThat(sent.header("X-Gateway-Route")).isEqualTo("gpu-box");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer proxy-token");
    }

    @Test
    void baseUrl_absoluteUrlOnly_lastOfBaseUrlAndHostWins() {
        assertThat(Ollama.builder()
                        .baseUrl("https://gateway.example.dev/ollama/")
                        .build()
                        .toString())
                .contains("https://gateway.example.dev/ollama/api/chat");
        assertThat(Ollama.builder()
                        .host("gpu-box")
                        .baseUrl("http://127.0.0.1:9")
                        .build()
                        .toString())
                .contains("http://127.0.0.1:9/api/chat");
        assertThat(Ollama.builder()
                        .baseUrl("http://127.0.0.1:9")
                        .host("gpu-box")
                        .build()
                        .toString())
                .contains("http://gpu-box:11434/api/chat");
        // The OLLAMA_HOST shorthand is host's alone; baseUrl takes what every other provider's baseUrl takes.
        assertThatThrownBy(() -> Ollama.builder().baseUrl("gpu-box:11434"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseUrl")
                .hasMessageContaining("gpu-box:11434");
    }

    @Test
    void textSettings_nullIsNpeNamingIt_blankIsIae() {
        Ollama.Builder builder = Ollama.builder();
        rejectsNull("apiKey", () -> builder.apiKey(null));
        rejectsNull("baseUrl", () -> builder.baseUrl(null));
        rejectsNull("name", () -> builder.name(null));
        rejectsNull("configurer", () -> builder.httpClient(null));
        rejectsNull("header name", () -> builder.header(null, "v"));
        rejectsNull("header value", () -> builder.header("X-Trace", null));
        rejectsNull("host", () -> builder.host(null));
        rejectsBlank("apiKey", () -> builder.apiKey(" "));
        rejectsBlank("baseUrl", () -> builder.baseUrl(" "));
        rejectsBlank("name", () -> builder.name(""));
        rejectsBlank("header name", () -> builder.header(" ", "v"));
        rejectsBlank("host", () -> builder.host(" "));
    }

    @Test
    void headerSettings_controlCharacterInside_rejectedAtOnce_neverQuotingTheValue() {
        // Left to the first request, the JDK client would refuse it there with a message that quotes the key.
        assertThatThrownBy(() -> Ollama.builder().apiKey("sk-secret\n-tail"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey")
                .hasMessageNotContaining("sk-secret");
    }

    @Test
    void host_fromEnvForms() {
        assertThat(Ollama.fromEnv(Map.of()).toString()).contains("http://localhost:11434/api/chat");
        assertThat(Ollama.fromEnv(Map.of("OLLAMA_HOST", "127.0.0.1:9999")).toString())
                .contains("http://127.0.0.1:9999/api/chat");
        assertThat(Ollama.fromEnv(Map.of("OLLAMA_HOST", "gpu-box")).toString())
                .contains("http://gpu-box:11434/api/chat");
        assertThat(Ollama.fromEnv(Map.of("OLLAMA_HOST", "https://ollama.example.dev/"))
                        .toString())
                .contains("https://ollama.example.dev/api/chat");
        assertThatThrownBy(() -> Ollama.builder().host("ftp://x")).hasMessageContaining("ftp://x");
    }

    /** A response model for the client-level test below. */
    record Person(String name) {}

    @Test
    void client_noModel_failsOnTheCallersThreadBeforeSending() {
        ChatRequest request = ChatRequest.builder().user("Zoë is 7.").build();

        assertThatThrownBy(() -> Instructor.from(ollama).responses().stream(request, Person.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ChatRequest.Builder.model");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void modes_unsupportedIsIae_nullIsNpe() {
        assertThatThrownBy(() -> Ollama.builder().defaultMode(Mode.TOOLS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ollama does not support mode TOOLS; it supports [JSON_SCHEMA, JSON, MD_JSON]");
        rejectsNull("mode", () -> Ollama.builder().defaultMode(null));
        rejectsNull("mode", () -> ollama.dialect(null));
        assertThatThrownBy(() -> ollama.dialect(Mode.TOOLS)).isInstanceOf(IllegalArgumentException.class);
    }
}
