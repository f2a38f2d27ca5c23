package dev.instructor.it;

import static dev.instructor.it.SeedModels.EXPECTED_IDEAS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.AsyncPartialStream;
import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.it.SeedModels.Idea;
import dev.instructor.openai.OpenAi;
import dev.instructor.spi.ProviderTimeoutException;
import dev.instructor.spi.Timeouts;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A provider whose HTTP client was given an executor ({@code httpClient(http -> http.executor(...))}): every signal
 * to an {@link AsyncPartialStream}'s subscribers is made on it, and subscribers that block there hold up no other
 * stream, as they do on the few threads every stream shares by default.
 */
class CallbackExecutorTest {
    private static final ProviderSetup SETUP = ProviderSetup.OPENAI_CHAT_TOOLS;
    private static final byte[] ANSWER = SETUP.answer(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_1", 12)
            .toBytes();
    private static final String USER_THREADS = "user-stream-";

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final FakeProviderServer server = FakeProviderServer.start();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, USER_THREADS + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    @AfterEach
    void close() {
        server.close();
        executor.shutdownNow();
    }

    private Instructor client(Timeouts timeouts) {
        return Instructor.builder()
                .provider(OpenAi.builder()
                        .apiKey("sk-test")
                        .baseUrl(server.url("/v1").toString())
                        .timeouts(timeouts)
                        .httpClient(http -> http.executor(executor))
                        .build())
                .defaultMode(SETUP.mode)
                .build();
    }

    /** Requests everything and records the threads it is signalled on; blocks in its first onNext until released. */
    static final class ThreadRecorder<X> implements Flow.Subscriber<X> {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final CompletableFuture<Throwable> ended = new CompletableFuture<>();
        final CountDownLatch release;

        ThreadRecorder(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(X item) {
            threads.add(Thread.currentThread().getName());
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onError(Throwable failure) {
            threads.add(Thread.currentThread().getName());
            ended.complete(failure);
        }

        @Override
        public void onComplete() {
            threads.add(Thread.currentThread().getName());
            ended.complete(null);
        }
    }

    @Test
    void subscribers_signalledOnTheExecutor_throttledPartialsAndTimeoutsToo() throws Exception {
        CountDownLatch free = new CountDownLatch(0);
        // Paced slower than the partial interval: partials held back are shown by the throttle's flushes.
        server.enqueue(FakeResponse.sse(ANSWER).pieceSize(40).pacing(Duration.ofMillis(30)));
        Instructor client = client(Timeouts.DEFAULT.withIdle(Duration.ofMillis(300)));
        ChatRequest throttled =
                SETUP.request("ideas").partialInterval(Duration.ofMillis(50)).build();
        AsyncPartialStream<List<Idea>> stream = client.responses().streamAsync(throttled, SeedModels.IDEAS);
        ThreadRecorder<List<Idea>> partials = new ThreadRecorder<>(free);
        ThreadRecorder<Idea> elements = new ThreadRecorder<>(free);
        stream.subscribe(partials);
        stream.elements(Idea.class).subscribe(elements);
        assertThat(stream.finalResponse().get(10, TimeUnit.SECONDS)).isEqualTo(EXPECTED_IDEAS);
        assertThat(partials.ended.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(elements.ended.get(10, TimeUnit.SECONDS)).isNull();

        // The idle timeout is decided on the transport's timer thread.
        server.enqueue(FakeResponse.sse(ANSWER).stallAfter(ANSWER.length / 2));
        AsyncPartialStream<List<Idea>> stalled =
                client.responses().streamAsync(SETUP.request("ideas").build(), SeedModels.IDEAS);
        ThreadRecorder<List<Idea>> timedOut = new ThreadRecorder<>(free);
        stalled.subscribe(timedOut);
        assertThat(timedOut.ended.get(10, TimeUnit.SECONDS)).isInstanceOf(ProviderTimeoutException.class);

        for (ThreadRecorder<?> recorder : List.of(partials, elements, timedOut)) {
            assertThat(recorder.threads).isNotEmpty().allMatch(name -> name.startsWith(USER_THREADS));
        }
    }

    @Test
    void blockingSubscribers_onTheExecutor_holdUpNoOtherStream()
            throws InterruptedException, ExecutionException, TimeoutException {
        for (int i = 0; i < 6; i++) {
            server.enqueue(FakeResponse.sse(ANSWER));
        }
        Instructor client = client(Timeouts.DEFAULT);
        CountDownLatch release = new CountDownLatch(1);
        List<ThreadRecorder<List<Idea>>> blocked = new ArrayList<>();
        List<AsyncPartialStream<List<Idea>>> streams = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AsyncPartialStream<List<Idea>> stream =
                    client.responses().streamAsync(SETUP.request("ideas").build(), SeedModels.IDEAS);
            ThreadRecorder<List<Idea>> subscriber = new ThreadRecorder<>(release);
            stream.subscribe(subscriber);
            blocked.add(subscriber);
            streams.add(stream);
        }
        try {
            // More blocked subscribers than the four threads every stream shares by default.
            waitUntil(() -> blocked.stream().allMatch(subscriber -> !subscriber.threads.isEmpty()));
            AsyncPartialStream<List<Idea>> sixth =
                    client.responses().streamAsync(SETUP.request("ideas").build(), SeedModels.IDEAS);
            assertThat(sixth.finalResponse().get(10, TimeUnit.SECONDS)).isEqualTo(EXPECTED_IDEAS);
        } finally {
            release.countDown();
        }
        for (AsyncPartialStream<List<Idea>> stream : streams) {
            assertThat(stream.finalResponse().get(10, TimeUnit.SECONDS)).isEqualTo(EXPECTED_IDEAS);
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline)
                    .as("condition met within 10 s")
                    .isNegative();
            Thread.sleep(5);
        }
    }
}
