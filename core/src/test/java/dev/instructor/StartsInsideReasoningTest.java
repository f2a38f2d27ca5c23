package dev.instructor;

import static dev.instructor.ResponsesStreamTest.EXPECTED;
import static dev.instructor.ResponsesStreamTest.GOOD;
import static dev.instructor.ResponsesStreamTest.IDEAS;
import static dev.instructor.ResponsesStreamTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.ResponsesStreamTest.Idea;
import dev.instructor.spi.Mode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reasoning model whose chat template opens its thinking block in the prompt answers with the reasoning itself, a
 * draft of the value in it, then {@code </think>} and the answer: with {@code startsInsideReasoning} the client shows
 * the answer, never the draft, in the modes where the model writes text.
 */
class StartsInsideReasoningTest {
    private static final String REASONING = "Okay, the user wants two ideas. A first draft:\n"
            + "{\"items\":[{\"title\":\"Draft\",\"blurb\":\"a draft\"}]}\nMaybe [\"Draft\"]. Good enough.\n"
            + "</think>\n\n";

    private static ChatRequest reasoningRequest(Mode mode) {
        return request().toBuilder().mode(mode).startsInsideReasoning(true).build();
    }

    /** Streams the answer; returns the partials, after checking the final value and that no re-ask was needed. */
    private static List<List<Idea>> partials(Instructor client, ChatRequest request) {
        List<List<Idea>> partials = new ArrayList<>();
        try (PartialStream<List<Idea>> stream = client.responses().stream(request, IDEAS)) {
            stream.forEach(partials::add);
            assertThat(stream.getFinalResponse()).isEqualTo(EXPECTED);
        }
        return partials;
    }

    private static void assertNoDraft(List<List<Idea>> partials) {
        assertThat(partials).isNotEmpty().allSatisfy(ideas -> assertThat(ideas)
                .noneMatch(idea -> idea.title() != null && idea.title().startsWith("D")));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 0})
    void jsonMode_reasoningBeforeTheAnswer_neverShowsTheDraft(int chunk) {
        String answer = REASONING + GOOD;
        ScriptedProvider provider = new ScriptedProvider().answer(answer, chunk == 0 ? answer.length() : chunk, 1, 1);

        assertNoDraft(partials(Instructor.from(provider), reasoningRequest(Mode.JSON)));
        assertThat(provider.requests).as("not re-asked").hasSize(1);
    }

    /** After the reasoning, a list of objects written bare, without its wrapper, is the list, as in MD_JSON. */
    @Test
    void jsonMode_bareListAfterTheReasoning_isTheList() {
        String bare = GOOD.substring("{\"items\":".length(), GOOD.length() - 1);
        ScriptedProvider provider = new ScriptedProvider().answer(REASONING + bare, 2, 1, 1);

        assertNoDraft(partials(Instructor.from(provider), reasoningRequest(Mode.JSON)));
        assertThat(provider.requests).as("not re-asked").hasSize(1);
    }

    /** The client's default applies to requests that say nothing; the answer's fence is found after the reasoning. */
    @Test
    void mdJsonMode_clientDefault_readsTheFenceAfterTheReasoning() {
        ScriptedProvider provider =
                new ScriptedProvider(Mode.MD_JSON).answer(REASONING + "```json\n" + GOOD + "\n```\n", 2, 1, 1);
        Instructor client = Instructor.builder()
                .provider(provider)
                .startsInsideReasoning(true)
                .build();

        assertNoDraft(partials(client, request()));
        assertThat(provider.requests).as("not re-asked").hasSize(1);
    }

    /** A request's own setting overrides the client's: the answer of a model that does not reason is read as ever. */
    @Test
    void requestSetting_overridesTheClientDefault() {
        ScriptedProvider provider = new ScriptedProvider(Mode.JSON).answer(GOOD);
        Instructor client = Instructor.builder()
                .provider(provider)
                .startsInsideReasoning(true)
                .build();

        partials(client, request().toBuilder().startsInsideReasoning(false).build());
        assertThat(provider.requests).as("not re-asked").hasSize(1);
    }

    /** The provider holds a TOOLS or JSON_SCHEMA answer to the schema from its first char: it holds no reasoning. */
    @ParameterizedTest
    @EnumSource(
            value = Mode.class,
            names = {"TOOLS", "JSON_SCHEMA"})
    void schemaModes_readTheAnswerAsEver(Mode mode) {
        ScriptedProvider provider = mode == Mode.TOOLS
                ? new ScriptedProvider(mode).toolAnswer("call_1", GOOD)
                : new ScriptedProvider(mode).answer(GOOD);

        partials(Instructor.from(provider), reasoningRequest(mode));
        assertThat(provider.requests).as("not re-asked").hasSize(1);
    }

    /** An answer whose reasoning never ends holds no value: the attempt fails saying so, and the model is re-asked. */
    @Test
    void reasoningThatNeverCloses_failsTheAttemptSayingSo() {
        ScriptedProvider provider = new ScriptedProvider(Mode.JSON).answer(GOOD);
        ChatRequest request =
                reasoningRequest(Mode.JSON).toBuilder().maxRetries(0).build();

        assertThatThrownBy(() -> Instructor.from(provider).responses().create(request, IDEAS))
                .isInstanceOfSatisfying(InstructorRetryException.class, e -> assertThat(e.lastViolations())
                        .singleElement()
                        .satisfies(violation -> assertThat(violation.message()).contains("reasoning")));
    }
}
