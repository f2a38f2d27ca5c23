package dev.instructor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.PartialStream;
import dev.instructor.gemini.Gemini;
import dev.instructor.it.SeedModels.Idea;
import dev.instructor.spi.Mode;
import dev.instructor.spi.StreamErrorException;
import dev.instructor.spi.TruncatedException;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.RecordedRequest;
import dev.instructor.testing.ScriptedAnswer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ScriptedAnswer#geminiFunctionCall} read by the real Gemini decoder in {@code TOOLS} mode: a call that comes
 * whole, its usage, a truncation, an error after it, and a re-ask when its arguments fail validation.
 */
class GeminiToolsScriptedTest {
    private final FakeProviderServer server = FakeProviderServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void functionCall_isTheAnswer_withItsUsage() throws Exception {
        server.enqueue(ScriptedAnswer.geminiFunctionCall("ListOfIdea", SeedModels.answer(SeedModels.EXPECTED_IDEAS))
                .usage(30, 12)
                .toResponse());

        try (PartialStream<List<Idea>> stream = client().responses().stream(request(), SeedModels.IDEAS)) {
            assertThat(stream.getFinalResponse()).isEqualTo(SeedModels.EXPECTED_IDEAS);
            assertThat(stream.usage().inputTokens()).isEqualTo(30);
            assertThat(stream.usage().outputTokens()).isEqualTo(12);
        }
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.bodyText()).contains("\"functionDeclarations\"").contains("\"ListOfIdea\"");
    }

    @Test
    void truncated_reachesTheCallerAsTruncated() {
        server.enqueue(ScriptedAnswer.geminiFunctionCall("ListOfIdea", SeedModels.answer(SeedModels.EXPECTED_IDEAS))
                .finish(ScriptedAnswer.Finish.TRUNCATED)
                .toResponse());

        assertThat(catchThrowable(() -> client().responses().create(request(), SeedModels.IDEAS)))
                .isInstanceOf(TruncatedException.class);
    }

    @Test
    void errorAfterTheCall_reachesTheCallerAsStreamError() {
        server.enqueue(ScriptedAnswer.geminiFunctionCall("ListOfIdea", SeedModels.answer(SeedModels.EXPECTED_IDEAS))
                .errorAfter(1, "scripted overload")
                .toResponse());

        assertThat(catchThrowable(() -> client().responses().create(request(), SeedModels.IDEAS)))
                .isInstanceOf(StreamErrorException.class)
                .hasStackTraceContaining("scripted overload");
    }

    @Test
    void argumentsFailingValidation_areReasked() throws Exception {
        server.enqueue(ScriptedAnswer.geminiFunctionCall("ListOfIdea", SeedModels.answer(SeedModels.TOO_LONG_IDEAS))
                .toolCallId("call_a")
                .toResponse());
        server.enqueue(ScriptedAnswer.geminiFunctionCall("ListOfIdea", SeedModels.answer(SeedModels.EXPECTED_IDEAS))
                .toResponse());

        assertThat(client().responses().create(request(), SeedModels.IDEAS)).isEqualTo(SeedModels.EXPECTED_IDEAS);
        server.takeRequest();
        // The re-ask replays the call the model made, with its id, and the violation in the function's response.
        assertThat(server.takeRequest().bodyText()).contains("\"call_a\"").contains("/items/0/blurb");
    }

    private Instructor client() {
        return Instructor.builder()
                .provider(Gemini.builder()
                        .apiKey("gemini-test")
                        .baseUrl(server.url("/v1").toString())
                        .build())
                .defaultMode(Mode.TOOLS)
                .build();
    }

    private static ChatRequest request() {
        return ChatRequest.builder()
                .model("test-model")
                .user("Generate 3 marketing ideas")
                .build();
    }
}
