package dev.instructor.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.openai.OpenAi;
import dev.instructor.spi.Mode;
import dev.instructor.spi.Timeouts;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.ScriptedAnswer;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A re-ask that fails for the provider's sake before its first partial, over real loopback streams: a client of
 * the OpenAI module against the fake provider, served by {@link HttpServerSse}. Attempt 1's answer breaks the
 * constraint, so the model is asked again; attempt 2 then fails before it has written a single token. No update
 * names attempt 2 and the provider's failure counts HTTP requests, not attempts, so only the stream can tell the
 * {@code error} event which attempt failed, and the session announces it with a {@code restart} first so that the
 * client drops attempt 1's rejected partial.
 */
class ReaskFailureAttemptTest {
    private static final String INVALID = "{\"title\":\"far too long for five\"}";

    record Note(@Size(max = 5) String title) {}

    private FakeProviderServer provider;
    private StreamEndpoint endpoint;

    @BeforeEach
    void startProvider() {
        provider = FakeProviderServer.start();
        provider.enqueue(ScriptedAnswer.openAiChatContent(INVALID).toResponse());
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
        provider.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void httpErrorOfTheReask_errorEventNamesAttempt2(boolean async) throws Exception {
        provider.enqueue(FakeResponse.status(500).body("{\"error\":{\"message\":\"overloaded\"}}"));

        List<String> events = post(serve(StructuredSse.create(), async));

        assertEndsWithErrorOfAttempt2(events, "{\"error\":\"The model provider failed.\",\"type\":\"provider\"");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void connectionDroppedInTheReask_errorEventNamesAttempt2(boolean async) throws Exception {
        provider.enqueue(ScriptedAnswer.openAiChatContent("{\"title\":\"Ok\"}")
                .toResponse()
                .resetAfter(0));

        List<String> events = post(serve(StructuredSse.create(), async));

        assertThat(events.get(events.size() - 1)).contains("\"type\":\"provider\"");
        assertEndsWithErrorOfAttempt2(events, "{\"error\":");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void providerTimeoutOfTheReask_errorEventNamesAttempt2(boolean async) throws Exception {
        provider.enqueue(FakeResponse.status(200).stallBeforeHeaders());

        // Long enough for attempt 1 to start on a busy machine, short enough for a quick test.
        List<String> events = post(serve(StructuredSse.create(), async, Duration.ofMillis(1500)));

        assertEndsWithErrorOfAttempt2(
                events, "{\"error\":\"The model provider did not answer in time.\",\"type\":\"timeout\"");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void timeLimitDuringTheReask_errorEventNamesAttempt2(boolean async) throws Exception {
        provider.enqueue(FakeResponse.status(200).stallBeforeHeaders());
        // Far shorter than the provider's first-event timeout (two minutes), so the response's own limit ends it;
        // long enough for attempt 1, with Bean Validation's first start, on a busy machine.
        StructuredSse limited =
                StructuredSse.builder().timeLimit(Duration.ofSeconds(3)).build();

        List<String> events = post(serve(limited, async));

        assertEndsWithErrorOfAttempt2(
                events, "{\"error\":\"The answer took longer than the server allows.\",\"type\":\"timeout\"");
    }

    /** Attempt 1's partials, then the restart and the error of attempt 2, which showed no partial. */
    private static void assertEndsWithErrorOfAttempt2(List<String> events, String errorStart) {
        assertThat(events).hasSizeGreaterThanOrEqualTo(3);
        assertThat(events.subList(0, events.size() - 2)).isNotEmpty().allMatch(event -> event.startsWith("data: {"));
        assertThat(events.get(events.size() - 2)).isEqualTo("event: restart\ndata: {\"attempt\":2}");
        assertThat(events.get(events.size() - 1))
                .startsWith("event: error\ndata: " + errorStart)
                .endsWith(",\"attempt\":2}");
    }

    private URI serve(StructuredSse sse, boolean async) throws IOException {
        return serve(sse, async, Timeouts.DEFAULT.firstEvent());
    }

    private URI serve(StructuredSse sse, boolean async, Duration firstEvent) throws IOException {
        Instructor client = Instructor.builder()
                .provider(OpenAi.builder()
                        .apiKey("sk-test")
                        .baseUrl(provider.url("/v1").toString())
                        .maxRetries(0)
                        .timeouts(Timeouts.DEFAULT.withFirstEvent(firstEvent))
                        .build())
                .defaultMode(Mode.JSON)
                .build();
        ChatRequest request = ChatRequest.builder()
                .model("test-model")
                .user("Name a note")
                .maxRetries(1)
                .build();
        endpoint = StreamEndpoint.start(sse, client, request, Note.class, async);
        return endpoint.uri();
    }

    private List<String> post(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .header("Accept", "text/event-stream")
                                .timeout(Duration.ofSeconds(20))
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(provider.requestCount()).isEqualTo(2);
        return List.of(response.body().split("\n\n"));
    }
}
