package dev.instructor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.spi.ConnectionException;
import dev.instructor.spi.IncompleteStreamException;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderException;
import dev.instructor.spi.ProviderHttpException;
import dev.instructor.spi.ProviderStream;
import dev.instructor.spi.ProviderTimeoutException;
import dev.instructor.spi.StreamErrorException;
import dev.instructor.spi.Timeouts;
import dev.instructor.spi.TruncatedException;
import java.io.IOException;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every provider shares: success, retries, failures, timeouts, cancellation and hygiene, run against
 * the {@link FakeProviderServer}. A provider's test extends this and overrides only the factories.
 */
public abstract class ProviderContractTest {
    /** The API key the factories configure; it must never show in messages. */
    protected static final String API_KEY = "sk-test-0123456789-secret";

    /** A finish reason newer than every decoder. */
    protected static final String UNKNOWN_REASON = "new_reason";

    protected final FakeProviderServer server = FakeProviderServer.start();

    @AfterEach
    void closeServer() {
        server.close();
    }

    /**
     * Returns the provider under test, talking to {@code baseUrl}, with tiny retry backoff, passing {@code httpClient}
     * to its builder's {@code httpClient(...)}.
     */
    protected abstract LlmProvider provider(
            URI baseUrl, int maxRetries, Timeouts timeouts, Consumer<HttpClient.Builder> httpClient);

    /** Returns the provider under test, its HTTP client as the builder makes it by default. */
    protected LlmProvider provider(URI baseUrl, int maxRetries, Timeouts timeouts) {
        return provider(baseUrl, maxRetries, timeouts, http -> {});
    }

    /** Returns the base URL path the provider is configured with (e.g. {@code /v1}). */
    protected String basePath() {
        return "/v1";
    }

    /** Returns the path every request must go to. */
    protected abstract String expectedPath();

    /** Returns the name of the header carrying {@link #API_KEY}, or {@code null} if none is sent. */
    protected abstract String apiKeyHeader();

    /** Returns a request in the provider's default mode. */
    protected abstract dev.instructor.spi.ProviderRequest request();

    /** Returns a successful stream body. */
    protected abstract String successStream();

    /** Returns the structured text of {@link #successStream()}. */
    protected abstract String expectedText();

    /** Returns the finish reason of {@link #successStream()}. */
    protected abstract String expectedFinish();

    /**
     * Returns {@link #successStream()} with an event of a type newer than the decoder before its end, and
     * {@link #UNKNOWN_REASON} as its finish reason (the status, where the provider names no reason).
     */
    protected abstract String streamWithUnknownReason();

    /** Returns {@link #successStream()} without its end marker. */
    protected abstract String streamWithoutEnd();

    /** Returns a stream that reports a token-limit stop after some text. */
    protected abstract String truncatedStream();

    /** Returns a stream with a mid-stream error event of type {@code overloaded_error} after the text {@code "{"}. */
    protected abstract String errorEventStream();

    /** Returns the error type {@link #errorEventStream()} reports. */
    protected String expectedErrorType() {
        return "overloaded_error";
    }

    /** Returns the provider's HTTP error body. */
    protected abstract String errorBody(String type, String message);

    /** Wraps a stream body in a response of the provider's framing. */
    protected FakeResponse streamResponse(String body) {
        return FakeResponse.sse(body);
    }

    protected LlmProvider provider() {
        return provider(server.url(basePath()), 2, Timeouts.DEFAULT);
    }

    protected RecordingListener run(LlmProvider provider) {
        RecordingListener listener = new RecordingListener();
        provider.open(request(), listener);
        return listener;
    }

    @Test
    void success_textFinishAndUsage_wholeAndSplit() {
        LlmProvider provider = provider();
        for (long seed = 0; seed < 4; seed++) {
            FakeResponse response = streamResponse(successStream());
            server.enqueue(seed == 0 ? response : response.randomSplits(seed, 7));
            RecordingListener listener = run(provider);
            List<ProviderEvent> events = listener.awaitSuccess();
            assertThat(listener.text()).isEqualTo(expectedText());
            assertThat(events.get(events.size() - 1)).isEqualTo(new ProviderEvent.Finish(expectedFinish()));
            assertThat(events).anyMatch(e -> e instanceof ProviderEvent.Usage);
        }
    }

    @Test
    void unknownEventAndReason_completeWithTheTextAndTheReasonVerbatim() {
        // Providers add event types and finish reasons without notice: what arrived is the answer, for the client's
        // final validation to judge, and the reason goes on as sent.
        server.enqueue(streamResponse(streamWithUnknownReason()));
        RecordingListener listener = run(provider());
        List<ProviderEvent> events = listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo(expectedText());
        assertThat(events.get(events.size() - 1)).isEqualTo(new ProviderEvent.Finish(UNKNOWN_REASON));
    }

    @Test
    void request_pathAndCredentials() {
        server.enqueue(streamResponse(successStream()));
        run(provider()).awaitSuccess();
        RecordedRequest request = server.takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.target()).isEqualTo(expectedPath());
        if (apiKeyHeader() != null) {
            assertThat(request.header(apiKeyHeader())).contains(API_KEY);
        }
    }

    @Test
    void stream_blockingView() {
        server.enqueue(streamResponse(successStream()));
        StringBuilder text = new StringBuilder();
        try (ProviderStream stream = provider().stream(request())) {
            stream.forEachRemaining(event -> {
                if (event instanceof ProviderEvent.TextDelta delta) {
                    text.append(delta.text());
                }
            });
        }
        assertThat(text.toString()).isEqualTo(expectedText());
    }

    @Test
    void http429_retryAfterMs_retriedThenSucceeds() {
        server.enqueue(FakeResponse.status(429).header("retry-after-ms", "50").body(errorBody("rate_limit", "slow")));
        server.enqueue(streamResponse(successStream()));
        RecordingListener listener = run(provider());
        listener.awaitSuccess();
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void http429_retryAfterSeconds_retriedThenSucceeds() {
        // Above zero: a zero asks for no delay of its own and gets the backoff.
        server.enqueue(FakeResponse.status(429).header("retry-after", "0.1").body(errorBody("rate_limit", "slow")));
        server.enqueue(streamResponse(successStream()));
        run(provider()).awaitSuccess();
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void http529_overloaded_retriedThenSucceeds() {
        server.enqueue(FakeResponse.status(529).body(errorBody("overloaded_error", "Overloaded")));
        server.enqueue(streamResponse(successStream()));
        run(provider()).awaitSuccess();
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void http500_retriesExhausted_typedFailureWithProviderMessage() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(FakeResponse.status(500).body(errorBody("server_error", "boom")));
        }
        ProviderHttpException failure = run(provider()).awaitFailure(ProviderHttpException.class);
        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.providerMessage()).isEqualTo("boom");
        assertThat(failure.attempts()).isEqualTo(3);
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404})
    void clientErrors_neverRetried(int status) {
        server.enqueue(FakeResponse.status(status).body(errorBody("invalid_request_error", "no")));
        server.enqueue(streamResponse(successStream()));
        ProviderHttpException failure = run(provider()).awaitFailure(ProviderHttpException.class);
        assertThat(failure.status()).isEqualTo(status);
        assertThat(failure.providerMessage()).isEqualTo("no");
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(failure.getMessage()).doesNotContain(API_KEY);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void resetAfterBytes_connectionFailureWithPartialText() {
        String body = successStream();
        server.enqueue(streamResponse(body).resetAfter(body.getBytes(StandardCharsets.UTF_8).length / 2));
        ConnectionException failure = run(provider()).awaitFailure(ConnectionException.class);
        assertThat(expectedText()).startsWith(failure.partialText());
        assertThat(failure.attempts()).isEqualTo(1);
    }

    @Test
    void resetAfterHeadersBeforeFirstEvent_notRetried() {
        // A 2xx status means the provider accepted the request and may bill for it: resubmitting could pay twice.
        server.enqueue(streamResponse(successStream()).resetAfter(0));
        server.enqueue(streamResponse(successStream()));
        ConnectionException failure = run(provider()).awaitFailure(ConnectionException.class);
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void stall_idleTimeout_closesConnection() {
        String body = successStream();
        server.enqueue(streamResponse(body).stallAfter(body.getBytes(StandardCharsets.UTF_8).length / 2));
        LlmProvider provider = provider(server.url(basePath()), 2, Timeouts.DEFAULT.withIdle(Duration.ofMillis(200)));
        ProviderTimeoutException failure = run(provider).awaitFailure(ProviderTimeoutException.class);
        assertThat(failure.kind()).isEqualTo(ProviderTimeoutException.Kind.IDLE);
        assertThat(expectedText()).startsWith(failure.partialText());
        server.takeRequest().awaitClientClose(Duration.ofSeconds(2));
    }

    @Test
    void errorEvent_streamErrorWithPartialText_closesConnection() {
        String body = errorEventStream();
        server.enqueue(streamResponse(body).stallAfter(body.getBytes(StandardCharsets.UTF_8).length));
        StreamErrorException failure = run(provider()).awaitFailure(StreamErrorException.class);
        assertThat(failure.errorType()).isEqualTo(expectedErrorType());
        assertThat(failure.partialText()).isEqualTo("{");
        assertThat(failure.attempts()).isEqualTo(1);
        server.takeRequest().awaitClientClose(Duration.ofSeconds(2));
    }

    @Test
    void endWithoutMarker_incomplete() {
        server.enqueue(streamResponse(streamWithoutEnd()));
        IncompleteStreamException failure = run(provider()).awaitFailure(IncompleteStreamException.class);
        assertThat(failure.partialText()).isEqualTo(expectedText());
    }

    @Test
    void truncated_typedFailureWithPartialText() {
        server.enqueue(streamResponse(truncatedStream()));
        TruncatedException failure = run(provider()).awaitFailure(TruncatedException.class);
        assertThat(failure.partialText()).isNotEmpty();
    }

    @Test
    void cancel_serverSeesCloseWithin100ms_noFurtherCallbacks() throws InterruptedException {
        // Best of three: on a loaded machine scheduling alone can pass 100 ms, while a close that waited for a
        // timeout or the end of the body would take seconds every time.
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            delays.add(cancelAndMeasureClose());
            if (delays.get(attempt).compareTo(Duration.ofMillis(100)) < 0) {
                return;
            }
        }
        throw new AssertionError("server saw the close only after " + delays);
    }

    private Duration cancelAndMeasureClose() throws InterruptedException {
        String body = successStream();
        server.enqueue(streamResponse(body).stallAfter(body.getBytes(StandardCharsets.UTF_8).length / 2));
        RecordingListener listener = new RecordingListener();
        ProviderCall call = provider().open(request(), listener);
        RecordedRequest request = server.takeRequest();
        Thread.sleep(100);
        Instant cancelled = Instant.now();
        call.cancel();
        Instant closed = request.awaitClientClose(Duration.ofSeconds(2));
        Thread.sleep(50);
        assertThat(listener.ended()).isFalse();
        assertThat(listener.violation()).isNull();
        return Duration.between(cancelled, closed);
    }

    @Test
    void failures_leaveNoThreadOrConnectionBehind() throws InterruptedException {
        LlmProvider provider = provider(server.url(basePath()), 0, Timeouts.DEFAULT.withIdle(Duration.ofMillis(200)));
        server.enqueue(streamResponse(successStream()));
        run(provider).awaitSuccess();
        int baseline = clientThreads();
        String body = successStream();
        int half = body.getBytes(StandardCharsets.UTF_8).length / 2;
        server.enqueue(streamResponse(body).resetAfter(half));
        server.enqueue(streamResponse(body).stallAfter(half));
        server.enqueue(
                streamResponse(errorEventStream()).stallAfter(errorEventStream().length()));
        List<RecordingListener> listeners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            listeners.add(run(provider));
            listeners.get(i).await(Duration.ofSeconds(5));
        }
        server.takeRequest();
        server.takeRequest();
        server.takeRequest().awaitClientClose(Duration.ofSeconds(2));
        server.takeRequest().awaitClientClose(Duration.ofSeconds(2));
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while ((clientThreads() > baseline || server.openConnections() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(clientThreads()).isLessThanOrEqualTo(baseline);
        assertThat(server.openConnections()).isZero();
    }

    @Test
    void httpClient_proxyAndAuthenticator_requestRelayedThroughTheProxy() throws IOException {
        try (LoopbackProxy proxy = LoopbackProxy.requiring("alice", "s3cret")) {
            server.enqueue(streamResponse(successStream()));
            LlmProvider provider = provider(
                    server.url(basePath()), 0, Timeouts.DEFAULT, http -> http.proxy(ProxySelector.of(proxy.address()))
                            .authenticator(new Authenticator() {
                                @Override
                                protected PasswordAuthentication getPasswordAuthentication() {
                                    return new PasswordAuthentication("alice", "s3cret".toCharArray());
                                }
                            }));
            RecordingListener listener = run(provider);
            listener.awaitSuccess();
            assertThat(listener.text()).isEqualTo(expectedText());
            assertThat(proxy.challenges())
                    .as("407 answers before the credentials")
                    .isEqualTo(1);
            assertThat(proxy.relayed()).containsExactly("POST " + server.url(expectedPath()) + " HTTP/1.1");
            assertThat(server.takeRequest().target()).isEqualTo(expectedPath());
        }
    }

    @Test
    void httpClient_executor_everyCallbackMadeOnIt() throws InterruptedException {
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "contract-callbacks-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            String body = successStream();
            server.enqueue(streamResponse(body));
            server.enqueue(streamResponse(body).stallAfter(body.getBytes(StandardCharsets.UTF_8).length / 2));
            LlmProvider provider = provider(
                    server.url(basePath()),
                    0,
                    Timeouts.DEFAULT.withIdle(Duration.ofMillis(200)),
                    http -> http.executor(executor));
            assertThat(provider.callbackExecutor()).contains(executor);
            RecordingListener success = run(provider);
            success.awaitSuccess();
            RecordingListener idle = run(provider); // its failure decided by the timer thread
            idle.awaitFailure(ProviderTimeoutException.class);
            assertThat(success.threads()).isNotEmpty().allMatch(name -> name.startsWith("contract-callbacks-"));
            assertThat(idle.threads()).isNotEmpty().allMatch(name -> name.startsWith("contract-callbacks-"));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void apiKey_neverInToStringOrFailures() {
        server.enqueue(FakeResponse.status(401).body(errorBody("authentication_error", "bad key")));
        LlmProvider provider = provider();
        ProviderException failure = run(provider).awaitFailure(ProviderHttpException.class);
        assertThat(provider.toString()).doesNotContain(API_KEY);
        assertThat(failure.toString()).doesNotContain(API_KEY);
    }

    @Test
    void unsupportedMode_rejected() {
        LlmProvider provider = provider();
        for (dev.instructor.spi.Mode mode : dev.instructor.spi.Mode.values()) {
            if (!provider.modes().contains(mode)) {
                assertThatThrownBy(() -> provider.dialect(mode)).isInstanceOf(IllegalArgumentException.class);
            }
        }
        assertThat(provider.modes()).contains(provider.defaultMode());
    }

    /** Live threads, leaving out the fake server's and the transport's fixed-size callback pool. */
    private static int clientThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> !name.startsWith(FakeProviderServer.THREAD_PREFIX))
                .filter(name -> !name.startsWith("instructor-http-"))
                .count();
    }
}
