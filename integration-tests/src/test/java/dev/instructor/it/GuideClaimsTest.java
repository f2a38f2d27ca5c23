package dev.instructor.it;

import static dev.instructor.it.SeedModels.EXPECTED_IDEAS;
import static dev.instructor.it.SeedModels.EXPECTED_MOVIES;
import static dev.instructor.it.SeedModels.EXPECTED_RECIPES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.instructor.AsyncPartialStream;
import dev.instructor.ChatRequest;
import dev.instructor.FailedAttempt;
import dev.instructor.Instructor;
import dev.instructor.InstructorListener;
import dev.instructor.InstructorRetryException;
import dev.instructor.PartialStream;
import dev.instructor.PartialUpdate;
import dev.instructor.ResponseModel;
import dev.instructor.TypeRef;
import dev.instructor.Usage;
import dev.instructor.Violation;
import dev.instructor.it.SeedModels.Idea;
import dev.instructor.it.SeedModels.MovieRecommendation;
import dev.instructor.it.SeedModels.Recipe;
import dev.instructor.ollama.Ollama;
import dev.instructor.openai.OpenAi;
import dev.instructor.spi.ConnectionException;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderHttpException;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.ProviderTimeoutException;
import dev.instructor.spi.RefusalException;
import dev.instructor.spi.Timeouts;
import dev.instructor.spi.TruncatedException;
import dev.instructor.testing.ClientClose;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.RecordedRequest;
import dev.instructor.testing.ScriptedAnswer;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behavioural claims of {@code docs/guide.md} that no other test asserted, each checked end to end: the real
 * provider modules against the loopback {@link FakeProviderServer}. Each test quotes the sentence it holds the guide
 * to.
 */
class GuideClaimsTest {
    private static final ProviderSetup SETUP = ProviderSetup.OPENAI_CHAT_TOOLS;

    private static final List<Idea> TOO_LONG = SeedModels.TOO_LONG_IDEAS;

    @RegisterExtension
    final ProviderServer server = ProviderServer.of(SETUP);

    private static ChatRequest.Builder request() {
        return SETUP.request("Generate 3 marketing ideas for a note-taking app");
    }

    private FakeResponse ideas(List<Idea> ideas, String callId) {
        return SETUP.response(SeedModels.answer(ideas), "ListOfIdea", callId, 9);
    }

    /** An answer written one event at a time, 5 characters an event, so that a client that lets go early is seen to. */
    private static ScriptedAnswer paced(String json, String toolName, String callId) {
        return SETUP.answer(json, toolName, callId, DELTA);
    }

    private static final int DELTA = 5;

    private static FakeResponse pacedResponse(ScriptedAnswer answer) {
        return answer.toResponse().eventPacing(Duration.ofMillis(5));
    }

    /** The client closed the connection of {@code request} before the server had written all of {@code answer}. */
    private static void assertLetGoBeforeTheEnd(RecordedRequest request, ScriptedAnswer answer) {
        ClientClose close = request.awaitClose(Duration.ofSeconds(10));
        int events = answer.deltas().size();
        assertThat(close.piecesWritten()).as("events written of %d", events).isLessThan(events);
    }

    /**
     * Records, per attempt, how many characters of the answer had arrived when the attempt was first rejected: a
     * measure of "at once" that does not depend on timing.
     */
    static final class RejectedAt implements InstructorListener {
        private final java.util.Map<Integer, Integer> received = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.Map<Integer, Integer> at = new java.util.concurrent.ConcurrentHashMap<>();
        final List<List<Violation>> violations = new CopyOnWriteArrayList<>();

        @Override
        public void onProviderEvent(ProviderEvent event, int attempt) {
            if (event instanceof ProviderEvent.TextDelta delta) {
                received.merge(attempt, delta.text().length(), Integer::sum);
            }
        }

        @Override
        public void onValidationFailure(List<Violation> violations, int attempt) {
            at.putIfAbsent(attempt, received.getOrDefault(attempt, 0));
            this.violations.add(violations);
        }

        /** Asserts attempt 1 was rejected within one delta of the character at {@code offset} arriving. */
        void assertFirstRejectedBy(int offset) {
            assertThat(at).containsKey(1);
            assertThat(at.get(1)).as("characters received when rejected").isLessThanOrEqualTo(offset + DELTA);
        }
    }

    // ---- Section 2: partial semantics -------------------------------------------------------------------------

    @Test
    void partialTable_emptyList_thenAnItemOfNulls_thenAnEmptyTitle_thenGrowingText() {
        // "What a partial of List<Idea> holds while [...] streams: `{"items":[` -> `[]`; `{"items":[{"` ->
        // `[Idea[title=null, blurb=null]]`; `{"items":[{"title":"` -> `[Idea[title=, blurb=null]]`; [...]
        // `[Idea[title=Note Ninja, blurb=Capture ideas]]`"
        server.enqueue(SETUP.response(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 1));
        Instructor client = server.client();
        List<List<Idea>> partials = new ArrayList<>();
        try (PartialStream<List<Idea>> stream =
                client.responses().stream(request().build(), SeedModels.IDEAS)) {
            stream.forEach(partials::add);
        }

        assertThat(partials.subList(0, 3))
                .containsExactly(List.of(), List.of(new Idea(null, null)), List.of(new Idea("", null)));
        assertThat(partials).contains(List.of(new Idea("Note Ninja", "Capture ideas")));
    }

    @Test
    void stringsGrowAsPrefixes_andAnEscapeSplitAcrossChunksIsNeverShownHalfDecoded() {
        // "Strings appear at their opening quote, as "", and grow with each chunk. An escape sequence split across
        // chunks is never shown half-decoded."
        String json = "{\"items\":[{\"title\":\"Say \\\"hi\\\"\","
                + "\"blurb\":\"caf\\u00e9 \\\\ line\\nnext \\ud83d\\ude00 end\"}]}";
        Idea expected = new Idea("Say \"hi\"", "caf\u00e9 \\ line\nnext \ud83d\ude00 end");
        server.enqueue(SETUP.response(json, "ListOfIdea", "call_1", 1));
        Instructor client = server.client();
        List<List<Idea>> partials = new ArrayList<>();
        try (PartialStream<List<Idea>> stream =
                client.responses().stream(request().build(), SeedModels.IDEAS)) {
            stream.forEach(partials::add);
            assertThat(stream.getFinalResponse()).containsExactly(expected);
        }

        List<String> shown = partials.stream()
                .filter(p -> !p.isEmpty())
                .flatMap(p -> Stream.of(p.get(0).title(), p.get(0).blurb()))
                .filter(Objects::nonNull)
                .toList();
        assertThat(shown).contains("", "Say \"", "caf\u00e9", "caf\u00e9 \\");
        assertThat(shown).allSatisfy(text -> {
            assertThat(expected.title().startsWith(text) || expected.blurb().startsWith(text))
                    .as("%s is a prefix of the final text", text)
                    .isTrue();
            assertThat(text.isEmpty() || !Character.isHighSurrogate(text.charAt(text.length() - 1)))
                    .as("%s does not end in half a surrogate pair", text)
                    .isTrue();
        });
    }

    @Test
    void numbersAppearOnlyOnceComplete_andAnIntReadsZeroUntilThen() {
        // "Not yet reached is null (or a primitive's default: an int reads 0 until its number is complete)."
        // "Numbers, booleans, enums and java.time values appear only once complete: 201 is never shown on the way
        // to 2017."
        server.enqueue(SETUP.response(SeedModels.answer(EXPECTED_MOVIES), "ListOfMovieRecommendation", "call_1", 1));
        Instructor client = server.client();
        List<List<MovieRecommendation>> partials = new ArrayList<>();
        try (PartialStream<List<MovieRecommendation>> stream =
                client.responses().stream(request().build(), SeedModels.MOVIES)) {
            stream.forEach(partials::add);
        }

        for (List<MovieRecommendation> partial : partials) {
            for (int i = 0; i < partial.size(); i++) {
                assertThat(partial.get(i).year()).isIn(0, EXPECTED_MOVIES.get(i).year());
            }
        }
        assertThat(partials).anySatisfy(p -> assertThat(p).first().satisfies(movie -> {
            assertThat(movie.title()).isEqualTo("Arrival");
            assertThat(movie.year()).isZero();
        }));
        assertThat(partials)
                .anySatisfy(p -> assertThat(p).first().isEqualTo(new MovieRecommendation("Arrival", 2016, null)));
    }

    @Test
    void eachPartialDiffersFromTheOneBefore_whitespaceYieldsNothing() {
        // "Each partial differs from the one before. A chunk that changes nothing (whitespace, a key still being
        // written) yields nothing."
        String json = "{\n  \"items\" :  [\n    {\n      \"title\"  :  \"Note Ninja\"  ,\n"
                + "      \"blurb\"  :  \"Capture ideas\"\n    }  ,\n    {\n      \"title\" : \"Think Ink\" ,\n"
                + "      \"blurb\" : \"Plans\"\n    }\n  ]\n}\n";
        ScriptedAnswer answer = SETUP.answer(json, "ListOfIdea", "call_1", 1);
        server.enqueue(answer.toResponse());
        Instructor client = server.client();
        List<List<Idea>> partials = new ArrayList<>();
        try (PartialStream<List<Idea>> stream =
                client.responses().stream(request().build(), SeedModels.IDEAS)) {
            stream.forEach(partials::add);
        }

        assertThat(partials)
                .last()
                .isEqualTo(List.of(new Idea("Note Ninja", "Capture ideas"), new Idea("Think Ink", "Plans")));
        for (int i = 1; i < partials.size(); i++) {
            assertThat(partials.get(i)).as("partial %d", i).isNotEqualTo(partials.get(i - 1));
        }
        long whitespaceDeltas = answer.deltas().stream().filter(String::isBlank).count();
        assertThat(whitespaceDeltas).isGreaterThan(40);
        assertThat(partials.size()).isLessThan(answer.deltas().size() - (int) whitespaceDeltas);
    }

    @Test
    void aCompletedItemIsTheSameInstanceInEveryLaterPartial_andPartialsAreImmutable() {
        // "Identity is shared. A completed list item is bound once: the very same Idea instance appears in every
        // later partial, and lists, sets and maps are immutable views [...] Partials are immutable"
        server.enqueue(SETUP.response(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 3));
        Instructor client = server.client();
        List<List<Idea>> partials = new ArrayList<>();
        try (PartialStream<List<Idea>> stream =
                client.responses().stream(request().build(), SeedModels.IDEAS)) {
            for (PartialUpdate<List<Idea>> update : stream.updates()) {
                if (!update.isFinal()) {
                    partials.add(update.value());
                }
            }
        }

        assertThat(partials).anySatisfy(p -> assertThat(p).hasSize(3));
        int compared = 0;
        for (int k = 0; k < partials.size(); k++) {
            List<Idea> earlier = partials.get(k);
            for (int i = 0; i < earlier.size() - 1; i++) {
                for (List<Idea> later : partials.subList(k + 1, partials.size())) {
                    assertThat(later.get(i)).isSameAs(earlier.get(i));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(10);
        List<Idea> some = partials.get(partials.size() - 1);
        assertThatThrownBy(() -> some.add(new Idea("x", "y"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> some.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    /** A root whose constructor rejects the nulls of a partial. */
    record Strict(String title, String blurb) {
        Strict {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(blurb, "blurb");
        }
    }

    @Test
    void aRootWhoseConstructorRejectsPartialArguments_isLeftOutUntilEveryCheckedMemberHasStarted() {
        // "An object whose constructor rejects its partial arguments (a compact constructor with
        // Objects.requireNonNull) is left out while it does: with requireNonNull, until every member it checks has
        // started [...]; if that object is the root, there is no partial until then."
        server.enqueue(SETUP.response("{\"title\":\"Note Ninja\",\"blurb\":\"Capture ideas\"}", "Strict", "call_1", 2));
        Instructor client = server.client();
        List<PartialUpdate<Strict>> updates = new ArrayList<>();
        try (PartialStream<Strict> stream = client.responses().stream(request().build(), Strict.class)) {
            stream.updates().forEach(updates::add);
            assertThat(stream.getFinalResponse()).isEqualTo(new Strict("Note Ninja", "Capture ideas"));
        }

        assertThat(updates).as("partials once both members have started").hasSizeGreaterThan(1);
        assertThat(updates).allSatisfy(update -> {
            assertThat(update.value().title()).isNotNull();
            assertThat(update.value().blurb()).isNotNull();
        });
        assertThat(updates.get(0).value().title()).isEqualTo("Note Ninja");
    }

    // ---- Section 1: the request and what is skipped ------------------------------------------------------------

    enum Mood {
        HAPPY,
        SAD
    }

    @Test
    void aTypeThatIsNotAnObject_isAskedForWrapped_andUnwrappedBeforeTheCallerSeesIt() {
        // "A type that is not an object (List<Idea>, an enum, a string) is asked for wrapped, {"items": [...]} or
        // {"value": ...}, and unwrapped before you see it."
        ProviderSetup setup = ProviderSetup.OPENAI_CHAT_JSON_SCHEMA;
        server.enqueue(setup.response("{\"value\":\"SAD\"}", "Mood", "call_1", 4));
        server.enqueue(setup.response("{\"value\":\"a plain string\"}", "String", "call_2", 4));
        Instructor client = server.client(setup);

        assertThat(client.responses().create(setup.request("How do you feel?").build(), Mood.class))
                .isEqualTo(Mood.SAD);
        assertThat(client.responses().create(setup.request("Say something").build(), String.class))
                .isEqualTo("a plain string");

        assertThat(server.takeRequest().bodyText()).contains("\"value\"").contains("HAPPY");
        assertThat(server.takeRequest().bodyText()).contains("\"value\"");
    }

    @ParameterizedTest
    @EnumSource(value = ProviderSetup.class, names = "OPENAI_CHAT_MD_JSON", mode = EnumSource.Mode.EXCLUDE)
    void proseOrAFenceBeforeTheValue_isSkipped_andAnythingAfterItIgnored_inEveryMode(ProviderSetup setup) {
        // "Prose or a Markdown fence before the value is skipped and anything after it ignored, in every mode"
        String text = "Sure! Here are your ideas:\n```json\n" + SeedModels.answer(EXPECTED_IDEAS)
                + "\n```\nLet me know if you want more {\"items\":[]}.";
        server.enqueue(setup.response(text, "ListOfIdea", "call_1", 7));
        server.enqueue(setup.response(SeedModels.answer(List.of()), "ListOfIdea", "call_2", 7));
        Instructor client = server.client(setup);

        assertThat(client.responses().create(setup.request("Ideas").build(), SeedModels.IDEAS))
                .isEqualTo(EXPECTED_IDEAS);
        assertThat(server.requestCount()).as("no re-ask").isEqualTo(1);
    }

    @Test
    void malformedJsonInsideTheValue_abortsTheAttemptAtOnce_andReasks() {
        // "malformed JSON inside the value is a violation like any other, so with fail-fast the attempt is aborted
        // at the first bad character and re-asked."
        String json = "{\"items\":[{\"title\":\"Note Ninja\" \"blurb\":\"" + "x".repeat(1500) + "\"}]}";

        // The first bad character: the quote that opens a second member without a comma.
        assertCreateRejectsTheFirstAnswerBy(json, json.indexOf("\" \"blurb\"") + 3, "Note Ninja");
    }

    // ---- Section 4: lists and elements() ---------------------------------------------------------------------

    @Test
    void elements_checksAnItemsConstraintsWhenItCompletes_notAtTheEnd() {
        // "elements(E.class) yields each item once, when its closing brace has arrived and it has passed its own
        // constraints (@Min(1) int prepTimeMinutes on a Recipe is checked then, not at the end)."
        List<Recipe> broken = new ArrayList<>(EXPECTED_RECIPES);
        broken.set(1, new Recipe("Sheet Pan Chicken", 0, List.of("chicken thighs"), "Roast. ".repeat(80)));
        broken.add(new Recipe("Extra", 5, List.of("x"), "More text. ".repeat(100)));
        String json = SeedModels.answer(broken);
        ScriptedAnswer bad = paced(json, "ListOfRecipe", "call_bad");
        server.enqueue(pacedResponse(bad));
        server.enqueue(SETUP.response(SeedModels.answer(EXPECTED_RECIPES), "ListOfRecipe", "call_good", 9));
        RejectedAt rejected = new RejectedAt();
        Instructor client = server.client(rejected);

        List<Recipe> seen = new ArrayList<>();
        try (PartialStream<List<Recipe>> stream =
                client.responses().stream(request().build(), SeedModels.RECIPES)) {
            stream.elements(Recipe.class).forEach(seen::add);
            assertThat(stream.getFinalResponse()).isEqualTo(EXPECTED_RECIPES);
        }

        assertThat(seen).isEqualTo(EXPECTED_RECIPES);
        // The 0 is complete at the character after it.
        String zero = "\"prepTimeMinutes\":0";
        rejected.assertFirstRejectedBy(json.indexOf(zero) + zero.length() + 1);
        assertThat(Violation.render(rejected.violations.get(0))).contains("/items/1/prepTimeMinutes");
        assertLetGoBeforeTheEnd(server.takeRequest(), bad);
    }

    @Test
    void elements_afterAReask_keepTheDeliveredItems_andContinueFromTheFirstIndexNotDelivered() {
        // "After a re-ask, items already delivered stay delivered; the new attempt's items continue from the first
        // index not yet delivered. Act on getFinalResponse()."
        List<Idea> first = List.of(new Idea("A", "a"), new Idea("B", "b".repeat(200)), new Idea("C", "c"));
        List<Idea> second = List.of(new Idea("A2", "a2"), new Idea("B2", "b2"), new Idea("C2", "c2"));
        server.enqueue(ideas(first, "call_bad"));
        server.enqueue(ideas(second, "call_good"));
        Instructor client = server.client();

        List<Idea> seen = new ArrayList<>();
        try (PartialStream<List<Idea>> stream =
                client.responses().stream(request().build(), SeedModels.IDEAS)) {
            stream.elements(Idea.class).forEach(seen::add);
            assertThat(stream.getFinalResponse()).isEqualTo(second);
        }

        assertThat(seen).containsExactly(new Idea("A", "a"), new Idea("B2", "b2"), new Idea("C2", "c2"));
    }

    // Spelled out as the guide does: with the diamond (new TypeRef<>() {}) the inferred type argument would not
    // carry the annotation.
    private static final TypeRef<@Size(max = 5) List<Idea>> AT_MOST_FIVE = new TypeRef<@Size(max = 5) List<Idea>>() {};

    @Test
    void aRootListBound_givesMaxItems_failsAsTheSixthItemStarts_andKeepsElements() {
        // "new TypeRef<@Size(max = 5) List<Idea>>() {} [...] gives the wrapped list maxItems: 5, fails an answer as
        // soon as a sixth item starts, and keeps elements()"
        List<Idea> six = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            six.add(new Idea("Idea " + i, "Blurb " + i));
        }
        six.add(new Idea("Six ".repeat(300), "too many"));
        String json = SeedModels.answer(six);
        ScriptedAnswer bad = paced(json, "ListOfIdea", "call_bad");
        server.enqueue(pacedResponse(bad));
        server.enqueue(ideas(six.subList(0, 5), "call_good"));
        RejectedAt rejected = new RejectedAt();
        List<List<Violation>> rejections = rejected.violations;
        Instructor client = server.client(rejected);

        List<Idea> seen = new ArrayList<>();
        try (PartialStream<List<Idea>> stream =
                client.responses().stream(request().build(), AT_MOST_FIVE)) {
            stream.elements(Idea.class).forEach(seen::add);
            assertThat(stream.getFinalResponse()).isEqualTo(six.subList(0, 5));
        }

        assertThat(seen).isEqualTo(six.subList(0, 5));
        assertThat(rejections).hasSize(1);
        assertThat(Violation.render(rejections.get(0))).contains("0 and 5");
        // The sixth item starts at its opening brace.
        rejected.assertFirstRejectedBy(json.indexOf("{\"title\":\"Six") + 1);
        RecordedRequest firstRequest = server.takeRequest();
        assertThat(firstRequest.bodyText()).contains("\"maxItems\":5");
        assertLetGoBeforeTheEnd(firstRequest, bad);
    }

    // ---- Section 5: retries and fail-fast ----------------------------------------------------------------------

    @Test
    void maxRetriesUnlessSet_isTwo_soThreeAttemptsInAll_thenInstructorRetryException() {
        // "up to maxRetries times (2 unless set, so 3 attempts in all)"; "an InstructorRetryException carries
        // failedAttempts(): each attempt's raw output ..., its violations and its tokens"
        for (int i = 0; i < 4; i++) {
            server.enqueue(ideas(TOO_LONG, "call_" + i));
        }
        Instructor client = server.client();

        Throwable failure =
                catchThrowable(() -> client.responses().create(request().build(), SeedModels.IDEAS));

        assertThat(failure).isInstanceOfSatisfying(InstructorRetryException.class, e -> {
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.violationsPerAttempt()).hasSize(3).allSatisfy(v -> assertThat(Violation.render(v))
                    .contains("/items/0/blurb"));
            assertThat(e.lastViolations()).isEqualTo(e.violationsPerAttempt().get(2));
            assertThat(e.lastOutput()).startsWith("{\"items\":[{\"title\":\"Note Ninja\"");
            assertThat(e.failedAttempts()).allSatisfy(attempt -> {
                assertThat(attempt.output()).startsWith("{\"items\":[{\"title\":\"Note Ninja\"");
                assertThat(attempt.violations()).isNotEmpty();
            });
            assertThat(e.failedAttempts()).extracting(FailedAttempt::number).containsExactly(1, 2, 3);
        });
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void listener_seesEveryRejectionRetryAndRequest_andOneError() {
        // "An InstructorListener.onValidationFailure(violations, attempt) sees every rejection"; "an
        // InstructorListener gets onRequest, onUsage, onRetry, onComplete and onError"
        for (int i = 0; i < 3; i++) {
            server.enqueue(ideas(TOO_LONG, "call_" + i));
        }
        List<String> calls = new CopyOnWriteArrayList<>();
        Instructor client = server.client(new InstructorListener() {
            @Override
            public void onRequest(ProviderRequest request, int attempt) {
                calls.add("request " + attempt);
            }

            @Override
            public void onValidationFailure(List<Violation> violations, int attempt) {
                calls.add("rejected " + attempt);
            }

            @Override
            public void onRetry(List<Violation> violations, int attempt) {
                calls.add("retry " + attempt);
            }

            @Override
            public void onComplete(Object value, Usage usage) {
                calls.add("complete");
            }

            @Override
            public void onError(Throwable error) {
                calls.add("error " + error.getClass().getSimpleName());
            }
        });

        assertThatThrownBy(() -> client.responses().create(request().build(), SeedModels.IDEAS))
                .isInstanceOf(InstructorRetryException.class);

        assertThat(calls)
                .containsExactly(
                        "request 1",
                        "rejected 1",
                        "retry 2",
                        "request 2",
                        "rejected 2",
                        "retry 3",
                        "request 3",
                        "rejected 3",
                        "error InstructorRetryException");
    }

    @Test
    void aRequestsOwnListener_isToldOfUsageAndOutcome_afterTheClients() {
        // "an InstructorListener gets onRequest, onUsage, onRetry, onComplete and onError: on the client for every
        // call, or on one request (ChatRequest.Builder.listener(...), told after the client's)"
        server.enqueue(ideas(EXPECTED_IDEAS, "call_1"));
        List<String> calls = new CopyOnWriteArrayList<>();
        Instructor client = server.client(recorder("client", calls));

        List<Idea> result = client.responses()
                .create(request().listener(recorder("request", calls)).build(), SeedModels.IDEAS);

        assertThat(result).isEqualTo(EXPECTED_IDEAS);
        Usage usage = new Usage(
                ProviderSetup.INPUT_TOKENS,
                ProviderSetup.OUTPUT_TOKENS,
                ProviderSetup.INPUT_TOKENS + ProviderSetup.OUTPUT_TOKENS);
        assertThat(calls)
                .containsSubsequence("client request 1", "request request 1")
                .containsSubsequence("client usage " + usage, "request usage " + usage)
                .containsSubsequence("client complete " + usage, "request complete " + usage)
                .noneMatch(call -> call.contains("error"));
        assertThat(calls.stream().filter(call -> call.endsWith("complete " + usage)))
                .hasSize(2);
    }

    private static InstructorListener recorder(String who, List<String> calls) {
        return new InstructorListener() {
            @Override
            public void onRequest(ProviderRequest request, int attempt) {
                calls.add(who + " request " + attempt);
            }

            @Override
            public void onUsage(Usage usage, int attempt) {
                calls.add(who + " usage " + usage);
            }

            @Override
            public void onComplete(Object value, Usage usage) {
                calls.add(who + " complete " + usage);
            }

            @Override
            public void onError(Throwable error) {
                calls.add(who + " error " + error);
            }
        };
    }

    @Test
    void aRequiredPropertyLeftNull_isReportedAsMustNotBeNull_andValidatorsNeverSeeIt() {
        // "such a property left null is reported as `must not be null` [...] Your Validators run only on a value
        // without such a null, so they can read every required property without a null check."
        server.enqueue(SETUP.response(
                "{\"items\":[{\"title\":null,\"blurb\":\"Capture ideas\"}]}", "ListOfIdea", "call_bad", 9));
        server.enqueue(ideas(EXPECTED_IDEAS, "call_good"));
        List<List<Idea>> validated = new CopyOnWriteArrayList<>();
        ResponseModel<List<Idea>> model = ResponseModel.builder(SeedModels.IDEAS)
                .validator((ideas, context) -> {
                    validated.add(ideas);
                    ideas.forEach(idea -> idea.title().length());
                    return List.of();
                })
                .build();
        Instructor client = server.client();

        assertThat(client.responses().create(request().build(), model)).isEqualTo(EXPECTED_IDEAS);

        assertThat(validated).containsExactly(EXPECTED_IDEAS);
        server.takeRequest();
        assertThat(server.takeRequest().bodyText()).contains("/items/0/title").contains("must not be null");
    }

    @Test
    void create_failsFastLikeAStream() {
        // "create is a stream consumed to its end (Responses.create is three lines), so re-ask and fail-fast behave
        // the same; fail-fast still saves tokens in batch."
        String json = SeedModels.answer(TOO_LONG);

        // The open blurb passes @Size(max = 140) at its 141st character.
        assertCreateRejectsTheFirstAnswerBy(
                json, json.indexOf("Capture ideas") + 141, "size must be between 0 and 140");
    }

    /**
     * Answers {@code create} with {@code json}, paced, then with the expected ideas, and asserts that the first answer
     * was rejected by the character at {@code offset} (and only it), its connection let go before its end, and the
     * re-ask that followed names each of {@code reasked}.
     */
    private void assertCreateRejectsTheFirstAnswerBy(String json, int offset, String... reasked) {
        ScriptedAnswer bad = paced(json, "ListOfIdea", "call_bad");
        server.enqueue(pacedResponse(bad));
        server.enqueue(ideas(EXPECTED_IDEAS, "call_good"));
        RejectedAt rejected = new RejectedAt();
        Instructor client = server.client(rejected);

        assertThat(client.responses().create(request().build(), SeedModels.IDEAS))
                .isEqualTo(EXPECTED_IDEAS);

        assertThat(rejected.at).containsOnlyKeys(1);
        rejected.assertFirstRejectedBy(offset);
        assertLetGoBeforeTheEnd(server.takeRequest(), bad);
        assertThat(server.takeRequest().bodyText()).contains(reasked);
    }

    @Test
    void truncation_isNotReasked_andIsThrownFromIterationAndGetFinalResponse() {
        // "Transport failures, truncation at maxTokens and refusals are not re-asked: they end the stream with a
        // ProviderException subclass (TruncatedException, RefusalException, ...)"; "errors: thrown from iteration
        // and getFinalResponse()"; ".maxTokens(1_000) // a cut-off answer fails with TruncatedException, it is not
        // re-asked"
        server.enqueue(SETUP.answer(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 9)
                .finish(ScriptedAnswer.Finish.TRUNCATED)
                .toResponse());
        server.enqueue(ideas(EXPECTED_IDEAS, "call_2"));
        Instructor client = server.client();

        try (PartialStream<List<Idea>> stream =
                client.responses().stream(request().maxTokens(1_000).build(), SeedModels.IDEAS)) {
            assertThatThrownBy(() -> stream.forEach(partial -> {})).isInstanceOf(TruncatedException.class);
            assertThatThrownBy(stream::getFinalResponse).isInstanceOf(TruncatedException.class);
        }
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void aFinishReasonNewerThanTheLibrary_endsTheAnswerWithWhatArrived_validatedLikeAnyOther() {
        // "A finish reason newer than the library is no failure of its own: the answer ends with what arrived,
        // validated (and re-asked) like any other"
        ProviderSetup gemini = ProviderSetup.GEMINI_JSON_SCHEMA;
        String json = SeedModels.answer(EXPECTED_IDEAS);
        server.enqueue(newReason(gemini.answer(json.substring(0, json.length() / 2), "ListOfIdea", "call_1", 9)));
        server.enqueue(newReason(gemini.answer(json, "ListOfIdea", "call_2", 9)));

        List<Idea> ideas = server.client(gemini)
                .responses()
                .create(gemini.request("Generate 3 marketing ideas").build(), SeedModels.IDEAS);

        assertThat(ideas).isEqualTo(EXPECTED_IDEAS);
        assertThat(server.requestCount()).isEqualTo(2); // the half answer was re-asked, not failed as an error
        assertThat(server.takeRequest().bodyText()).doesNotContain("not valid JSON");
        assertThat(server.takeRequest().bodyText()).contains("not valid JSON");
    }

    /** Returns {@code answer} as Gemini would send it with a finish reason this library does not know. */
    private static FakeResponse newReason(ScriptedAnswer answer) {
        String body = new String(answer.toBytes(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"finishReason\":\"STOP\"");
        return FakeResponse.sse(body.replace("\"finishReason\":\"STOP\"", "\"finishReason\":\"NEW_REASON\""));
    }

    @Test
    void refusal_isNotReasked() {
        // "Transport failures, truncation at maxTokens and refusals are not re-asked"
        server.enqueue(SETUP.answer(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 9)
                .refusal("I can't help with that.")
                .toResponse());
        server.enqueue(ideas(EXPECTED_IDEAS, "call_2"));
        Instructor client = server.client();

        assertThatThrownBy(() -> client.responses().create(request().build(), SeedModels.IDEAS))
                .isInstanceOf(RefusalException.class);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void aConnectionResetAfter2xx_isNotResubmitted() {
        // "once a provider has answered 2xx, nothing is resubmitted, since it may already be generating, and
        // billing, the answer"; "Transport failures [...] are not re-asked"
        byte[] bytes = SETUP.answer(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 9)
                .toBytes();
        server.enqueue(FakeResponse.sse(bytes).resetAfter(bytes.length / 2));
        server.enqueue(ideas(EXPECTED_IDEAS, "call_2"));
        Instructor client = server.client();

        assertThatThrownBy(() -> client.responses().create(request().build(), SeedModels.IDEAS))
                .isInstanceOf(ConnectionException.class);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 500, 503})
    void http408_409_429And5xx_areRetriedByTheTransport(int status) {
        // "HTTP 408, 409, 429 and 5xx answers are retried by the transport with backoff (honouring Retry-After)"
        server.enqueue(FakeResponse.status(status).header("retry-after-ms", "1"));
        server.enqueue(ideas(EXPECTED_IDEAS, "call_1"));
        Instructor client = server.client();

        assertThat(client.responses().create(request().build(), SeedModels.IDEAS))
                .isEqualTo(EXPECTED_IDEAS);
        assertThat(server.requestCount()).isEqualTo(2);
    }

    // ---- Sections 3 and 6: cancellation and errors ---------------------------------------------------------------

    @Test
    void asyncCancel_tellsTheListenerOnErrorWithACancellationException() throws Exception {
        // "an InstructorListener on the client (onComplete, onError with a CancellationException when the browser
        // left an async stream)"
        byte[] bytes = SETUP.answer(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 9)
                .toBytes();
        server.enqueue(FakeResponse.sse(bytes).pieceSize(200).stallAfter(bytes.length / 2));
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<Object> completions = new CopyOnWriteArrayList<>();
        CountDownLatch errored = new CountDownLatch(1);
        Instructor client = server.client(new InstructorListener() {
            @Override
            public void onComplete(Object value, Usage usage) {
                completions.add(value);
            }

            @Override
            public void onError(Throwable error) {
                errors.add(error);
                errored.countDown();
            }
        });
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(request().build(), SeedModels.IDEAS);
        CountDownLatch firstPartial = new CountDownLatch(1);
        stream.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<Idea> item) {
                firstPartial.countDown();
            }

            @Override
            public void onError(Throwable throwable) {}

            @Override
            public void onComplete() {}
        });
        assertThat(firstPartial.await(10, TimeUnit.SECONDS)).isTrue();

        stream.cancel();

        assertThat(errored.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(errors).singleElement().isInstanceOf(CancellationException.class);
        assertThat(completions).isEmpty();
        server.takeRequest().awaitClientClose(Duration.ofSeconds(10));
    }

    @Test
    void aModeTheProviderDoesNotSupport_failsAtOnceWithIllegalArgumentException() {
        // "A request can name its mode (ChatRequest.Builder.mode); a mode the provider does not support fails at
        // once with IllegalArgumentException."
        Instructor client = Instructor.from(
                Ollama.builder().host(server.url("/").toString()).build());
        ChatRequest tools = ChatRequest.builder()
                .model("llama3.2")
                .user("Ideas")
                .mode(Mode.TOOLS)
                .build();

        assertThatThrownBy(() -> client.responses().stream(tools, SeedModels.IDEAS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.responses().create(tools, SeedModels.IDEAS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void aRequestWithoutAModel_failsBeforeSending_exceptToAzureOrACompatibleServer() {
        // "An Azure deployment names its model, so a request to it may leave model(...) unset, and so may one to an
        // OpenAI-compatible server (OpenAi.compatible(url)), which gets a body without model and decides. OpenAI
        // itself, its Responses API, Anthropic, Gemini and Ollama fail such a call with IllegalArgumentException
        // before sending it."
        String url = server.url("/v1").toString();
        ChatRequest noModel = ChatRequest.builder().user("Ideas").build();
        List<dev.instructor.spi.LlmProvider> needAModel = List.of(
                OpenAi.builder().apiKey("k").baseUrl(url).build(),
                OpenAi.builder()
                        .apiKey("k")
                        .baseUrl(url)
                        .api(OpenAi.Api.RESPONSES)
                        .build(),
                dev.instructor.anthropic.Anthropic.builder()
                        .apiKey("k")
                        .baseUrl(url)
                        .build(),
                dev.instructor.gemini.Gemini.builder().apiKey("k").baseUrl(url).build(),
                Ollama.builder().host(url).build());
        for (dev.instructor.spi.LlmProvider provider : needAModel) {
            Instructor client = Instructor.from(provider);
            assertThatThrownBy(() -> client.responses().create(noModel, SeedModels.IDEAS))
                    .as("%s", provider)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(server.requestCount()).isZero();

        server.enqueue(
                ProviderSetup.OPENAI_COMPATIBLE.response(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 9));
        Instructor compatible = Instructor.builder()
                .provider(OpenAi.compatible(url).build())
                .defaultMode(Mode.JSON)
                .build();
        assertThat(compatible.responses().create(noModel, SeedModels.IDEAS)).isEqualTo(EXPECTED_IDEAS);
        assertThat(server.takeRequest().bodyText()).doesNotContain("\"model\"");
    }

    record IdeasByName(java.util.Map<String, Idea> byName) {}

    @Test
    void aMap_cannotBeExpressedByOpenAisStrictSchemasNorAnthropicsJsonSchema_andFailsBeforeSending() {
        // "Two constrained schemas cannot express a Map (an object with additionalProperties), at the root or inside
        // a record: OpenAI's strict ones (TOOLS and JSON_SCHEMA, strict unless OpenAi.Builder.strict(false)) and
        // Anthropic's JSON_SCHEMA; a call with such a type fails before sending with IllegalArgumentException."
        String url = server.url("/v1").toString();
        var openAi = OpenAi.builder().apiKey("k").baseUrl(url).build();
        var anthropic = dev.instructor.anthropic.Anthropic.builder()
                .apiKey("k")
                .baseUrl(url)
                .build();
        ChatRequest.Builder ask = ChatRequest.builder().model("m").user("Ideas by name");
        for (Mode mode : List.of(Mode.TOOLS, Mode.JSON_SCHEMA)) {
            assertThatThrownBy(() -> Instructor.from(openAi)
                            .responses()
                            .create(ask.mode(mode).build(), IdeasByName.class))
                    .as("OpenAI %s", mode)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Instructor.from(anthropic)
                        .responses()
                        .create(ask.mode(Mode.JSON_SCHEMA).build(), new TypeRef<java.util.Map<String, Idea>>() {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requestCount()).isZero();

        // Not strict, the same schema is sent.
        var notStrict = OpenAi.builder().apiKey("k").baseUrl(url).strict(false).build();
        catchThrowable(() -> Instructor.from(notStrict)
                .responses()
                .create(ask.mode(Mode.TOOLS).build(), IdeasByName.class));
        assertThat(server.takeRequest().bodyText()).contains("additionalProperties");
    }

    // ---- Section 8: debugging, throttling and timeouts ---------------------------------------------------------

    @Test
    void raw_showsWhatTheProviderSentOnce_withoutParsingOrReask() {
        // "raw(request, type) shows what the provider sent, once, without parsing or re-ask"
        String json = SeedModels.answer(TOO_LONG);
        server.enqueue(SETUP.response(json, "ListOfIdea", "call_1", 9));
        server.enqueue(ideas(EXPECTED_IDEAS, "call_2"));
        Instructor client = server.client();

        String text;
        try (Stream<ProviderEvent> raw = client.responses().raw(request().build(), SeedModels.IDEAS)) {
            text = raw.filter(ProviderEvent.TextDelta.class::isInstance)
                    .map(e -> ((ProviderEvent.TextDelta) e).text())
                    .collect(Collectors.joining());
        }

        assertThat(text).isEqualTo(json);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void partialInterval_showsAtMostOnePartialPerInterval_neverHoldsBackTheFinal_andARequestOverridesTheClient() {
        // "ChatRequest.Builder.partialInterval(...) (or Instructor.Builder.partialInterval) shows at most one
        // partial per interval, the latest, and never holds back the final value"
        server.enqueue(SETUP.response(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 2));
        server.enqueue(SETUP.response(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_2", 2));
        // The clock stands still: the whole stream falls within one interval.
        Instructor client = Instructor.builder()
                .provider(OpenAi.builder()
                        .apiKey("sk-test")
                        .baseUrl(server.url("/v1").toString())
                        .build())
                .defaultMode(Mode.TOOLS)
                .partialInterval(Duration.ofHours(1))
                .nanoClock(() -> 42L)
                .build();

        List<PartialUpdate<List<Idea>>> throttled = updates(client, request().build());
        List<PartialUpdate<List<Idea>>> everyOne =
                updates(client, request().partialInterval(Duration.ZERO).build());

        assertThat(throttled.stream().filter(u -> !u.isFinal()).count()).isLessThanOrEqualTo(1);
        assertThat(throttled).last().satisfies(last -> {
            assertThat(last.isFinal()).isTrue();
            assertThat(last.value()).isEqualTo(EXPECTED_IDEAS);
        });
        assertThat(everyOne.size()).isGreaterThan(20);
        assertThat(everyOne).last().satisfies(last -> assertThat(last.isFinal()).isTrue());
    }

    private static List<PartialUpdate<List<Idea>>> updates(Instructor client, ChatRequest request) {
        List<PartialUpdate<List<Idea>>> updates = new ArrayList<>();
        try (PartialStream<List<Idea>> stream = client.responses().stream(request, SeedModels.IDEAS)) {
            stream.updates().forEach(updates::add);
        }
        return updates;
    }

    @Test
    void idleTimeout_setPerRequest_endsASilentStream_andIsNotReasked() {
        // "Timeouts are per phase, not per call: [...] silence between events 1 min [...]; set them on the
        // provider's builder or per request."; "Transport failures [...] are not re-asked"
        byte[] bytes = SETUP.answer(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 9)
                .toBytes();
        server.enqueue(FakeResponse.sse(bytes).pieceSize(200).stallAfter(bytes.length / 2));
        server.enqueue(ideas(EXPECTED_IDEAS, "call_2"));
        Instructor client = server.client();
        ChatRequest request = request()
                .timeouts(Timeouts.DEFAULT.withIdle(Duration.ofMillis(300)))
                .build();

        ProviderTimeoutException timeout = timeoutOnce(client, request, ProviderTimeoutException.Kind.IDLE);
        assertThat(timeout.timeout()).isEqualTo(Duration.ofMillis(300));
    }

    // ---- Further claims: iteration, slow consumers, async errors, modes ----------------------------------------

    @Test
    void aStreamCanBeIteratedOnce_throughExactlyOneOfIteratorUpdatesOrElements() {
        // "A stream can be iterated once, through exactly one of iterator(), updates() or elements(...)."
        server.enqueue(ideas(EXPECTED_IDEAS, "call_1"));
        server.enqueue(ideas(EXPECTED_IDEAS, "call_2"));
        Instructor client = server.client();

        try (PartialStream<List<Idea>> stream =
                client.responses().stream(request().build(), SeedModels.IDEAS)) {
            List<Idea> seen = new ArrayList<>();
            stream.elements(Idea.class).forEach(seen::add);
            assertThat(seen).isEqualTo(EXPECTED_IDEAS);
            assertThatThrownBy(stream::iterator).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(stream::updates).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> stream.elements(Idea.class)).isInstanceOf(IllegalStateException.class);
            assertThat(stream.getFinalResponse()).isEqualTo(EXPECTED_IDEAS);
        }
        try (PartialStream<List<Idea>> stream =
                client.responses().stream(request().build(), SeedModels.IDEAS)) {
            stream.updates();
            assertThatThrownBy(stream::iterator).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> stream.elements(Idea.class)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aSlowSyncConsumer_losesNothing_eventsQueueUntilTheLoopTakesThem() throws InterruptedException {
        // "slow consumer | events queue until the loop takes them; nothing is dropped"
        String json = SeedModels.answer(EXPECTED_IDEAS);
        server.enqueue(SETUP.response(json, "ListOfIdea", "call_1", 3));
        server.enqueue(SETUP.response(json, "ListOfIdea", "call_2", 3));
        Instructor client = server.client();
        List<List<Idea>> eager = new ArrayList<>();
        try (PartialStream<List<Idea>> stream =
                client.responses().stream(request().build(), SeedModels.IDEAS)) {
            stream.forEach(eager::add);
        }
        // Counted when the client has closed: the live count may still miss the last piece the client read.
        long bodyPieces =
                server.takeRequest().awaitClose(Duration.ofSeconds(10)).piecesWritten();

        List<List<Idea>> late = new ArrayList<>();
        try (PartialStream<List<Idea>> stream =
                client.responses().stream(request().build(), SeedModels.IDEAS)) {
            var partials = stream.iterator();
            late.add(partials.next());
            // Take nothing more until the server has written the whole answer.
            RecordedRequest second = server.takeRequest();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (second.piecesWritten() < bodyPieces && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(second.piecesWritten()).isEqualTo(bodyPieces);
            partials.forEachRemaining(late::add);
        }

        assertThat(late).isEqualTo(eager);
    }

    @Test
    void asyncErrors_reachOnErrorAndCompleteTheFutureExceptionally() throws Exception {
        // "errors | [...] | onError, and the future completes exceptionally"
        server.enqueue(SETUP.answer(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 9)
                .finish(ScriptedAnswer.Finish.TRUNCATED)
                .toResponse());
        Instructor client = server.client();
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(request().build(), SeedModels.IDEAS);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        stream.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<Idea> item) {}

            @Override
            public void onError(Throwable throwable) {
                errors.add(throwable);
                ended.countDown();
            }

            @Override
            public void onComplete() {
                ended.countDown();
            }
        });

        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(errors).singleElement().isInstanceOf(TruncatedException.class);
        assertThatThrownBy(() -> stream.finalResponse().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(TruncatedException.class);
    }

    @Test
    void anObjectCompletingWithoutARequiredMember_abortsTheAttemptAtOnce() {
        // "With fail-fast (on by default) a re-ask does not wait for the end: as soon as [...] an object completes
        // without a required member, the provider request is aborted and the re-ask sent."
        String json = "{\"items\":[{\"blurb\":\"Capture ideas\"},{\"title\":\"Think Ink\",\"blurb\":\""
                + "Where messy thoughts become organized plans. ".repeat(3).trim() + "\"}"
                + ",{\"title\":\"More\",\"blurb\":\""
                + "More text. ".repeat(100).trim() + "\"}]}";

        // The first item completes, without its title, at its closing brace.
        assertCreateRejectsTheFirstAnswerBy(json, json.indexOf('}') + 1, "/items/0/title", "must not be null");
    }

    @Test
    void failFastOff_readsTheWholeRejectedAnswer_soTheDefaultIsOn() {
        // "With fail-fast (on by default)"; ".failFast(true) // the default: abort an attempt as soon as a completed
        // part breaks a constraint" -- the contrast: switched off, the rejected answer is read to its end.
        ScriptedAnswer bad = paced(SeedModels.answer(TOO_LONG), "ListOfIdea", "call_bad");
        server.enqueue(pacedResponse(bad));
        server.enqueue(ideas(EXPECTED_IDEAS, "call_good"));
        Instructor client = Instructor.builder()
                .provider(OpenAi.builder()
                        .apiKey("sk-test")
                        .baseUrl(server.url("/v1").toString())
                        .build())
                .failFast(false)
                .build();

        assertThat(client.responses().create(request().build(), SeedModels.IDEAS))
                .isEqualTo(EXPECTED_IDEAS);

        assertThat(server.takeRequest().awaitClose(Duration.ofSeconds(10)).piecesWritten())
                .isGreaterThanOrEqualTo(bad.deltas().size());
        assertThat(server.takeRequest().bodyText()).contains("size must be between 0 and 140");
    }

    @Test
    void firstEventTimeout_endsAStreamThatNeverStarts() {
        // "Timeouts are per phase, not per call: connect 10 s, first event 2 min [...]; set them on the provider's
        // builder or per request."
        server.enqueue(FakeResponse.sse(new byte[0]).stallBeforeHeaders());
        Instructor client = server.client();
        ChatRequest request = request()
                .timeouts(Timeouts.DEFAULT.withFirstEvent(Duration.ofMillis(300)))
                .build();

        timeoutOnce(client, request, ProviderTimeoutException.Kind.FIRST_EVENT);
    }

    @Test
    void theProvidersTable_defaultModesAndSupportedModes() {
        // "| OpenAI Chat Completions | ... | TOOLS | TOOLS, JSON_SCHEMA, JSON, MD_JSON |", "| OpenAI Responses | ... |
        // TOOLS | TOOLS, JSON_SCHEMA, JSON |", "| Anthropic Messages | ... | TOOLS | TOOLS, JSON_SCHEMA, JSON,
        // MD_JSON |", "| Google Gemini | ... | JSON_SCHEMA | TOOLS, JSON_SCHEMA, JSON, MD_JSON |", "| Ollama | ... |
        // JSON_SCHEMA | JSON_SCHEMA, JSON, MD_JSON |"
        String url = server.url("/v1").toString();
        var chat = OpenAi.builder().apiKey("k").baseUrl(url).build();
        var responses = OpenAi.builder()
                .apiKey("k")
                .baseUrl(url)
                .api(OpenAi.Api.RESPONSES)
                .build();
        var compatible = OpenAi.compatible(url).build();
        var anthropic = dev.instructor.anthropic.Anthropic.builder()
                .apiKey("k")
                .baseUrl(url)
                .build();
        var gemini =
                dev.instructor.gemini.Gemini.builder().apiKey("k").baseUrl(url).build();
        var ollama = Ollama.builder().host(url).build();

        assertThat(chat.defaultMode()).isEqualTo(Mode.TOOLS);
        assertThat(chat.modes()).containsExactlyInAnyOrder(Mode.TOOLS, Mode.JSON_SCHEMA, Mode.JSON, Mode.MD_JSON);
        assertThat(responses.defaultMode()).isEqualTo(Mode.TOOLS);
        assertThat(responses.modes()).containsExactlyInAnyOrder(Mode.TOOLS, Mode.JSON_SCHEMA, Mode.JSON);
        assertThat(compatible.defaultMode()).isEqualTo(Mode.TOOLS);
        assertThat(compatible.modes()).isEqualTo(chat.modes());
        assertThat(anthropic.defaultMode()).isEqualTo(Mode.TOOLS);
        assertThat(anthropic.modes()).containsExactlyInAnyOrder(Mode.TOOLS, Mode.JSON_SCHEMA, Mode.JSON, Mode.MD_JSON);
        assertThat(gemini.defaultMode()).isEqualTo(Mode.JSON_SCHEMA);
        assertThat(gemini.modes()).containsExactlyInAnyOrder(Mode.TOOLS, Mode.JSON_SCHEMA, Mode.JSON, Mode.MD_JSON);
        assertThat(ollama.defaultMode()).isEqualTo(Mode.JSON_SCHEMA);
        assertThat(ollama.modes()).containsExactlyInAnyOrder(Mode.JSON_SCHEMA, Mode.JSON, Mode.MD_JSON);
    }

    @Test
    void thePlainIteratorsLastElement_equalsTheFinalValue() {
        // "The final value is the source of truth. [...] The plain iterator ends with it, or with the last partial
        // when that equals it (no value is yielded twice in a row)"
        server.enqueue(ideas(EXPECTED_IDEAS, "call_1"));
        Instructor client = server.client();
        List<List<Idea>> partials = new ArrayList<>();
        try (PartialStream<List<Idea>> stream =
                client.responses().stream(request().build(), SeedModels.IDEAS)) {
            stream.forEach(partials::add);
            assertThat(partials).last().isEqualTo(stream.getFinalResponse());
        }
    }

    @Test
    void theTotalTimeout_includesTheTransportsRetries() {
        // "Each limit applies to one provider request (the total includes the transport's retries before the
        // provider accepts the request)"
        // The retry is sent after 200 ms, and its answer never comes: the total runs out during the second request.
        server.enqueue(FakeResponse.status(503).header("retry-after-ms", "200"));
        server.enqueue(ideas(EXPECTED_IDEAS, "call_1").stallBeforeHeaders());
        Instructor client = server.client();
        ChatRequest request = request()
                .timeouts(Timeouts.DEFAULT.withTotal(Duration.ofMillis(500)))
                .build();

        Throwable thrown = catchThrowable(() -> client.responses().create(request, SeedModels.IDEAS));

        assertThat(thrown).isInstanceOfSatisfying(ProviderTimeoutException.class, e -> assertThat(e.kind())
                .isEqualTo(ProviderTimeoutException.Kind.TOTAL));
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void aRetryThatWouldWaitPastTheTotal_failsAtOnce_withTheServersDelay() {
        // "So does an answer whose retry would wait past the request's Timeouts.total()."
        server.enqueue(FakeResponse.status(503).header("retry-after-ms", "5000"));
        Instructor client = server.client();
        ChatRequest request = request()
                .timeouts(Timeouts.DEFAULT.withTotal(Duration.ofMillis(500)))
                .build();

        Throwable thrown = catchThrowable(() -> client.responses().create(request, SeedModels.IDEAS));

        assertThat(thrown).isInstanceOfSatisfying(ProviderHttpException.class, e -> {
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(5));
        });
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void theTotalTimeout_timesEveryReaskAfresh() {
        // "Each limit applies to one provider request [...]: every re-ask is a new request timed afresh."
        // Each attempt is written in 100 events 30 ms apart, so takes at least 3 s, the two together at least 6 s: a
        // 5 s total would cut the call were it timed as a whole.
        server.enqueue(SETUP.answer(SeedModels.answer(TOO_LONG), "ListOfIdea", "call_bad", 1)
                .tokens(pieces(SeedModels.answer(TOO_LONG), 100))
                .toResponse()
                .eventPacing(Duration.ofMillis(30)));
        server.enqueue(SETUP.answer(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_good", 1)
                .tokens(pieces(SeedModels.answer(EXPECTED_IDEAS), 100))
                .toResponse()
                .eventPacing(Duration.ofMillis(30)));
        Instructor client = server.client();
        ChatRequest request = request()
                .failFast(false)
                .timeouts(Timeouts.DEFAULT.withTotal(Duration.ofSeconds(5)))
                .build();

        assertThat(client.responses().create(request, SeedModels.IDEAS)).isEqualTo(EXPECTED_IDEAS);
        assertThat(server.requestCount()).isEqualTo(2);
    }

    /** Cuts {@code text} into {@code count} pieces of nearly equal length. */
    private static List<String> pieces(String text, int count) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pieces.add(text.substring(i * text.length() / count, (i + 1) * text.length() / count));
        }
        return pieces;
    }

    // ---- Sections 2, 4 and 8: long text, bounded lists, type tokens, logging ------------------------------------

    record Essay(String title, CharSequence body) {}

    @Test
    void aCharSequenceField_isAViewWhileOpen_neverEqualToAString_andAStringOnceComplete() {
        // "A CharSequence field holds, while it is written, a read-only view of the parser's buffer instead [...],
        // and becomes a String once complete, as in the final value. Views are equal to views of the same text,
        // never to a String"
        String json = "{\"title\":\"On notes\",\"body\":\""
                + "Notes free the mind. ".repeat(20).trim() + "\"}";
        server.enqueue(SETUP.response(json, "Essay", "call_1", 7));
        Instructor client = server.client();
        List<PartialUpdate<Essay>> updates = new ArrayList<>();
        Essay essay;
        try (PartialStream<Essay> stream = client.responses().stream(request().build(), Essay.class)) {
            stream.updates().forEach(updates::add);
            essay = stream.getFinalResponse();
        }

        assertThat(essay.body()).isInstanceOf(String.class);
        List<CharSequence> open = updates.stream()
                .filter(u -> !u.isFinal())
                .filter(u -> u.activePath()
                        .map(path -> path.toString().equals("/body"))
                        .orElse(false))
                .map(u -> u.value().body())
                .filter(Objects::nonNull)
                .toList();
        assertThat(open).hasSizeGreaterThan(10).allSatisfy(body -> {
            assertThat(body).isNotInstanceOf(String.class);
            assertThat(body.equals(body.toString())).isFalse();
            assertThat(essay.body().toString()).startsWith(body.toString());
        });
    }

    record Plan(@Size(max = 2) List<String> steps, String note) {}

    @Test
    void anOpenListPassingItsSizeMax_failsTheAttemptAtOnce_andTheSchemaGetsMaxItems() {
        // "Bound lists with @Size(max = n) on a list property: the schema gets maxItems, and an open list that
        // passes the bound fails the attempt at once instead of streaming tokens you will throw away."
        String json = "{\"steps\":[\"open the app\",\"write\",\""
                + "and keep writing ".repeat(60).trim() + "\"],\"note\":\""
                + "A long note. ".repeat(60).trim() + "\"}";
        ScriptedAnswer bad = paced(json, "Plan", "call_bad");
        server.enqueue(pacedResponse(bad));
        server.enqueue(SETUP.response("{\"steps\":[\"open the app\",\"write\"],\"note\":\"done\"}", "Plan", "c2", 9));
        RejectedAt rejected = new RejectedAt();
        Instructor client = server.client(rejected);

        assertThat(client.responses().create(request().build(), Plan.class))
                .isEqualTo(new Plan(List.of("open the app", "write"), "done"));

        // The third item starts at its opening quote.
        rejected.assertFirstRejectedBy(json.indexOf("\"and keep") + 1);
        assertThat(Violation.render(rejected.violations.get(0))).contains("/steps");
        RecordedRequest first = server.takeRequest();
        assertThat(first.bodyText()).contains("\"maxItems\":2");
        assertLetGoBeforeTheEnd(first, bad);
    }

    @Test
    void aConstraintInsideATypeToken_isRejectedWhenTheModelIsBuilt() {
        // "Other constraints inside a type token, such as List<@NotBlank String>, are rejected when the model is
        // built"
        Instructor client = server.client();

        assertThatThrownBy(() -> client.responses().stream(
                        request().build(), new TypeRef<List<@jakarta.validation.constraints.NotBlank String>>() {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void elements_ofATypeTheListDoesNotHold_throwsIllegalArgumentException() {
        // "It needs a response model of List<E> or Set<E>, else it throws IllegalArgumentException."
        server.enqueue(ideas(EXPECTED_IDEAS, "call_1"));
        Instructor client = server.client();

        try (PartialStream<List<Idea>> stream =
                client.responses().stream(request().build(), SeedModels.IDEAS)) {
            assertThatThrownBy(() -> stream.elements(Recipe.class)).isInstanceOf(IllegalArgumentException.class);
            assertThat(stream.getFinalResponse()).isEqualTo(EXPECTED_IDEAS);
        }
    }

    @Test
    void aDescriptionAnnotation_reachesTheSchemaTheModelIsAskedFor() {
        // "| Field(..., description=\"...\") | @Description(\"...\") (or Jackson's @JsonPropertyDescription) |"
        server.enqueue(SETUP.response(SeedModels.answer(EXPECTED_MOVIES), "ListOfMovieRecommendation", "call_1", 9));
        Instructor client = server.client();

        assertThat(client.responses().create(request().build(), SeedModels.MOVIES))
                .isEqualTo(EXPECTED_MOVIES);
        assertThat(server.takeRequest().bodyText()).contains("One sentence explaining why this movie fits");
    }

    @Test
    void anExceptionInsideTryWithResources_abortsTheProviderRequest() {
        // "Close what you open. PartialStream is AutoCloseable: try-with-resources, so an exception or a break
        // aborts the provider request."
        byte[] bytes = SETUP.answer(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 9)
                .toBytes();
        server.enqueue(FakeResponse.sse(bytes).pieceSize(200).stallAfter(bytes.length / 2));
        Instructor client = server.client();

        Throwable thrown = catchThrowable(() -> {
            try (PartialStream<List<Idea>> stream =
                    client.responses().stream(request().build(), SeedModels.IDEAS)) {
                for (List<Idea> partial : stream) {
                    if (!partial.isEmpty()) {
                        throw new IllegalStateException("the caller's own failure");
                    }
                }
            }
        });

        assertThat(thrown).hasMessage("the caller's own failure");
        RecordedRequest recorded = server.takeRequest();
        recorded.awaitClientClose(Duration.ofSeconds(10));
        assertThat(recorded.clientClosed()).isTrue();
        assertThat(recorded.bytesWritten()).isLessThan(bytes.length);
    }

    @Test
    void logging_requestsAndOutcomesAtDebug_rawEventsAtTrace_neverTheMessageTextOrKeys() {
        // "The client's own logging goes through System.Logger (logger dev.instructor.Instructor): requests and
        // outcomes at DEBUG (by shape, never with headers or message text), raw wire events at TRACE"
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("dev.instructor.Instructor");
        List<java.util.logging.LogRecord> records = new CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Level previous = jul.getLevel();
        jul.setLevel(java.util.logging.Level.ALL);
        handler.setLevel(java.util.logging.Level.ALL);
        jul.addHandler(handler);
        String prompt = "Ideas for the secret project Bluebird-4711";
        try {
            server.enqueue(ideas(TOO_LONG, "call_bad"));
            server.enqueue(ideas(EXPECTED_IDEAS, "call_good"));
            Instructor client = server.client();

            assertThat(client.responses().create(SETUP.request(prompt).build(), SeedModels.IDEAS))
                    .isEqualTo(EXPECTED_IDEAS);
        } finally {
            jul.removeHandler(handler);
            jul.setLevel(previous);
        }

        List<String> debug = texts(records, java.util.logging.Level.FINE);
        List<String> trace = texts(records, java.util.logging.Level.FINER);
        assertThat(debug).anySatisfy(text -> assertThat(text).startsWith("request attempt 1"));
        assertThat(debug).anySatisfy(text -> assertThat(text).startsWith("completed"));
        assertThat(trace).anySatisfy(text -> assertThat(text).contains("chat.completion.chunk"));
        List<String> all = new ArrayList<>(debug);
        all.addAll(trace);
        assertThat(all).noneSatisfy(text -> assertThat(text).contains("Bluebird-4711"));
        assertThat(all).noneSatisfy(text -> assertThat(text).contains("sk-test"));
    }

    private static List<String> texts(List<java.util.logging.LogRecord> records, java.util.logging.Level level) {
        return records.stream()
                .filter(r -> r.getLevel().equals(level))
                .map(r -> r.getParameters() == null
                        ? r.getMessage()
                        : java.text.MessageFormat.format(r.getMessage(), r.getParameters()))
                .toList();
    }

    // ---- Section 2 and 5: absent members, rejected values, whole-value validators ------------------------------

    record Note(String title, java.util.Optional<String> note) {}

    @Test
    void aMemberNotYetReachedIsNull_andOnceItsObjectCompletesAMissingOptionalIsEmpty() {
        // "Not yet reached is null"; "Once an object is complete, a member it lacks takes the value Jackson gives it
        // (Optional.empty() for an Optional)"
        String json = "{\"items\":[{\"title\":\"First\"},{\"title\":\"Second\",\"note\":\"kept\"}]}";
        server.enqueue(SETUP.response(json, "ListOfNote", "call_1", 2));
        Instructor client = server.client();
        List<List<Note>> partials = new ArrayList<>();
        try (PartialStream<List<Note>> stream =
                client.responses().stream(request().build(), new TypeRef<List<Note>>() {})) {
            stream.forEach(partials::add);
            assertThat(stream.getFinalResponse())
                    .containsExactly(
                            new Note("First", java.util.Optional.empty()),
                            new Note("Second", java.util.Optional.of("kept")));
        }

        assertThat(partials).contains(List.of(new Note("First", null)));
        assertThat(partials).filteredOn(p -> p.size() == 2).isNotEmpty().allSatisfy(p -> assertThat(
                        p.get(0).note())
                .isEqualTo(java.util.Optional.empty()));
    }

    @Test
    void aCompleteValueJacksonRejects_skipsThePartial_andTheAnswerIsReasked() {
        // "A complete value Jackson rejects (a "12 minutes" for an int) skips the whole partial; the final binding
        // then fails and re-asks."
        String bad = "{\"items\":[{\"name\":\"Garlic Butter Pasta\",\"prepTimeMinutes\":\"12 minutes\","
                + "\"ingredients\":[\"spaghetti\",\"garlic\"],\"instructions\":\"Boil, toss, serve.\"}]}";
        server.enqueue(SETUP.response(bad, "ListOfRecipe", "call_bad", 3));
        server.enqueue(SETUP.response(SeedModels.answer(EXPECTED_RECIPES), "ListOfRecipe", "call_good", 9));
        Instructor client = server.client();
        List<PartialUpdate<List<Recipe>>> updates = new ArrayList<>();
        // Without fail-fast the rest of the rejected answer streams in: its ingredients must still not be shown.
        try (PartialStream<List<Recipe>> stream =
                client.responses().stream(request().failFast(false).build(), SeedModels.RECIPES)) {
            stream.updates().forEach(updates::add);
            assertThat(stream.getFinalResponse()).isEqualTo(EXPECTED_RECIPES);
        }

        List<List<Recipe>> first = updates.stream()
                .filter(u -> u.attempt() == 1)
                .map(PartialUpdate::value)
                .toList();
        assertThat(first).anySatisfy(p -> assertThat(p).singleElement().satisfies(recipe -> assertThat(recipe.name())
                .isEqualTo("Garlic Butter Pasta")));
        assertThat(first).allSatisfy(p -> assertThat(p)
                .allSatisfy(recipe -> assertThat(recipe.ingredients()).isNull()));
        server.takeRequest();
        assertThat(server.takeRequest().bodyText()).contains("prepTimeMinutes");
    }

    @Test
    void aResponseModelsValidator_runsOnTheFinalValueOnly_andItsViolationReasks() {
        // "Checks that need the whole value go in a ResponseModel: [...] // runs on the final value only; a
        // violation re-asks the model"
        List<Idea> repeated = List.of(new Idea("Note Ninja", "a"), new Idea("Note Ninja", "b"));
        server.enqueue(ideas(repeated, "call_bad"));
        server.enqueue(ideas(EXPECTED_IDEAS, "call_good"));
        List<List<Idea>> validated = new CopyOnWriteArrayList<>();
        ResponseModel<List<Idea>> distinctTitles = ResponseModel.builder(SeedModels.IDEAS)
                .validator((ideas, context) -> {
                    validated.add(ideas);
                    List<Violation> violations = new ArrayList<>();
                    for (int i = 1; i < ideas.size(); i++) {
                        if (ideas.get(i).title().equals(ideas.get(0).title())) {
                            violations.add(Violation.of("/" + i + "/title", "repeats the first title"));
                        }
                    }
                    return violations;
                })
                .build();
        Instructor client = server.client();

        assertThat(client.responses().create(request().build(), distinctTitles)).isEqualTo(EXPECTED_IDEAS);

        assertThat(validated).containsExactly(repeated, EXPECTED_IDEAS);
        server.takeRequest();
        assertThat(server.takeRequest().bodyText()).contains("repeats the first title");
    }

    /**
     * Asserts that {@code request} fails with a timeout of {@code kind} after one provider request (a timeout is not
     * re-asked), and returns it.
     */
    private ProviderTimeoutException timeoutOnce(
            Instructor client, ChatRequest request, ProviderTimeoutException.Kind kind) {
        Throwable thrown = catchThrowable(() -> client.responses().create(request, SeedModels.IDEAS));
        assertThat(thrown).isInstanceOfSatisfying(ProviderTimeoutException.class, e -> assertThat(e.kind())
                .isEqualTo(kind));
        assertThat(server.requestCount()).isEqualTo(1);
        return (ProviderTimeoutException) thrown;
    }
}
