package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.ResponsesStreamTest.Idea;
import dev.instructor.schema.SchemaDialect;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.ProviderRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InstructorTest {

    @Test
    void builder_rejectsMissingProviderAndBadSettings() {
        assertThatThrownBy(() -> Instructor.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("provider");
        assertThatThrownBy(() -> Instructor.builder().partialInterval(Duration.ofSeconds(-1)))
                .hasMessageContaining("PT-1S");
        ScriptedProvider provider = new ScriptedProvider();
        assertThat(Instructor.builder()
                        .provider(provider)
                        .defaultMode(Mode.MD_JSON)
                        .build())
                .isNotNull();
    }

    @Test
    void from_keepsTheModeChosenOnTheProvider() {
        // A provider built with defaultMode(JSON) although it supports TOOLS.
        ScriptedProvider provider = new ScriptedProvider(Mode.JSON).answer(ResponsesStreamTest.GOOD);
        Instructor.from(provider).responses().create(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);

        assertThat(provider.requests.get(0).mode()).isEqualTo(Mode.JSON);
    }

    @Test
    void from_keepsAPromptOnlyModeChosenOnTheProvider() {
        ScriptedProvider provider =
                new ScriptedProvider(Mode.MD_JSON).answer("```json\n" + ResponsesStreamTest.GOOD + "\n```");
        Instructor.from(provider).responses().create(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);

        assertThat(provider.requests.get(0).mode()).isEqualTo(Mode.MD_JSON);
    }

    @Test
    void providerValidate_rejectsTheCallBeforeAnythingIsSent() {
        ScriptedProvider scripted = new ScriptedProvider().answer(ResponsesStreamTest.GOOD);
        Instructor client = Instructor.from(new NarrowTemperature(scripted));
        ChatRequest hot =
                ResponsesStreamTest.request().toBuilder().temperature(1.5).build();

        assertThatThrownBy(() -> client.responses().stream(hot, ResponsesStreamTest.IDEAS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("temperature must be in [0, 1] for narrow: 1.5");
        assertThatThrownBy(() -> client.responses().streamAsync(hot, ResponsesStreamTest.IDEAS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.responses().raw(hot, ResponsesStreamTest.IDEAS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(scripted.requests).isEmpty();
    }

    /** A provider whose temperature ends at 1, as Anthropic's does; the rest is the scripted provider. */
    private record NarrowTemperature(ScriptedProvider delegate) implements LlmProvider {
        @Override
        public String name() {
            return "narrow";
        }

        @Override
        public Set<Mode> modes() {
            return delegate.modes();
        }

        @Override
        public Mode defaultMode() {
            return delegate.defaultMode();
        }

        @Override
        public SchemaDialect dialect(Mode mode) {
            return delegate.dialect(mode);
        }

        @Override
        public void validate(ProviderRequest request) {
            if (request.temperature() != null && request.temperature() > 1) {
                throw new IllegalArgumentException(
                        "temperature must be in [0, 1] for narrow: " + request.temperature());
            }
        }

        @Override
        public ProviderCall open(ProviderRequest request, ProviderListener listener) {
            return delegate.open(request, listener);
        }
    }

    @Test
    void requestMode_overridesTheClientDefault() {
        ScriptedProvider provider = new ScriptedProvider().answer("```json\n" + ResponsesStreamTest.GOOD + "\n```");
        ChatRequest request =
                ResponsesStreamTest.request().toBuilder().mode(Mode.MD_JSON).build();

        List<Idea> ideas = Instructor.from(provider).responses().create(request, ResponsesStreamTest.IDEAS);

        assertThat(ideas).isEqualTo(ResponsesStreamTest.EXPECTED);
        assertThat(provider.requests.get(0).mode()).isEqualTo(Mode.MD_JSON);
    }

    @Test
    void reasoningModelsThinkingBlock_isNotTakenForTheAnswer() {
        String thinking = "<think>\nA draft: {\"items\":[{\"title\":\"Draft\",\"blurb\":\"no\"}]}\n</think>\n\n";
        ScriptedProvider provider = new ScriptedProvider(Mode.MD_JSON)
                .answer(thinking + "```json\n" + ResponsesStreamTest.GOOD + "\n```", 1, 1, 1);
        List<List<Idea>> partials = new ArrayList<>();

        try (PartialStream<List<Idea>> stream = Instructor.from(provider).responses().stream(
                ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS)) {
            for (List<Idea> partial : stream) {
                partials.add(partial);
            }
            assertThat(stream.getFinalResponse()).isEqualTo(ResponsesStreamTest.EXPECTED);
        }
        assertThat(partials).isNotEmpty().allSatisfy(ideas -> assertThat(ideas)
                .noneMatch(idea -> idea.title() != null && idea.title().startsWith("D")));
    }

    @Description("A product idea for a note-taking app")
    record DescribedIdea(String title, String blurb) {}

    @Test
    void rootTypesDescription_isTheSchemasDescriptionForTheProvider() {
        ScriptedProvider provider = new ScriptedProvider().answer("{\"title\":\"a\",\"blurb\":\"b\"}");
        ScriptedProvider plain = new ScriptedProvider().answer(ResponsesStreamTest.GOOD);

        Instructor.from(provider).responses().create(ResponsesStreamTest.request(), DescribedIdea.class);
        Instructor.from(plain).responses().create(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);

        ProviderRequest sent = provider.requests.get(0);
        assertThat(sent.schemaDescription()).isEqualTo("A product idea for a note-taking app");
        assertThat(sent.schema().get("description").asString()).isEqualTo(sent.schemaDescription());
        assertThat(plain.requests.get(0).schemaDescription()).isNull();
    }

    @Test
    void partialInterval_showsAtMostOnePartialPerInterval() {
        AtomicLong now = new AtomicLong();
        ScriptedProvider provider = new ScriptedProvider().answer(ResponsesStreamTest.GOOD, 1, 1, 1);
        Instructor client = Instructor.builder()
                .provider(provider)
                .partialInterval(Duration.ofNanos(10))
                // Each reading of the clock advances it by one: ten partial candidates per interval.
                .nanoClock(now::incrementAndGet)
                .build();
        List<PartialUpdate<List<Idea>>> updates = new ArrayList<>();
        Instructor unthrottled = Instructor.from(new ScriptedProvider().answer(ResponsesStreamTest.GOOD, 1, 1, 1));
        int all = 0;
        try (PartialStream<List<Idea>> stream =
                unthrottled.responses().stream(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS)) {
            for (List<Idea> ignored : stream) {
                all++;
            }
        }
        try (PartialStream<List<Idea>> stream =
                client.responses().stream(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS)) {
            stream.updates().forEach(updates::add);
        }

        assertThat(updates).last().satisfies(u -> {
            assertThat(u.isFinal()).isTrue();
            assertThat(u.value()).isEqualTo(ResponsesStreamTest.EXPECTED);
        });
        assertThat(updates.size()).isLessThan(all / 5).isGreaterThan(1);
        // Completed paths of skipped partials are not lost: they arrive with the next update shown.
        long completedItems = updates.stream()
                .flatMap(u -> u.completedPaths().stream())
                .filter(p -> p.depth() == 1)
                .count();
        assertThat(completedItems).isEqualTo(2);
    }

    @Test
    void partialInterval_showsTheHeldBackPartialWhenTheIntervalEnds() {
        // The JSON arrives within ~100 ms; the stream ends 800 ms later. Only the first partial passes at once; the
        // latest one is held back and shown when its interval ends, long before the final value.
        ScriptedProvider provider = new ScriptedProvider().heldAnswer(ResponsesStreamTest.GOOD, 4, 2, 800);
        Instructor client = Instructor.builder()
                .provider(provider)
                .partialInterval(Duration.ofMillis(300))
                .build();
        List<PartialUpdate<List<Idea>>> updates = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        long start = System.nanoTime();
        try (PartialStream<List<Idea>> stream =
                client.responses().stream(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS)) {
            for (PartialUpdate<List<Idea>> update : stream.updates()) {
                updates.add(update);
                arrivals.add((System.nanoTime() - start) / 1_000_000);
            }
        }

        assertThat(updates).hasSize(3);
        assertThat(updates.get(1).isFinal()).isFalse();
        assertThat(updates.get(1).value()).isEqualTo(ResponsesStreamTest.EXPECTED);
        assertThat(arrivals.get(1)).isBetween(250L, 780L);
        assertThat(updates.get(2).isFinal()).isTrue();
        assertThat(arrivals.get(2)).isGreaterThan(800L);
    }

    @Test
    void partialInterval_async_showsTheHeldBackPartialWhenTheIntervalEnds() throws Exception {
        ScriptedProvider provider = new ScriptedProvider().heldAnswer(ResponsesStreamTest.GOOD, 4, 2, 800);
        Instructor client = Instructor.builder()
                .provider(provider)
                .partialInterval(Duration.ofMillis(300))
                .build();
        AsyncPartialStream<List<Idea>> stream =
                client.responses().streamAsync(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);
        AsyncResponsesTest.Recorder<PartialUpdate<List<Idea>>> recorder =
                new AsyncResponsesTest.Recorder<>(Long.MAX_VALUE);
        stream.updates().subscribe(recorder);

        recorder.await();
        assertThat(recorder.items).hasSize(3);
        assertThat(recorder.items.get(1).value()).isEqualTo(ResponsesStreamTest.EXPECTED);
        assertThat(recorder.items.get(1).isFinal()).isFalse();
        assertThat(recorder.items.get(2).isFinal()).isTrue();
    }

    @Test
    void listener_thatThrowsNeverBreaksTheCall() {
        List<String> seen = new CopyOnWriteArrayList<>();
        InstructorListener throwing = new InstructorListener() {
            @Override
            public void onPartial(PartialUpdate<?> update) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void onComplete(Object value, Usage usage) {
                throw new IllegalStateException("boom");
            }
        };
        InstructorListener recording = new InstructorListener() {
            @Override
            public void onRequest(ProviderRequest request, int attempt) {
                seen.add("request " + attempt);
            }

            @Override
            public void onValidationFailure(List<Violation> violations, int attempt) {
                seen.add("invalid " + attempt + " " + paths(violations));
            }

            @Override
            public void onRetry(List<Violation> violations, int attempt) {
                seen.add("retry " + attempt + " " + paths(violations));
            }

            @Override
            public void onUsage(Usage usage, int attempt) {
                seen.add("usage " + attempt + " " + usage.totalTokens());
            }

            @Override
            public void onComplete(Object value, Usage usage) {
                seen.add("complete " + usage.totalTokens());
            }

            @Override
            public void onProviderEvent(ProviderEvent event, int attempt) {
                if (event instanceof ProviderEvent.Finish) {
                    seen.add("finish " + attempt);
                }
            }
        };
        ScriptedProvider provider =
                new ScriptedProvider().answer(ResponsesStreamTest.TOO_LONG).answer(ResponsesStreamTest.GOOD);
        Instructor client = Instructor.builder()
                .provider(provider)
                .failFast(false)
                .listener(throwing)
                .listener(recording)
                .build();

        List<Idea> ideas = client.responses().create(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS);

        assertThat(ideas).isEqualTo(ResponsesStreamTest.EXPECTED);
        assertThat(seen)
                .containsExactly(
                        "request 1",
                        "usage 1 30",
                        "finish 1",
                        "invalid 1 [/items/0/blurb]",
                        "retry 2 [/items/0/blurb]",
                        "request 2",
                        "usage 2 30",
                        "finish 2",
                        "complete 60");
    }

    private static List<String> paths(List<Violation> violations) {
        return violations.stream().map(v -> v.path().toString()).toList();
    }

    @Test
    void raw_returnsTheProviderEvents() {
        Instructor client = Instructor.from(new ScriptedProvider().answer("{\"items\":[]}", 100, 1, 2));
        try (Stream<ProviderEvent> events =
                client.responses().raw(ResponsesStreamTest.request(), ResponsesStreamTest.IDEAS)) {
            assertThat(events.toList())
                    .containsExactly(
                            new ProviderEvent.TextDelta("{\"items\":[]}"),
                            new ProviderEvent.Usage(1, 2, 3),
                            new ProviderEvent.Finish("stop"));
        }
    }

    /** Records how each call begins and ends. */
    static final class Ends implements InstructorListener {
        final List<String> told = new CopyOnWriteArrayList<>();

        @Override
        public void onRequest(ProviderRequest request, int attempt) {
            told.add("request " + attempt);
        }

        @Override
        public void onComplete(Object value, Usage usage) {
            told.add("complete " + usage.totalTokens());
        }

        @Override
        public void onError(Throwable error) {
            told.add("error " + error.getClass().getSimpleName());
        }
    }

    /**
     * A listener's VirtualMachineError on the final value fails the call; its listeners are then told of that failure
     * alone, never of a completion as well.
     */
    @Test
    void listener_overflowingOnTheFinalValue_isToldOfTheFailureAlone() throws Exception {
        Ends blocking = new Ends();
        Ends async = new Ends();
        Instructor client = Instructor.builder()
                .provider(
                        new ScriptedProvider().answer(ResponsesStreamTest.GOOD).answer(ResponsesStreamTest.GOOD))
                .listener(new InstructorListener() {
                    @Override
                    public void onPartial(PartialUpdate<?> update) {
                        if (update.isFinal()) {
                            throw new StackOverflowError("a listener recursed too deep");
                        }
                    }
                })
                .build();

        assertThatThrownBy(() -> client.responses()
                        .create(
                                ResponsesStreamTest.request().toBuilder()
                                        .listener(blocking)
                                        .build(),
                                ResponsesStreamTest.IDEAS))
                .isInstanceOf(StackOverflowError.class);
        AsyncPartialStream<List<Idea>> stream = client.responses()
                .streamAsync(
                        ResponsesStreamTest.request().toBuilder()
                                .listener(async)
                                .build(),
                        ResponsesStreamTest.IDEAS);
        assertThatThrownBy(() -> stream.finalResponse().get(5, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(StackOverflowError.class);

        assertThat(blocking.told).containsExactly("request 1", "error StackOverflowError");
        assertThat(async.told).containsExactly("request 1", "error StackOverflowError");
    }

    /**
     * A listener whose onError throws a VirtualMachineError: every listener is told of the failure once, and the
     * caller gets the failure itself.
     */
    @Test
    void listener_overflowingOnTheError_isToldOfTheFailureOnce() {
        Ends ends = new Ends();
        Instructor client = Instructor.builder()
                .provider(new ScriptedProvider().truncated("{\"items\":["))
                .listener(ends)
                .build();
        ChatRequest request = ResponsesStreamTest.request().toBuilder()
                .listener(new InstructorListener() {
                    @Override
                    public void onError(Throwable error) {
                        throw new StackOverflowError("a listener recursed too deep");
                    }
                })
                .build();

        assertThatThrownBy(() -> client.responses().create(request, ResponsesStreamTest.IDEAS))
                .isInstanceOf(dev.instructor.spi.TruncatedException.class);
        assertThat(ends.told).containsExactly("request 1", "error TruncatedException");
    }

    @Test
    void raw_tellsTheListenerHowTheCallEnds() {
        Ends listener = new Ends();
        Instructor client = Instructor.builder()
                .provider(new ScriptedProvider()
                        .answer("{\"items\":[]}", 100, 1, 2)
                        .truncated("{\"items\":[")
                        .slowAnswer(ResponsesStreamTest.GOOD, 1, 5))
                .listener(listener)
                .build();

        try (Stream<ProviderEvent> events = client.responses().raw(ResponsesStreamTest.request(), Idea.class)) {
            assertThat(events.toList()).hasSize(3);
        }
        assertThat(listener.told).containsExactly("request 1", "complete 3");

        listener.told.clear();
        try (Stream<ProviderEvent> events = client.responses().raw(ResponsesStreamTest.request(), Idea.class)) {
            assertThatThrownBy(events::toList).isInstanceOf(dev.instructor.spi.TruncatedException.class);
        }
        assertThat(listener.told).containsExactly("request 1", "error TruncatedException");

        listener.told.clear();
        try (Stream<ProviderEvent> events = client.responses().raw(ResponsesStreamTest.request(), Idea.class)) {
            assertThat(events.findFirst()).isPresent(); // then closed before the call ends
        }
        assertThat(listener.told).containsExactly("request 1", "error CancellationException");
    }

    @Test
    void raw_openThrowingAnError_tellsTheListenerOfTheFailure() {
        // A provider whose class failed to initialize, say: the listener heard of the request, so it hears the end.
        ScriptedProvider scripted = new ScriptedProvider();
        LlmProvider broken = new LlmProvider() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Set<Mode> modes() {
                return scripted.modes();
            }

            @Override
            public Mode defaultMode() {
                return scripted.defaultMode();
            }

            @Override
            public SchemaDialect dialect(Mode mode) {
                return scripted.dialect(mode);
            }

            @Override
            public ProviderCall open(ProviderRequest request, ProviderListener listener) {
                throw new NoClassDefFoundError("dev/instructor/Missing");
            }
        };
        Ends listener = new Ends();
        Instructor client =
                Instructor.builder().provider(broken).listener(listener).build();

        assertThatThrownBy(() -> client.responses().raw(ResponsesStreamTest.request(), Idea.class))
                .isInstanceOf(NoClassDefFoundError.class);
        assertThat(listener.told).containsExactly("request 1", "error NoClassDefFoundError");
    }

    @Test
    void raw_closedFromAnotherThread_tellsTheListenerOneThingAtATime() throws Exception {
        java.util.concurrent.CountDownLatch inEvent = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean overlapped = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> told = new CopyOnWriteArrayList<>();
        InstructorListener listener = new InstructorListener() {
            @Override
            public void onProviderEvent(ProviderEvent event, int attempt) {
                busy.set(true);
                inEvent.countDown();
                try {
                    release.await(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                busy.set(false);
            }

            @Override
            public void onError(Throwable error) {
                overlapped.compareAndSet(false, busy.get());
                told.add("error " + error.getClass().getSimpleName());
            }
        };
        Instructor client = Instructor.builder()
                .provider(new ScriptedProvider().slowAnswer(ResponsesStreamTest.GOOD, 1, 5))
                .listener(listener)
                .build();

        try (Stream<ProviderEvent> events = client.responses().raw(ResponsesStreamTest.request(), Idea.class)) {
            Thread closer = new Thread(() -> {
                try {
                    inEvent.await(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                events.close();
            });
            closer.start();
            Thread consumer = new Thread(() -> events.iterator().next());
            consumer.start();
            assertThat(inEvent.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while (closer.isAlive() && closer.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // until the close either ran or waits for the listener's call to end
            }
            release.countDown();
            closer.join(5_000);
            consumer.join(5_000);
        }

        assertThat(overlapped).as("onError while onProviderEvent ran").isFalse();
        assertThat(told).containsExactly("error CancellationException");
    }

    /** Records what it is told, by call. */
    static final class Tally implements InstructorListener {
        final List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onRequest(dev.instructor.spi.ProviderRequest request, int attempt) {
            told.add("request " + attempt);
        }

        @Override
        public void onComplete(Object value, Usage usage) {
            told.add("complete " + value + " " + usage.totalTokens());
        }
    }

    record Word(String text) {}

    @Test
    void aCallsOwnListener_isToldOfThatCallAlone_afterTheClients() {
        ScriptedProvider provider = new ScriptedProvider()
                .answer("{\"text\":\"one\"}", 100, 1, 2)
                .answer("{\"text\":\"two\"}", 100, 10, 20);
        Tally client = new Tally();
        Tally first = new Tally();
        Tally second = new Tally();
        Instructor instructor =
                Instructor.builder().provider(provider).listener(client).build();
        ChatRequest.Builder request = ChatRequest.builder().model("m").user("a word");
        InstructorListener throwing = new InstructorListener() {
            @Override
            public void onComplete(Object value, Usage usage) {
                throw new IllegalStateException("a listener's bug");
            }
        };

        Word one = instructor
                .responses()
                .create(
                        request.build().toBuilder()
                                .listener(first)
                                .listener(throwing)
                                .build(),
                        Word.class);
        Word two = instructor.responses().create(request.listener(second).build(), Word.class);

        assertThat(one).isEqualTo(new Word("one"));
        assertThat(two).isEqualTo(new Word("two"));
        assertThat(first.told).containsExactly("request 1", "complete Word[text=one] 3");
        assertThat(second.told).containsExactly("request 1", "complete Word[text=two] 30");
        assertThat(client.told)
                .containsExactly("request 1", "complete Word[text=one] 3", "request 1", "complete Word[text=two] 30");
    }

    record Person(String fullName) {}

    @Test
    void raw_ofAResponseModel_asksForThatModelsSchema() {
        ScriptedProvider provider = new ScriptedProvider().answer("{\"full_name\":\"x\"}", 100, 1, 2);
        Instructor client = Instructor.from(provider);
        ResponseModel<Person> snakeCase = ResponseModel.builder(Person.class)
                .mapper(tools.jackson.databind.json.JsonMapper.builder()
                        .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                        .build())
                .build();

        try (Stream<ProviderEvent> events = client.responses().raw(ResponsesStreamTest.request(), snakeCase)) {
            assertThat(events.toList()).contains(new ProviderEvent.TextDelta("{\"full_name\":\"x\"}"));
        }
        assertThat(provider.requests.get(0).schema().at("/properties").has("full_name"))
                .isTrue();
    }
}
