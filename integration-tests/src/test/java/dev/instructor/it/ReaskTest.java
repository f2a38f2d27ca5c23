package dev.instructor.it;

import static dev.instructor.it.SeedModels.EXPECTED_IDEAS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.AsyncPartialStream;
import dev.instructor.Instructor;
import dev.instructor.PartialStream;
import dev.instructor.PartialUpdate;
import dev.instructor.it.SeedModels.Idea;
import dev.instructor.testing.ClientClose;
import dev.instructor.testing.RecordedRequest;
import dev.instructor.testing.ScriptedAnswer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Re-asks in streaming, with every provider and mode: an answer rejected at its end, and one rejected mid-stream by
 * fail-fast. The server receives the re-ask with the violation, and the caller sees attempt 2's partials and a
 * valid final value in the same iteration.
 */
class ReaskTest {
    private static final String VIOLATION = "size must be between 0 and 140";
    private static final List<Idea> TOO_LONG = SeedModels.TOO_LONG_IDEAS;

    @RegisterExtension
    final ProviderServer server = ProviderServer.anySetup();

    @ParameterizedTest
    @EnumSource(ProviderSetup.class)
    void rejectedAtTheEnd_reasksAndStreamsTheSecondAttempt(ProviderSetup setup) {
        server.enqueue(setup.response(SeedModels.answer(TOO_LONG), "ListOfIdea", "call_bad", 9));
        server.enqueue(setup.response(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_good", 9));
        Instructor client = server.client(setup);

        List<PartialUpdate<List<Idea>>> updates = run(client, setup, false);

        assertSecondAttemptWon(updates);
        server.takeRequest();
        assertReask(setup, server.takeRequest(), "call_bad");
    }

    @ParameterizedTest
    @EnumSource(ProviderSetup.class)
    void rejectedMidStream_abortsTheCallAndReasksAtOnce(ProviderSetup setup) {
        ScriptedAnswer bad = setup.answer(SeedModels.answer(TOO_LONG), "ListOfIdea", "call_bad", 5);
        server.enqueue(bad.toResponse().eventPacing(Duration.ofMillis(5)));
        server.enqueue(setup.response(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_good", 9));
        Instructor client = server.client(setup);

        List<PartialUpdate<List<Idea>>> updates = run(client, setup, true);

        assertSecondAttemptWon(updates);
        assertLetGoEarly(server.takeRequest(), bad);
        assertReask(setup, server.takeRequest(), "call_bad");
    }

    @ParameterizedTest
    @EnumSource(ProviderSetup.class)
    void async_rejectedMidStream_reasksAndPublishesTheSecondAttempt(ProviderSetup setup) throws Exception {
        ScriptedAnswer bad = setup.answer(SeedModels.answer(TOO_LONG), "ListOfIdea", "call_bad", 5);
        server.enqueue(bad.toResponse().eventPacing(Duration.ofMillis(5)));
        // Paced too: the publisher conflates partials that arrive in one burst, so an answer written at once
        // could legitimately reach the subscriber as its final value alone.
        server.enqueue(setup.response(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_good", 9)
                .pieceSize(32)
                .pacing(Duration.ofMillis(2)));
        Instructor client = server.client(setup);
        List<PartialUpdate<List<Idea>>> updates = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

        AsyncPartialStream<List<Idea>> stream = client.responses()
                .streamAsync(
                        setup.request("Generate 3 marketing ideas for a note-taking app")
                                .build(),
                        SeedModels.IDEAS);
        stream.updates().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(PartialUpdate<List<Idea>> item) {
                updates.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });

        assertThat(stream.finalResponse().get(10, TimeUnit.SECONDS)).isEqualTo(EXPECTED_IDEAS);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertSecondAttemptWon(updates);
        assertLetGoEarly(server.takeRequest(), bad);
        assertReask(setup, server.takeRequest(), "call_bad");
    }

    private static List<PartialUpdate<List<Idea>>> run(Instructor client, ProviderSetup setup, boolean failFast) {
        List<PartialUpdate<List<Idea>>> updates = new ArrayList<>();
        try (PartialStream<List<Idea>> stream = client.responses().stream(
                setup.request("Generate 3 marketing ideas for a note-taking app")
                        .failFast(failFast)
                        .build(),
                SeedModels.IDEAS)) {
            stream.updates().forEach(updates::add);
            assertThat(stream.getFinalResponse()).isEqualTo(EXPECTED_IDEAS);
            assertThat(stream.usagePerAttempt()).hasSize(2);
        }
        return updates;
    }

    private static void assertSecondAttemptWon(List<PartialUpdate<List<Idea>>> updates) {
        assertThat(updates).extracting(PartialUpdate::attempt).isSorted().contains(1, 2);
        List<List<Idea>> second = updates.stream()
                .filter(u -> u.attempt() == 2 && !u.isFinal())
                .map(PartialUpdate::value)
                .toList();
        assertThat(second.size()).isGreaterThan(3);
        Growth.assertGrowsToward(second, EXPECTED_IDEAS);
        assertThat(updates).last().satisfies(last -> {
            assertThat(last.isFinal()).isTrue();
            assertThat(last.attempt()).isEqualTo(2);
            assertThat(last.value()).isEqualTo(EXPECTED_IDEAS);
        });
    }

    /**
     * The blurb breaks {@code @Size(max = 140)} about a fifth into the answer: the client closes the first attempt's
     * connection long before the server has written half of its events.
     */
    private static void assertLetGoEarly(RecordedRequest first, ScriptedAnswer bad) {
        ClientClose close = first.awaitClose(Duration.ofSeconds(5));
        int events = bad.deltas().size();
        assertThat(close.piecesWritten()).as("events written of %d", events).isBetween(1, events / 2);
        assertThat(close.bytesWritten()).isLessThan(bad.toBytes().length / 2);
    }

    /** The re-ask carries the violation in the form the mode needs. */
    private static void assertReask(ProviderSetup setup, RecordedRequest reask, String toolCallId) {
        String body = reask.bodyText();
        assertThat(body).contains("/items/0/blurb").contains(VIOLATION).contains("Note Ninja");
        switch (setup) {
            case OPENAI_CHAT_TOOLS ->
                assertThat(body).contains("\"role\":\"tool\"").contains(toolCallId);
            case OPENAI_RESPONSES_TOOLS ->
                assertThat(body).contains("function_call_output").contains(toolCallId);
            case ANTHROPIC_TOOLS ->
                assertThat(body)
                        .contains("tool_result")
                        .contains("\"is_error\":true")
                        .contains(toolCallId);
            default -> assertThat(body).doesNotContain(toolCallId);
        }
    }
}
