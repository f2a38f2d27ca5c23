package dev.instructor.it;

import static dev.instructor.it.SeedModels.EXPECTED_IDEAS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.AsyncPartialStream;
import dev.instructor.Instructor;
import dev.instructor.PartialStream;
import dev.instructor.it.SeedModels.Idea;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Leaving a stream early closes the connection at once: the server sees it closed within 100 ms of a sync close, a
 * {@code break} out of try-with-resources, or an async cancel.
 */
class CancellationTest {
    private static final Duration PROMPT = Duration.ofMillis(100);
    private static final ProviderSetup SETUP = ProviderSetup.OPENAI_CHAT_TOOLS;

    @RegisterExtension
    final ProviderServer server = ProviderServer.of(SETUP);

    private Instructor client;

    @BeforeEach
    void warmUp() {
        client = server.client();
        // Warm the client up so class loading does not count against the close.
        server.enqueue(SETUP.response(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_0", 9));
        assertThat(client.responses().create(request(), SeedModels.IDEAS)).isEqualTo(EXPECTED_IDEAS);
        server.takeRequest();
    }

    /** The answer sent up to its middle, then held: the model is still "thinking" when the caller leaves. */
    private void enqueueStalled() {
        byte[] bytes = SETUP.answer(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 9)
                .toBytes();
        server.enqueue(FakeResponse.sse(bytes).pieceSize(200).stallAfter(bytes.length / 2));
    }

    private static dev.instructor.ChatRequest request() {
        return SETUP.request("Generate 3 marketing ideas for a note-taking app").build();
    }

    @Test
    void close_closesTheConnectionAtOnce() {
        assertPromptBestOfThree(this::closeOnce);
    }

    private Duration closeOnce() {
        enqueueStalled();
        PartialStream<List<Idea>> stream = client.responses().stream(request(), SeedModels.IDEAS);
        assertThat(stream.iterator().next()).isNotNull();
        RecordedRequest recorded = server.takeRequest();

        Instant closing = Instant.now();
        stream.close();

        Duration took = closedAfter(recorded, closing);
        assertThatThrownBy(stream::getFinalResponse).isInstanceOf(CancellationException.class);
        return took;
    }

    @Test
    void breakInsideTryWithResources_closesTheConnectionAtOnce() {
        assertPromptBestOfThree(this::breakOnce);
    }

    private Duration breakOnce() {
        enqueueStalled();
        Instant closing;
        try (PartialStream<List<Idea>> stream = client.responses().stream(request(), SeedModels.IDEAS)) {
            for (List<Idea> partial : stream) {
                if (!partial.isEmpty() && partial.get(0).blurb() != null) {
                    break;
                }
            }
            closing = Instant.now();
        }

        return closedAfter(server.takeRequest(), closing);
    }

    @Test
    void asyncCancel_closesTheConnectionAtOnce() {
        assertPromptBestOfThree(this::asyncCancelOnce);
    }

    private Duration asyncCancelOnce() {
        enqueueStalled();
        AsyncPartialStream<List<Idea>> stream = client.responses().streamAsync(request(), SeedModels.IDEAS);
        CountDownLatch firstPartial = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        subscribe(stream, firstPartial::countDown, failed);
        await(firstPartial);
        RecordedRequest recorded = server.takeRequest();

        Instant closing = Instant.now();
        stream.cancel();

        Duration took = closedAfter(recorded, closing);
        await(failed);
        assertThat(stream.finalResponse()).isCompletedExceptionally();
        return took;
    }

    /**
     * A subscriber that blocks in {@code onNext} (a write to a slow client) holds up neither a {@code cancel()} from
     * another thread nor the close of the connection; it hears of the cancel once it returns.
     */
    @Test
    void asyncCancel_whileASubscriberBlocksInOnNext_returnsAndClosesTheConnectionAtOnce() {
        assertPromptBestOfThree(this::cancelPastABlockedSubscriberOnce);
    }

    private Duration cancelPastABlockedSubscriberOnce() {
        enqueueStalled();
        AsyncPartialStream<List<Idea>> stream = client.responses().streamAsync(request(), SeedModels.IDEAS);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        subscribe(
                stream,
                () -> {
                    blocked.countDown();
                    await(release);
                },
                failed);
        await(blocked);
        RecordedRequest recorded = server.takeRequest();
        try {
            Instant closing = Instant.now();
            CompletableFuture<Void> cancelled = CompletableFuture.runAsync(stream::cancel);
            Duration took = closedAfter(recorded, closing);
            assertThat(cancelled).succeedsWithin(Duration.ofSeconds(2));
            return took;
        } finally {
            release.countDown();
            await(failed);
        }
    }

    /** Subscribes for every partial, running {@code onNext} for each; counts {@code cancelled} down at the cancel. */
    private static void subscribe(AsyncPartialStream<List<Idea>> stream, Runnable onNext, CountDownLatch cancelled) {
        stream.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<Idea> item) {
                onNext.run();
            }

            @Override
            public void onError(Throwable throwable) {
                if (throwable instanceof CancellationException) {
                    cancelled.countDown();
                }
            }

            @Override
            public void onComplete() {}
        });
    }

    @Test
    void asyncSubscriptionCancel_closesTheConnectionAtOnce() {
        assertPromptBestOfThree(this::subscriptionCancelOnce);
    }

    private Duration subscriptionCancelOnce() {
        enqueueStalled();
        AsyncPartialStream<List<Idea>> stream = client.responses().streamAsync(request(), SeedModels.IDEAS);
        CountDownLatch firstPartial = new CountDownLatch(1);
        Flow.Subscription[] held = new Flow.Subscription[1];
        stream.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                held[0] = subscription;
                subscription.request(1);
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
        await(firstPartial);
        RecordedRequest recorded = server.takeRequest();

        Instant closing = Instant.now();
        held[0].cancel();

        return closedAfter(recorded, closing);
    }

    @Test
    void finalResponseCancel_closesTheConnectionAtOnce() {
        assertPromptBestOfThree(() -> futureFailedOnce(future -> future.cancel(true)));
    }

    @Test
    void finalResponseTimeout_closesTheConnection() {
        enqueueStalled();
        AsyncPartialStream<List<Idea>> stream = client.responses().streamAsync(request(), SeedModels.IDEAS);
        RecordedRequest recorded = server.takeRequest();
        Instant closing = Instant.now();

        CompletableFuture<List<Idea>> timed = stream.finalResponse().orTimeout(200, TimeUnit.MILLISECONDS);

        Instant closed = recorded.awaitClientClose(Duration.ofSeconds(2));
        assertThat(Duration.between(closing, closed)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThatThrownBy(timed::join).hasCauseInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> stream.finalResponse().join()).isInstanceOf(CancellationException.class);
    }

    @Test
    void finalResponseCompletedByTheCaller_leavesTheStreamAndOtherFuturesAlone() {
        // Paced, so that the answer cannot have ended before the caller completes its future.
        server.enqueue(SETUP.response(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 9)
                .eventPacing(Duration.ofMillis(20)));
        AsyncPartialStream<List<Idea>> stream = client.responses().streamAsync(request(), SeedModels.IDEAS);

        assertThat(stream.finalResponse().complete(List.of())).isTrue();

        assertThat(stream.finalResponse().join()).isEqualTo(EXPECTED_IDEAS);
        assertThat(stream.finalResponse()).isCompletedWithValue(EXPECTED_IDEAS);
    }

    private Duration futureFailedOnce(Consumer<CompletableFuture<List<Idea>>> giveUp) {
        enqueueStalled();
        AsyncPartialStream<List<Idea>> stream = client.responses().streamAsync(request(), SeedModels.IDEAS);
        RecordedRequest recorded = server.takeRequest();

        Instant closing = Instant.now();
        giveUp.accept(stream.finalResponse());

        Duration took = closedAfter(recorded, closing);
        assertThatThrownBy(() -> stream.finalResponse().join()).isInstanceOf(CancellationException.class);
        return took;
    }

    /**
     * Runs a scenario up to three times and checks the quickest close: a busy shared machine can delay the server's
     * thread that notices the close, but not every time.
     */
    private static void assertPromptBestOfThree(java.util.function.Supplier<Duration> scenario) {
        Duration best = null;
        for (int run = 0; run < 3 && (best == null || best.compareTo(PROMPT) >= 0); run++) {
            Duration took = scenario.get();
            best = best == null || took.compareTo(best) < 0 ? took : best;
        }
        assertThat(best).isLessThan(PROMPT);
    }

    private static Duration closedAfter(RecordedRequest recorded, Instant closing) {
        Instant closed = recorded.awaitClientClose(Duration.ofSeconds(2));
        return Duration.between(closing, closed);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
