package dev.instructor.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.RecordingListener;
import dev.instructor.testing.ScriptedAnswer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api/chat} outcomes the contract test does not cover. */
class OllamaOutcomesTest {
    private final FakeProviderServer server = FakeProviderServer.start();
    private final LlmProvider provider =
            Ollama.builder().baseUrl(server.url("/").toString()).build();

    @AfterEach
    void close() {
        server.close();
    }

    private RecordingListener run(String lines) {
        server.enqueue(FakeResponse.ndjson(lines.getBytes(StandardCharsets.UTF_8)));
        return open();
    }

    private RecordingListener open() {
        RecordingListener listener = new RecordingListener();
        provider.open(
                ProviderRequest.builder("llama3.2")
                        .mode(Mode.JSON_SCHEMA)
                        .schema("Person", OllamaContractTest.schema())
                        .message(Message.user("q"))
                        .build(),
                listener);
        return listener;
    }

    @Test
    void errorFieldNull_notAnError_missingCountsReadAsZero() {
        RecordingListener listener = run("""
                {"error":null,"message":{"role":"assistant","content":"{}"},"done":false}
                {"message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","eval_count":4}
                """);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("{}");
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(0, 4, 4));
    }

    @Test
    void promptCountLeftOut_asOllamaDoesForZero_inputTokensZero() {
        // Ollama sends no prompt_eval_count when it is 0 (omitempty; before 0.2 also for a prompt read from its
        // cache): on its wire an absent count and 0 are one value, and Usage has no "unknown".
        server.enqueue(ScriptedAnswer.ollama("{}").usage(0, 7).toResponse());
        RecordingListener listener = open();
        listener.awaitSuccess();
        assertThat(listener.usage()).isEqualTo(new ProviderEvent.Usage(0, 7, 7));
    }

    @Test
    void emptyDoneReason_readAsNone_finishesAsStop() {
        // Ollama leaves done_reason out when it has none (omitempty); a server speaking its wire that writes it empty
        // means the same, not a reason called "".
        RecordingListener listener = run("""
                {"message":{"role":"assistant","content":"{}"},"done":false}
                {"message":{"role":"assistant","content":""},"done":true,"done_reason":""}
                """);
        listener.awaitSuccess();
        assertThat(listener.finish()).isEqualTo(new ProviderEvent.Finish("stop"));
    }
}
