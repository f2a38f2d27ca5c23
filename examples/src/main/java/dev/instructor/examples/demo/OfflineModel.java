package dev.instructor.examples.demo;

import dev.instructor.openai.OpenAi;
import dev.instructor.testing.FakeProviderServer;
import java.time.Duration;
import java.time.Instant;

/**
 * The demo without an API key: the testing module's fake provider server, started in-process on loopback and
 * answering as {@link OfflineAnswers}, with the real OpenAI provider pointed at it. Requests therefore go through
 * the real HTTP provider code: the fake server only stands in for api.openai.com.
 */
final class OfflineModel implements AutoCloseable {
    static final String MODEL = "offline-ideas-1";

    private final FakeProviderServer server;
    private final OfflineDiagnostics diagnostics;
    private final OpenAi provider;

    private OfflineModel(Duration pace) {
        OfflineAnswers answers = new OfflineAnswers(pace);
        OfflineDiagnostics log = new OfflineDiagnostics();
        this.diagnostics = log;
        this.server = FakeProviderServer.builder()
                .dispatcher(request -> {
                    log.received(request);
                    return answers.apply(request);
                })
                .build();
        this.provider = OpenAi.builder()
                .apiKey("offline")
                .baseUrl(server.url("/v1").toString())
                .name("offline")
                // A failed request is not retried: the fake never fails by itself, and a retry would hide a bug.
                .maxRetries(0)
                .build();
    }

    /**
     * Starts the fake provider on a free loopback port.
     *
     * @param pace the pause between two tokens of an answer
     */
    static OfflineModel start(Duration pace) {
        return new OfflineModel(pace);
    }

    /** Returns the OpenAI provider that talks to the fake server. */
    OpenAi provider() {
        return provider;
    }

    /** Returns what the fake server saw as JSON, for {@code GET /_offline/connections}. */
    String diagnosticsJson() {
        return diagnostics.json(server.openConnections());
    }

    /** Records that the demo cancelled a model call because its browser went away. */
    void cancelled(Instant at) {
        diagnostics.cancelled(at);
    }

    /** Returns the fake server's base URL, for the log. */
    String baseUrl() {
        return server.url("/v1").toString();
    }

    @Override
    public void close() {
        server.close();
    }
}
