package dev.instructor.it;

import static dev.instructor.it.SeedModels.EXPECTED_IDEAS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.AsyncPartialStream;
import dev.instructor.Instructor;
import dev.instructor.PartialStream;
import dev.instructor.it.SeedModels.Idea;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leaving a stream early closes the connection at once: the server sees it closed within 100 ms of a sync close, a
 * {@code break} out of try-with-resources, or an async cancel.
 */
class CancellationTest {
    private static final Duration PROMPT = Duration.ofMillis(100);
    private static final ProviderSetup SETUP = ProviderSetup.OPENAI_CHAT_TOOLS;

    private FakeProviderServer server;
    private Instructor client;

    @BeforeEach
    void start() {
        server = FakeProviderServer.start();
        client = SETUP.client(server);
        // Warm the client up so class loading does not count against the close.
        server.enqueue(SETUP.response(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_0", 9));
        assertThat(client.responses().create(request(), SeedModels.IDEAS)).isEqualTo(EXPECTED_IDEAS);
        server.takeRequest();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The answer sent up to its middle, then held: the model is still "thinking" when the caller leaves. */
    private void enqueueStalled() {
        byte[] bytes = SETUP.wire.answer(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 9);
        server.enqueue(FakeResponse.sse(bytes).pieceSize(200).stallAfter(bytes.length / 2));
    }

    private static dev.instructor.ChatRequest request() {
        return SETUP.request("Generate 3 marketing ideas for a note-taking app").build();
    }

    @Test
    void close_closesTheConnectionAtOnce() {
        enqueueStalled();
        PartialStream<List<Idea>> stream = client.responses().stream(request(), SeedModels.IDEAS);
        assertThat(stream.iterator().next()).isNotNull();
        RecordedRequest recorded = server.takeRequest();

        Instant closing = Instant.now();
        stream.close();

        assertClosedWithin(recorded, closing);
        assertThatThrownBy(stream::getFinalResponse).isInstanceOf(CancellationException.class);
    }

    @Test
    void breakInsideTryWithResources_closesTheConnectionAtOnce() {
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

        assertClosedWithin(server.takeRequest(), closing);
    }

    @Test
    void asyncCancel_closesTheConnectionAtOnce() throws Exception {
        enqueueStalled();
        AsyncPartialStream<List<Idea>> stream = client.responses().streamAsync(request(), SeedModels.IDEAS);
        CountDownLatch firstPartial = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
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
            public void onError(Throwable throwable) {
                if (throwable instanceof CancellationException) {
                    failed.countDown();
                }
            }

            @Override
            public void onComplete() {}
        });
        assertThat(firstPartial.await(5, TimeUnit.SECONDS)).isTrue();
        RecordedRequest recorded = server.takeRequest();

        Instant closing = Instant.now();
        stream.cancel();

        assertClosedWithin(recorded, closing);
        assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.finalResponse()).isCompletedExceptionally();
    }

    @Test
    void asyncSubscriptionCancel_closesTheConnectionAtOnce() throws Exception {
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
        assertThat(firstPartial.await(5, TimeUnit.SECONDS)).isTrue();
        RecordedRequest recorded = server.takeRequest();

        Instant closing = Instant.now();
        held[0].cancel();

        assertClosedWithin(recorded, closing);
    }

    private static void assertClosedWithin(RecordedRequest recorded, Instant closing) {
        Instant closed = recorded.awaitClientClose(Duration.ofSeconds(2));
        assertThat(Duration.between(closing, closed)).isLessThan(PROMPT);
    }
}
