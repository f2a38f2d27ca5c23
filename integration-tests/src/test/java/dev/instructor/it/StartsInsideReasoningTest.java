package dev.instructor.it;

import static dev.instructor.it.SeedModels.EXPECTED_IDEAS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.PartialStream;
import dev.instructor.it.SeedModels.Idea;
import dev.instructor.ollama.Ollama;
import dev.instructor.openai.OpenAi;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Mode;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.ScriptedAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A reasoning model served without a reasoning parser, whose chat template opened its {@code <think>} in the prompt,
 * over the real providers' wire: its answer starts with the reasoning, a draft of the value in it, then {@code
 * </think>} and the answer. With {@code startsInsideReasoning} no partial shows the draft and the answer is the final
 * value, without a re-ask.
 */
class StartsInsideReasoningTest {
    private static final String REASONING = "Okay, the user wants three ideas. Draft:\n"
            + "{\"items\":[{\"title\":\"Draft idea\",\"blurb\":\"not yet\"}]}\nMaybe [\"Draft\"] instead? No.\n"
            + "</think>\n\n";

    /** The servers and wire formats of such models: an OpenAI-compatible server's SSE, Ollama's NDJSON. */
    enum Server {
        OPENAI_COMPATIBLE(
                ScriptedAnswer::openAiChatContent,
                server -> OpenAi.compatible(server.url("/v1").toString()).build()),
        OLLAMA(ScriptedAnswer::ollama, server -> Ollama.builder()
                .host(server.url("/").toString().replaceAll("/$", ""))
                .build());

        final Function<String, ScriptedAnswer> wire;
        final Function<FakeProviderServer, LlmProvider> provider;

        Server(Function<String, ScriptedAnswer> wire, Function<FakeProviderServer, LlmProvider> provider) {
            this.wire = wire;
            this.provider = provider;
        }
    }

    private FakeProviderServer server;

    @BeforeEach
    void start() {
        server = FakeProviderServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Server.class)
    void reasoningBeforeAFencedAnswer_neverShowsTheDraft(Server setup) {
        String answer = REASONING + "Here they are:\n```json\n" + SeedModels.answer(EXPECTED_IDEAS) + "\n```\n";
        server.enqueue(setup.wire.apply(answer).deltaSize(5).usage(11, 7).toResponse());
        Instructor client = Instructor.builder()
                .provider(setup.provider.apply(server))
                .defaultMode(Mode.MD_JSON)
                .startsInsideReasoning(true)
                .build();
        List<List<Idea>> partials = new ArrayList<>();

        try (PartialStream<List<Idea>> stream = client.responses().stream(
                ChatRequest.builder().model("qwq").user("ideas").build(), SeedModels.IDEAS)) {
            stream.forEach(partials::add);
            assertThat(stream.getFinalResponse()).isEqualTo(EXPECTED_IDEAS);
        }

        assertThat(partials).hasSizeGreaterThan(3).allSatisfy(ideas -> assertThat(ideas)
                .noneMatch(idea -> idea.title() != null && idea.title().startsWith("D")));
        assertThat(server.requestCount()).as("not re-asked").isEqualTo(1);
    }
}
