package dev.instructor.it;

import static dev.instructor.it.SeedModels.EXPECTED_IDEAS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.instructor.Instructor;
import dev.instructor.PartialStream;
import dev.instructor.it.SeedModels.Idea;
import dev.instructor.spi.ContentFilterException;
import dev.instructor.spi.RefusalException;
import dev.instructor.spi.StreamErrorException;
import dev.instructor.spi.TruncatedException;
import dev.instructor.testing.ScriptedAnswer;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The endings a {@link ScriptedAnswer} can script, read by each real provider decoder: a truncated answer, a
 * content filter, a refusal and a mid-stream error event each reach the caller as their own exception.
 */
class ScriptedEndingsTest {
    @RegisterExtension
    final ProviderServer server = ProviderServer.anySetup();

    @ParameterizedTest
    @EnumSource(ProviderSetup.class)
    void truncated_reachesTheCallerAsTruncated(ProviderSetup setup) {
        enqueueEveryAttempt(setup, answer -> answer.finish(ScriptedAnswer.Finish.TRUNCATED));

        assertThat(failure(setup)).isInstanceOf(TruncatedException.class);
    }

    @ParameterizedTest
    @EnumSource(ProviderSetup.class)
    void truncated_itsTokensAreInTheStreamsUsage(ProviderSetup setup) {
        // A truncated answer is billed: Responses.create's Javadoc sends the caller to the stream's usage for it.
        enqueueEveryAttempt(setup, answer -> answer.usage(40, 25).finish(ScriptedAnswer.Finish.TRUNCATED));
        Instructor client = server.client(setup);

        try (PartialStream<List<Idea>> stream = client.responses().stream(
                setup.request("Generate 3 marketing ideas").build(), SeedModels.IDEAS)) {
            assertThat(catchThrowable(stream::getFinalResponse)).isInstanceOf(TruncatedException.class);
            assertThat(stream.usage().inputTokens()).isEqualTo(40);
            assertThat(stream.usage().outputTokens()).isEqualTo(25);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = ProviderSetup.class,
            names = {"ANTHROPIC_TOOLS", "ANTHROPIC_NATIVE", "OLLAMA_NATIVE"},
            mode = EnumSource.Mode.EXCLUDE)
    void contentFilter_reachesTheCallerAsContentFilter(ProviderSetup setup) {
        enqueueEveryAttempt(setup, answer -> answer.finish(ScriptedAnswer.Finish.CONTENT_FILTER));

        assertThat(failure(setup)).isInstanceOf(ContentFilterException.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = ProviderSetup.class,
            names = {"GEMINI_JSON_SCHEMA", "OLLAMA_NATIVE"},
            mode = EnumSource.Mode.EXCLUDE)
    void refusal_reachesTheCallerWithItsText(ProviderSetup setup) {
        enqueueEveryAttempt(setup, answer -> answer.refusal("I can't help with that."));

        Throwable failure = failure(setup);

        assertThat(failure).isInstanceOf(RefusalException.class);
        // Anthropic's decoder keeps a refusal's text only as prose beside a tool call: in native mode the text
        // deltas are the answer, and the exception's message leaves them out.
        if (setup != ProviderSetup.ANTHROPIC_NATIVE) {
            assertThat(failure).hasMessageContaining("I can't help with that.");
        }
    }

    @ParameterizedTest
    @EnumSource(ProviderSetup.class)
    void errorEvent_reachesTheCallerAsStreamError(ProviderSetup setup) {
        enqueueEveryAttempt(setup, answer -> answer.errorAfter(3, "scripted overload"));

        assertThat(failure(setup))
                .isInstanceOf(StreamErrorException.class)
                .hasStackTraceContaining("scripted overload");
    }

    /** Enqueues the same ending for every attempt the client may make, so retries see it too. */
    private void enqueueEveryAttempt(ProviderSetup setup, java.util.function.UnaryOperator<ScriptedAnswer> ending) {
        for (int attempt = 0; attempt < 5; attempt++) {
            server.enqueue(ending.apply(setup.answer(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 7))
                    .toResponse());
        }
    }

    private Throwable failure(ProviderSetup setup) {
        Instructor client = server.client(setup);
        return catchThrowable(() -> {
            try (PartialStream<List<Idea>> stream = client.responses().stream(
                    setup.request("Generate 3 marketing ideas").build(), SeedModels.IDEAS)) {
                stream.updates().forEach(update -> {});
                stream.getFinalResponse();
            }
        });
    }
}
