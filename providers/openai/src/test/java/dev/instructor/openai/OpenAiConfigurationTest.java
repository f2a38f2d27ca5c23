package dev.instructor.openai;

import static dev.instructor.testing.SetterChecks.rejectsBlank;
import static dev.instructor.testing.SetterChecks.rejectsNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderHttpException;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.RecordingListener;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiConfigurationTest {
    @Test
    void fromEnv_keyAndBaseUrl() {
        OpenAi openAi = OpenAi.fromEnv(Map.of("OPENAI_API_KEY", "sk-env", "OPENAI_BASE_URL", "http://localhost:9/v1/"));
        assertThat(openAi.toString())
                .contains("http://localhost:9/v1/chat/completions")
                .doesNotContain("sk-env");
    }

    @Test
    void fromEnv_missingKey() {
        assertThatThrownBy(() -> OpenAi.fromEnv(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void baseUrl_invalid_namesValue() {
        assertThatThrownBy(() -> OpenAi.builder().baseUrl("ftp://x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseUrl")
                .hasMessageContaining("ftp://x");
        assertThatThrownBy(() -> OpenAi.builder().baseUrl("localhost:8080")).hasMessageContaining("localhost:8080");
    }

    @Test
    void apiKey_requiredForOpenAi_optionalForCompatible() {
        assertThatThrownBy(() -> OpenAi.builder().build()).hasMessageContaining("apiKey");
        assertThat(OpenAi.compatible("http://localhost:11434/v1").build().name())
                .isEqualTo("openai-compatible");
        assertThatThrownBy(() -> OpenAi.builder().apiKey(" ")).hasMessageContaining("apiKey");
    }

    @Test
    void textSettings_nullIsNpeNamingIt_blankIsIae() {
        OpenAi.Builder builder = OpenAi.builder();
        rejectsNull("apiKey", () -> builder.apiKey(null));
        rejectsNull("baseUrl", () -> builder.baseUrl(null));
        rejectsNull("name", () -> builder.name(null));
        rejectsNull("configurer", () -> builder.httpClient(null));
        rejectsNull("header name", () -> builder.header(null, "v"));
        rejectsNull("header value", () -> builder.header("X-Trace", null));
        rejectsNull("organization", () -> builder.organization(null));
        rejectsNull("project", () -> builder.project(null));
        rejectsBlank("apiKey", () -> builder.apiKey(" "));
        rejectsBlank("baseUrl", () -> builder.baseUrl(" "));
        rejectsBlank("name", () -> builder.name(""));
        rejectsBlank("header name", () -> builder.header(" ", "v"));
        rejectsBlank("project", () -> builder.project(""));
    }

    @Test
    void maxRetries_negative_namesValue() {
        assertThatThrownBy(() -> OpenAi.builder().maxRetries(-1)).hasMessageContaining("-1");
    }

    @Test
    void responses_rejectsMdJsonAsDefault_atBuild_asItsOtherCrossSettingChecks() {
        // The API may be chosen after the mode, in either order, so only build() can judge the pair.
        OpenAi.Builder builder =
                OpenAi.builder().apiKey("k").defaultMode(Mode.MD_JSON).api(OpenAi.Api.RESPONSES);
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "openai RESPONSES does not support defaultMode MD_JSON; it supports [TOOLS, JSON_SCHEMA, JSON]");
        assertThat(builder.api(OpenAi.Api.CHAT_COMPLETIONS).build().defaultMode())
                .isEqualTo(Mode.MD_JSON);
    }

    @Test
    void nullArguments_npeNamingTheParameter_unsupportedMode_iae() {
        OpenAi responses =
                OpenAi.builder().apiKey("k").api(OpenAi.Api.RESPONSES).build();
        rejectsNull("mode", () -> OpenAi.builder().defaultMode(null));
        rejectsNull("mode", () -> responses.dialect(null));
        assertThatThrownBy(() -> responses.dialect(Mode.MD_JSON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("openai RESPONSES does not support mode MD_JSON; it supports [TOOLS, JSON_SCHEMA, JSON]");
    }

    @Test
    void apiKey_readFromAFileWithItsLineBreak_sentWithout() {
        try (FakeProviderServer server = FakeProviderServer.start()) {
            OpenAi openAi = OpenAi.builder()
                    .apiKey("sk-from-file\n")
                    .organization(" org-1\r\n")
                    .baseUrl(server.url("/v1").toString())
                    .maxRetries(0)
                    .build();
            assertThat(headersSent(server, openAi))
                    .containsEntry("authorization", List.of("Bearer sk-from-file"))
                    .containsEntry("openai-organization", List.of("org-1"));
        }
    }

    @Test
    void headerSettings_controlCharacterInside_rejectedAtOnce_neverQuotingTheValue() {
        // Left to the first request, the JDK client would refuse it there with a message that quotes the key.
        assertThatThrownBy(() -> OpenAi.builder().apiKey("sk-secret\n-tail"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey")
                .hasMessageNotContaining("sk-secret");
        assertThatThrownBy(() -> OpenAi.builder().organization("org\u0000x")).hasMessageContaining("organization");
        assertThatThrownBy(() -> OpenAi.builder().project("proj\u0007x")).hasMessageContaining("project");
    }

    @Test
    void azure_entraIdTokenInAnAuthorizationHeader_noApiKeyNeededNorSent() {
        // Microsoft Entra ID, Azure's recommended authentication, sends a bearer token instead of the api-key header.
        try (FakeProviderServer server = FakeProviderServer.start()) {
            OpenAi azure = OpenAi.azure(server.url("/").toString(), "gpt-4o", "2024-10-21")
                    .header("Authorization", "Bearer entra-token")
                    .maxRetries(0)
                    .build();
            assertThat(headersSent(server, azure))
                    .containsEntry("authorization", List.of("Bearer entra-token"))
                    .doesNotContainKey("api-key");
        }
        assertThatThrownBy(() -> OpenAi.azure("https://x.openai.azure.com", "d", "v")
                        .header("X-Trace", "1")
                        .build())
                .hasMessageContaining("apiKey is required");
    }

    /** Sends one request through {@code provider} to {@code server}, which refuses it, and returns its headers. */
    private static Map<String, List<String>> headersSent(FakeProviderServer server, OpenAi provider) {
        server.enqueue(FakeResponse.status(400).body("{}"));
        RecordingListener listener = new RecordingListener();
        provider.open(
                ProviderRequest.builder("m")
                        .schema("Person", OpenAiChatContractTest.schema())
                        .message(Message.user("q"))
                        .build(),
                listener);
        listener.awaitFailure(ProviderHttpException.class);
        return server.takeRequest().headers();
    }
}
