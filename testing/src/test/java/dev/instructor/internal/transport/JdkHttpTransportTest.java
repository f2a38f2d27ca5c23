package dev.instructor.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.spi.ConnectionException;
import dev.instructor.spi.IncompleteStreamException;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.MalformedStreamException;
import dev.instructor.spi.Message;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderException;
import dev.instructor.spi.ProviderHttpException;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.ProviderStream;
import dev.instructor.spi.ProviderTimeoutException;
import dev.instructor.spi.StreamErrorException;
import dev.instructor.spi.Timeouts;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.RecordedRequest;
import dev.instructor.testing.RecordingListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JdkHttpTransportTest {
    private static final String STREAM = "data: {\"t\":\"ab\"}\n\ndata: {\"t\":\"cd\"}\n\nevent: done\ndata: {}\n\n";
    private static final RetryPolicy FAST_RETRY = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50));

    private final FakeProviderServer server = FakeProviderServer.start();
    private JdkHttpTransport transport = new JdkHttpTransport("test", Timeouts.DEFAULT, FAST_RETRY);

    @AfterEach
    void closeServer() {
        server.close();
    }

    /** Text from {@code {"t":...}} events; {@code done} completes; {@code error} fails. */
    static class TestDecoder implements StreamDecoder {
        @Override
        public void onEvent(SseEvent event, EventSink sink) {
            switch (event.event()) {
                case "done" -> sink.complete("done");
                case "error" -> sink.streamError(ProviderError.fromJson(Json.parse(event.data())));
                default -> sink.text(Json.string(Json.parse(event.data()), "t"));
            }
        }
    }

    /** Opens a call and returns the HTTP failure it ends with. */
    private ProviderHttpException httpFailure() {
        RecordingListener listener = new RecordingListener();
        open(listener);
        return listener.awaitFailure(ProviderHttpException.class);
    }

    /**
     * Opens a call and asserts it fails with {@code status} and the provider's error type and message after
     * {@code attempts} requests.
     */
    private void assertFailsWith(int status, String errorType, String message, int attempts) {
        ProviderHttpException failure = httpFailure();
        assertThat(failure.status()).isEqualTo(status);
        assertThat(failure.errorType()).isEqualTo(errorType);
        assertThat(failure.providerMessage()).isEqualTo(message);
        assertThat(failure.attempts()).isEqualTo(attempts);
        assertThat(server.requestCount()).isEqualTo(attempts);
    }

    private ProviderCall open(ProviderListener listener) {
        return open(listener, null);
    }

    private ProviderCall open(ProviderListener listener, Timeouts timeouts) {
        OutgoingRequest request =
                new OutgoingRequest(server.url("/stream"), Map.of("Authorization", "Bearer sk-secret"), Json.object());
        return transport.open(request, JdkHttpTransport.Framing.SSE, TestDecoder::new, listener, timeouts);
    }

    /** A decoder that fails to tell an acknowledgement from the answer costs the call nothing: the event counts. */
    @Test
    void decoderThrowingWhenAskedForAnAcknowledgement_eventCountsAsTheAnswersFirst() {
        server.enqueue(FakeResponse.sse(STREAM).pieceSize(3));
        RecordingListener listener = new RecordingListener();
        OutgoingRequest request = new OutgoingRequest(server.url("/stream"), Map.of(), Json.object());
        transport.open(
                request,
                JdkHttpTransport.Framing.SSE,
                () -> new TestDecoder() {
                    @Override
                    public boolean acknowledgesOnly(SseEvent event) {
                        throw new IllegalStateException("a decoder's bug");
                    }
                },
                listener,
                null);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("abcd");
    }

    @Test
    void stream_deliversTextAndCompletes() {
        server.enqueue(FakeResponse.sse(STREAM).pieceSize(3));
        RecordingListener listener = new RecordingListener();
        open(listener);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("abcd");
        RecordedRequest request = server.takeRequest();
        assertThat(request.header("accept")).isEqualTo("text/event-stream");
        assertThat(request.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void http429_retryAfterMs_honouredThenSucceeds() {
        server.enqueue(
                FakeResponse.status(429).header("retry-after-ms", "300").body("{\"error\":{\"message\":\"slow\"}}"));
        server.enqueue(FakeResponse.sse(STREAM));
        RecordingListener listener = new RecordingListener();
        open(listener);
        listener.awaitSuccess();
        Instant first = server.takeRequest().receivedAt();
        Instant second = server.takeRequest().receivedAt();
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
    }

    @Test
    void http429_retryAfterSeconds_honoured() {
        server.enqueue(FakeResponse.status(429).header("retry-after", "1").body("{}"));
        server.enqueue(FakeResponse.sse(STREAM));
        RecordingListener listener = new RecordingListener();
        open(listener);
        listener.awaitSuccess();
        Instant first = server.takeRequest().receivedAt();
        Instant second = server.takeRequest().receivedAt();
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void http429_retryAfterHttpDate_honoured() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().plusSeconds(2).atZone(ZoneOffset.UTC));
        server.enqueue(FakeResponse.status(429).header("retry-after", date).body("{}"));
        server.enqueue(FakeResponse.sse(STREAM));
        RecordingListener listener = new RecordingListener();
        open(listener);
        listener.awaitSuccess();
        Instant first = server.takeRequest().receivedAt();
        Instant second = server.takeRequest().receivedAt();
        // The date has second resolution: at least one second remains of the two.
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    /**
     * A delay of zero, or a date already past, asks for nothing the backoff would not give: as OpenAI's and
     * Anthropic's SDKs do, only 0 < delay <= a minute is honoured, so a server that says "now" is not hammered.
     */
    @Test
    void http429_retryAfterZeroOrPastDate_backsOffAsWithoutOne() {
        transport = new JdkHttpTransport(
                "test", Timeouts.DEFAULT, new RetryPolicy(2, Duration.ofMillis(400), Duration.ofMillis(400)));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().minusSeconds(30).atZone(ZoneOffset.UTC));
        server.enqueue(FakeResponse.status(429).header("retry-after", "0").body("{}"));
        server.enqueue(FakeResponse.status(429).header("retry-after", past).body("{}"));
        server.enqueue(FakeResponse.sse(STREAM));
        RecordingListener listener = new RecordingListener();
        open(listener);
        listener.awaitSuccess();
        Instant first = server.takeRequest().receivedAt();
        Instant second = server.takeRequest().receivedAt();
        Instant third = server.takeRequest().receivedAt();
        // The backoff is 400 ms less up to 25% jitter.
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
        assertThat(Duration.between(second, third)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
    }

    /**
     * A server that asks for minutes is not retried after the short backoff (sure to be refused again) nor waited for
     * inside the call: the call fails at once, retryable, with the server's delay for the caller to schedule by.
     */
    @Test
    void http429_retryAfterOverTheMaximum_failsAtOnceWithTheDelay() {
        server.enqueue(
                FakeResponse.status(429).header("retry-after", "300").body("{\"error\":{\"message\":\"slow\"}}"));
        server.enqueue(FakeResponse.sse(STREAM));
        ProviderHttpException failure = httpFailure();
        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofMinutes(5));
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(failure.getMessage()).contains("300");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    /** The maximum is the policy's: a server's delay up to it is waited for, a longer one fails the call. */
    @Test
    void http429_retryAfterOverAConfiguredMaximum_failsAtOnce_underIt_waited() {
        transport =
                new JdkHttpTransport("test", Timeouts.DEFAULT, FAST_RETRY.withMaxRetryAfter(Duration.ofMillis(200)));
        server.enqueue(FakeResponse.status(503).header("retry-after-ms", "150").body("{}"));
        server.enqueue(FakeResponse.status(503).header("retry-after-ms", "250").body("{}"));
        server.enqueue(FakeResponse.sse(STREAM));
        ProviderHttpException failure = httpFailure();
        assertThat(failure.retryAfter()).contains(Duration.ofMillis(250));
        assertThat(failure.attempts()).isEqualTo(2);
        Instant first = server.takeRequest().receivedAt();
        Instant second = server.takeRequest().receivedAt();
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(140));
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void http503_retriedUpToLimit_thenTypedFailureWithAttempts() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(
                    FakeResponse.status(503).body("{\"error\":{\"type\":\"unavailable\",\"message\":\"down\"}}"));
        }

        assertFailsWith(503, "unavailable", "down", 3);
    }

    @Test
    void http429_openAiInsufficientQuota_notRetried() {
        String message = "You exceeded your current quota, please check your plan and billing details.";
        server.enqueue(FakeResponse.status(429)
                .body("{\"error\":{\"message\":\"" + message
                        + "\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}"));
        server.enqueue(FakeResponse.sse(STREAM));

        assertFailsWith(429, "insufficient_quota", message, 1);
    }

    @Test
    void http429_anthropicSpendLimit_notRetried() {
        String message = "You have reached your specified workspace API usage limits.";
        server.enqueue(FakeResponse.status(429)
                .body("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"" + message
                        + "\",\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}}}"));
        server.enqueue(FakeResponse.sse(STREAM));

        assertFailsWith(429, "rate_limit_error", message, 1);
    }

    @Test
    void http429_anthropicRateLimit_stillRetried() {
        server.enqueue(FakeResponse.status(429)
                .body("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}"));
        server.enqueue(FakeResponse.sse(STREAM));
        RecordingListener listener = new RecordingListener();
        open(listener);
        listener.awaitSuccess();
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void http404_fastApiDetail_bodyInMessage() {
        server.enqueue(FakeResponse.status(404).body("{\"detail\":\"Not Found\"}"));
        ProviderHttpException failure = httpFailure();
        assertThat(failure.providerMessage()).isEqualTo("{\"detail\":\"Not Found\"}");
        assertThat(failure.getMessage()).contains("Not Found");
    }

    @Test
    void http400_neverRetried() {
        server.enqueue(FakeResponse.status(400).body("{\"error\":{\"message\":\"bad\"}}"));
        assertThat(httpFailure().attempts()).isEqualTo(1);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void failure_messageAndToStringHoldNoApiKey() {
        server.enqueue(FakeResponse.status(401).body("{\"error\":{\"message\":\"Incorrect API key\"}}"));
        RecordingListener listener = new RecordingListener();
        ProviderCall call = open(listener);
        ProviderHttpException failure = listener.awaitFailure(ProviderHttpException.class);
        assertThat(failure.getMessage()).doesNotContain("sk-secret");
        assertThat(failure.toString()).doesNotContain("sk-secret");
        assertThat(call.toString()).doesNotContain("sk-secret");
        assertThat(server.takeRequest().header("authorization")).isEqualTo("Bearer sk-secret");
    }

    @Test
    void resetMidStream_connectionFailureKeepsPartialText() {
        byte[] bytes = STREAM.getBytes();
        server.enqueue(FakeResponse.sse(bytes).resetAfter(STREAM.indexOf("event: done")));
        RecordingListener listener = new RecordingListener();
        open(listener);
        ConnectionException failure = listener.awaitFailure(ConnectionException.class);
        assertThat(failure.partialText()).isEqualTo("abcd");
        assertThat(failure.attempts()).isEqualTo(1);
        // The answer had begun: the message says the connection was lost while it streamed, not that it failed.
        assertThat(failure.getMessage()).startsWith("test: connection lost while the answer streamed, after 4 chars: ");
    }

    @Test
    void resetAfter200AndComment_notRetried() {
        // OpenRouter-style keep-alive comment: no event is dispatched, but the request was accepted.
        String comment = ": OPENROUTER PROCESSING\n\n";
        server.enqueue(FakeResponse.sse(comment + STREAM).resetAfter(comment.length()));
        server.enqueue(FakeResponse.sse(STREAM));
        RecordingListener listener = new RecordingListener();
        open(listener);
        ConnectionException failure = listener.awaitFailure(ConnectionException.class);
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void resetAfter200BeforeAnyByte_notRetried() {
        server.enqueue(FakeResponse.sse(STREAM).resetAfter(0));
        server.enqueue(FakeResponse.sse(STREAM));
        RecordingListener listener = new RecordingListener();
        open(listener);
        assertThat(listener.awaitFailure(ConnectionException.class).attempts()).isEqualTo(1);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void http200WithAnHtmlPage_incompleteNamingThePagesTitle() {
        // A captive portal or a proxy's sign-in page answers 200: its title says what came, its markup does not.
        String page =
                "<!DOCTYPE html>\n<html><head>" + "<meta name=\"viewport\" content=\"width=device-width\">".repeat(8)
                        + "<title>Sign in to Corp Wi-Fi</title></head><body><form></form></body></html>";
        server.enqueue(
                FakeResponse.status(200).header("content-type", "text/html").body(page));
        RecordingListener listener = new RecordingListener();
        open(listener);
        assertThat(listener.awaitFailure(IncompleteStreamException.class).getMessage())
                .contains("text/html")
                .contains("Sign in to Corp Wi-Fi");
    }

    @Test
    void endWithoutMarker_incomplete() {
        server.enqueue(FakeResponse.sse("data: {\"t\":\"ab\"}\n\n"));
        RecordingListener listener = new RecordingListener();
        open(listener);
        assertThat(listener.awaitFailure(IncompleteStreamException.class).partialText())
                .isEqualTo("ab");
    }

    @Test
    void errorEvent_streamErrorAndConnectionClosed() {
        String body = "data: {\"t\":\"ab\"}\n\nevent: error\n"
                + "data: {\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
        // The server holds the connection open after the error: the client must close it.
        server.enqueue(FakeResponse.sse(body).stallAfter(body.length()));
        RecordingListener listener = new RecordingListener();
        open(listener);
        StreamErrorException failure = listener.awaitFailure(StreamErrorException.class);
        assertThat(failure.errorType()).isEqualTo("overloaded_error");
        assertThat(failure.partialText()).isEqualTo("ab");
        server.takeRequest().awaitClientClose(Duration.ofSeconds(2));
    }

    @Test
    void serverHoldsTheBodyOpenAfterTheEndMarker_connectionClosedAfterAWhile() {
        // The rest of a body is read after the marker so that its connection can be reused, but not forever.
        server.enqueue(FakeResponse.sse(STREAM).stallAfter(STREAM.length()));
        RecordingListener listener = new RecordingListener();
        open(listener);
        listener.awaitSuccess();
        server.takeRequest().awaitClientClose(Duration.ofSeconds(10));
    }

    @Test
    void serverSendsOnAfterTheEndMarker_connectionClosed() {
        String more = ": " + "x".repeat(100 << 10) + "\n\n";
        server.enqueue(FakeResponse.sse(STREAM + more).pieceSize(8 << 10).stallAfter((STREAM + more).length()));
        RecordingListener listener = new RecordingListener();
        open(listener);
        listener.awaitSuccess();
        server.takeRequest().awaitClientClose(Duration.ofSeconds(10));
    }

    @Test
    void stall_idleTimeoutClosesConnection() {
        server.enqueue(FakeResponse.sse(STREAM).stallAfter(STREAM.indexOf("data: {\"t\":\"cd")));
        RecordingListener listener = new RecordingListener();
        open(listener, Timeouts.DEFAULT.withIdle(Duration.ofMillis(300)));
        ProviderTimeoutException failure = listener.awaitFailure(ProviderTimeoutException.class);
        assertThat(failure.kind()).isEqualTo(ProviderTimeoutException.Kind.IDLE);
        assertThat(failure.partialText()).isEqualTo("ab");
        server.takeRequest().awaitClientClose(Duration.ofSeconds(2));
    }

    @Test
    void slowButSteadyStream_notCutByIdleTimeout() {
        // About 1.5 s of stream in 100 ms steps, against a 600 ms idle timeout.
        server.enqueue(FakeResponse.sse(STREAM).pieceSize(4).pacing(Duration.ofMillis(100)));
        RecordingListener listener = new RecordingListener();
        open(listener, Timeouts.DEFAULT.withIdle(Duration.ofMillis(600)));
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("abcd");
    }

    @Test
    void silenceBeforeTheFirstEvent_governedByFirstEvent_notIdle() {
        // A reasoning model thinks after the headers and a first byte: the idle limit counts between events only.
        server.enqueue(FakeResponse.sse(STREAM).splitAt(1).pacing(Duration.ofMillis(600)));
        RecordingListener listener = new RecordingListener();
        open(listener, Timeouts.DEFAULT.withIdle(Duration.ofMillis(200)).withFirstEvent(Duration.ofSeconds(10)));
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("abcd");
    }

    /**
     * A failure a timer decides (a held error's wait, a timeout) reaches its listener off the one timer thread every
     * call shares: a listener that takes its time there would hold up every other call's timeouts and retries.
     */
    @Test
    void heldErrorEndedByItsWait_slowListener_delaysNoOtherCallsTimeout() throws Exception {
        String error = "event: error\ndata: {\"error\":{\"type\":\"server_error\",\"message\":\"boom\"}}\n\n";
        server.enqueue(FakeResponse.sse(error).stallAfter(error.length()));
        CountDownLatch failing = new CountDownLatch(1);
        transport.open(
                new OutgoingRequest(server.url("/stream"), Map.of(), Json.object()),
                JdkHttpTransport.Framing.SSE,
                () -> new TestDecoder() {
                    @Override
                    public void onEvent(SseEvent event, EventSink sink) {
                        sink.streamErrorAfter(ProviderError.fromJson(Json.parse(event.data())), Duration.ofMillis(50));
                    }
                },
                slowListener(failing),
                null);
        assertThat(failing.await(5, TimeUnit.SECONDS)).isTrue();
        assertOtherCallTimesOutOnTime();
    }

    @Test
    void timeout_slowListener_delaysNoOtherCallsTimeout() throws Exception {
        server.enqueue(FakeResponse.sse(STREAM).stallBeforeHeaders());
        CountDownLatch failing = new CountDownLatch(1);
        transport.open(
                new OutgoingRequest(server.url("/stream"), Map.of(), Json.object()),
                JdkHttpTransport.Framing.SSE,
                TestDecoder::new,
                slowListener(failing),
                Timeouts.DEFAULT.withFirstEvent(Duration.ofMillis(50)));
        assertThat(failing.await(5, TimeUnit.SECONDS)).isTrue();
        assertOtherCallTimesOutOnTime();
    }

    /** A listener whose onFailure counts {@code failing} down, then takes two seconds. */
    private static ProviderListener slowListener(CountDownLatch failing) {
        return new ProviderListener() {
            @Override
            public void onEvent(ProviderEvent event) {}

            @Override
            public void onComplete() {}

            @Override
            public void onFailure(ProviderException failure) {
                failing.countDown();
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private void assertOtherCallTimesOutOnTime() {
        server.enqueue(FakeResponse.sse(STREAM).stallBeforeHeaders());
        RecordingListener listener = new RecordingListener();
        long start = System.nanoTime();
        open(listener, Timeouts.DEFAULT.withFirstEvent(Duration.ofMillis(200)));
        listener.awaitFailure(ProviderTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1200));
    }

    @Test
    void noHeaders_firstEventTimeout() {
        server.enqueue(FakeResponse.sse(STREAM).stallBeforeHeaders());
        RecordingListener listener = new RecordingListener();
        open(listener, Timeouts.DEFAULT.withFirstEvent(Duration.ofMillis(300)));
        ProviderTimeoutException failure = listener.awaitFailure(ProviderTimeoutException.class);
        assertThat(failure.kind()).isEqualTo(ProviderTimeoutException.Kind.FIRST_EVENT);
        server.takeRequest().awaitClientClose(Duration.ofSeconds(2));
    }

    @Test
    void totalTimeout_optIn() {
        server.enqueue(FakeResponse.sse(STREAM).pieceSize(2).pacing(Duration.ofMillis(50)));
        RecordingListener listener = new RecordingListener();
        open(listener, Timeouts.DEFAULT.withTotal(Duration.ofMillis(250)));
        assertThat(listener.awaitFailure(ProviderTimeoutException.class).kind())
                .isEqualTo(ProviderTimeoutException.Kind.TOTAL);
    }

    /**
     * A retry whose wait would outlast the total timeout cannot succeed in time: the call fails at once with the
     * server's answer and delay, rather than waiting to report a timeout that says nothing of either.
     */
    @Test
    void http429_retryWaitOutlastingTheTotalTimeout_failsAtOnceWithTheAnswer() {
        server.enqueue(
                FakeResponse.status(429).header("retry-after-ms", "2000").body("{\"error\":{\"message\":\"slow\"}}"));
        server.enqueue(FakeResponse.sse(STREAM));
        RecordingListener listener = new RecordingListener();
        long start = System.nanoTime();
        open(listener, Timeouts.DEFAULT.withTotal(Duration.ofMillis(1000)));
        ProviderHttpException failure = listener.awaitFailure(ProviderHttpException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofMillis(2000));
        assertThat(failure.getMessage()).contains("total");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void cancelMidStream_serverSeesCloseWithin100ms() {
        assertClosedPromptly(() -> {
            server.enqueue(FakeResponse.sse(STREAM).stallAfter(STREAM.indexOf("event: done")));
            RecordingListener listener = new RecordingListener();
            ProviderCall call = open(listener);
            RecordedRequest request = server.takeRequest();
            waitUntil(() -> listener.text().equals("abcd"));
            Instant cancelled = Instant.now();
            call.cancel();
            Instant closed = request.awaitClientClose(Duration.ofSeconds(2));
            assertThat(call.isDone()).isTrue();
            assertThat(listener.ended()).isFalse();
            return Duration.between(cancelled, closed);
        });
    }

    @Test
    void cancelBeforeHeaders_serverSeesCloseWithin100ms() {
        assertClosedPromptly(() -> {
            server.enqueue(FakeResponse.sse(STREAM).stallBeforeHeaders());
            RecordingListener listener = new RecordingListener();
            ProviderCall call = open(listener);
            RecordedRequest request = server.takeRequest();
            Instant cancelled = Instant.now();
            call.close();
            Instant closed = request.awaitClientClose(Duration.ofSeconds(2));
            assertThat(listener.ended()).isFalse();
            return Duration.between(cancelled, closed);
        });
    }

    /**
     * A listener busy in a callback (a subscriber that blocks, a slow constructor) holds up neither a cancel from
     * another thread nor the connection's close: the transport calls its listener outside the lock its timers and
     * {@code cancel()} take. Nothing starts after the cancel, whatever was read meanwhile.
     */
    @Test
    void listenerBusyInACallback_cancelFromAnotherThreadReturnsAtOnceAndCloses() throws Exception {
        server.enqueue(FakeResponse.sse(STREAM).stallAfter(STREAM.indexOf("event: done")));
        BusyListener listener = new BusyListener();
        ProviderCall call = open(listener);
        RecordedRequest request = server.takeRequest();
        assertThat(listener.busy.await(5, TimeUnit.SECONDS)).isTrue();
        Thread canceller = new Thread(call::cancel);
        canceller.start();
        canceller.join(Duration.ofSeconds(2).toMillis());
        try {
            assertThat(canceller.isAlive())
                    .as("cancel() waited for the listener")
                    .isFalse();
            request.awaitClientClose(Duration.ofSeconds(2));
            assertThat(call.isDone()).isTrue();
        } finally {
            listener.release.countDown();
        }
        Thread.sleep(100);
        assertThat(listener.calls).containsExactly("event");
    }

    /** A listener busy in a callback does not hold up the idle timeout: the connection closes on time. */
    @Test
    void listenerBusyInACallback_idleTimeoutClosesOnTime_failureFollowsTheCallback() throws Exception {
        server.enqueue(FakeResponse.sse(STREAM).stallAfter(STREAM.indexOf("event: done")));
        BusyListener listener = new BusyListener();
        open(listener, Timeouts.DEFAULT.withIdle(Duration.ofMillis(200)));
        RecordedRequest request = server.takeRequest();
        try {
            request.awaitClientClose(Duration.ofSeconds(2));
        } finally {
            listener.release.countDown();
        }
        waitUntil(() -> listener.calls.contains("failure"));
        assertThat(listener.calls.get(0)).isEqualTo("event");
        assertThat(listener.calls.get(listener.calls.size() - 1)).isEqualTo("failure");
        assertThat(listener.failure).isInstanceOf(ProviderTimeoutException.class);
    }

    /**
     * A cancel once {@code isDone()} has said the call ended takes nothing back: the listener is told the outcome. So
     * the call is not done while its outcome, decided as the end marker was read, waits for a listener busy with the
     * {@code Finish} event: a cancel then is one of a running call, and the listener hears of neither.
     */
    @Test
    void outcomeDecidedWhileTheListenerIsBusy_notDoneUntilTheListenerIsTold() throws Exception {
        server.enqueue(FakeResponse.sse(STREAM));
        BusyListener listener = new BusyListener(event -> event instanceof ProviderEvent.Finish);
        ProviderCall call = open(listener);
        try {
            assertThat(listener.busy.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(call.isDone())
                    .as("done while the listener is yet to hear of it")
                    .isFalse();
        } finally {
            listener.release.countDown();
        }
        waitUntil(() -> listener.calls.contains("complete"));
        assertThat(call.isDone()).isTrue();
        call.cancel();
        assertThat(listener.calls).endsWith("event", "complete");
    }

    /** Blocks in its first callback (or the first event {@code blockOn} picks) until released; records every kind. */
    private static final class BusyListener implements ProviderListener {
        final CountDownLatch busy = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> calls = new CopyOnWriteArrayList<>();
        final Predicate<ProviderEvent> blockOn;
        volatile ProviderException failure;

        BusyListener() {
            this(event -> true);
        }

        BusyListener(Predicate<ProviderEvent> blockOn) {
            this.blockOn = blockOn;
        }

        @Override
        public void onEvent(ProviderEvent event) {
            calls.add("event");
            if (busy.getCount() > 0 && blockOn.test(event)) {
                busy.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void onComplete() {
            calls.add("complete");
        }

        @Override
        public void onFailure(ProviderException failure) {
            this.failure = failure;
            calls.add("failure");
        }
    }

    /**
     * Best of three: on a loaded machine scheduling alone can pass 100 ms, while a close that waited for a timeout
     * or the end of the body would take seconds every time.
     */
    private static void assertClosedPromptly(java.util.function.Supplier<Duration> cancelAndMeasure) {
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            delays.add(cancelAndMeasure.get());
            if (delays.get(attempt).compareTo(Duration.ofMillis(100)) < 0) {
                return;
            }
        }
        throw new AssertionError("server saw the close only after " + delays);
    }

    @Test
    void connectionRefused_retriedThenConnectionFailure() throws IOException {
        try (RefusedPort refused = new RefusedPort()) {
            OutgoingRequest request = new OutgoingRequest(refused.uri("/x"), Map.of(), Json.object());
            RecordingListener listener = new RecordingListener();
            transport.open(request, JdkHttpTransport.Framing.SSE, TestDecoder::new, listener, null);
            assertThat(listener.awaitFailure(ConnectionException.class).attempts())
                    .isEqualTo(3);
        }
    }

    /**
     * Like an HTTP error's: a connection failure whose retry would wait past the total timeout fails at once with
     * that failure, rather than waiting to report a timeout that says nothing of it.
     */
    @Test
    void connectionRefused_retryWaitOutlastingTheTotalTimeout_failsAtOnceWithTheFailure() throws IOException {
        transport = new JdkHttpTransport(
                "test", Timeouts.DEFAULT, new RetryPolicy(2, Duration.ofMillis(4000), Duration.ofMillis(4000)));
        try (RefusedPort refused = new RefusedPort()) {
            OutgoingRequest request = new OutgoingRequest(refused.uri("/x"), Map.of(), Json.object());
            RecordingListener listener = new RecordingListener();
            long start = System.nanoTime();
            transport.open(
                    request,
                    JdkHttpTransport.Framing.SSE,
                    TestDecoder::new,
                    listener,
                    Timeouts.DEFAULT.withTotal(Duration.ofMillis(1000)));

            ConnectionException failure = listener.awaitFailure(ConnectionException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
            assertThat(failure.attempts()).isEqualTo(1);
            assertThat(failure.getMessage()).contains("total");
        }
    }

    @Test
    void connectTimeout_namesTheLimitApplied_theTransports() throws IOException {
        // The JDK client has one connect timeout for all its requests: a request's own value is not applied, so the
        // failure must not name it.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = fillAcceptQueue(full);
            transport = new JdkHttpTransport(
                    "test", Timeouts.DEFAULT.withConnect(Duration.ofMillis(200)), FAST_RETRY.withMaxRetries(0));
            OutgoingRequest request = new OutgoingRequest(
                    java.net.URI.create("http://127.0.0.1:" + full.getLocalPort() + "/x"), Map.of(), Json.object());
            RecordingListener listener = new RecordingListener();
            transport.open(
                    request,
                    JdkHttpTransport.Framing.SSE,
                    TestDecoder::new,
                    listener,
                    Timeouts.DEFAULT.withConnect(Duration.ofSeconds(5)));

            ProviderTimeoutException failure = listener.awaitFailure(ProviderTimeoutException.class);
            assertThat(failure.kind()).isEqualTo(ProviderTimeoutException.Kind.CONNECT);
            assertThat(failure.timeout()).isEqualTo(Duration.ofMillis(200));
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    /**
     * Connects to a server that never accepts until its accept queue is full, so that the kernel drops the SYNs of
     * the next connection, which then waits for the connect timeout. Returns the connections queued.
     */
    static List<Socket> fillAcceptQueue(ServerSocket server) throws IOException {
        List<Socket> queued = new ArrayList<>();
        while (queued.size() < 64) {
            Socket socket = new Socket();
            try {
                socket.connect(server.getLocalSocketAddress(), 100);
            } catch (SocketTimeoutException full) {
                socket.close();
                return queued;
            }
            queued.add(socket);
        }
        throw new AssertionError("the accept queue never filled");
    }

    @Test
    void httpError_namesTheRequestIdOfTheLastAttempt_asOpenAiAndAnthropicSendIt() {
        // Support asks for it: OpenAI, Groq and Azure send x-request-id, Anthropic request-id.
        transport = new JdkHttpTransport("test", Timeouts.DEFAULT, FAST_RETRY.withMaxRetries(1));
        server.enqueue(
                FakeResponse.status(529).header("request-id", "req_first").body("{}"));
        server.enqueue(FakeResponse.status(529)
                .header("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy")
                .body("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        ProviderHttpException failure = httpFailure();
        assertThat(failure.requestId()).contains("req_011CSHoEeqs5C35K2UUqR7Fy");
        assertThat(failure.getMessage())
                .isEqualTo("test: HTTP 529 overloaded_error: Overloaded (request id req_011CSHoEeqs5C35K2UUqR7Fy)");

        server.enqueue(
                FakeResponse.status(400).header("x-request-id", "req_abc").body("{}"));
        transport = new JdkHttpTransport("test", Timeouts.DEFAULT, FAST_RETRY.withMaxRetries(0));
        assertThat(httpFailure().requestId()).contains("req_abc");

        server.enqueue(FakeResponse.status(400).body("{}"));
        ProviderHttpException none = httpFailure();
        assertThat(none.requestId()).isEmpty();
        assertThat(none.getMessage()).doesNotContain("request id");
    }

    @Test
    void errorEvent_namesTheRequestIdOfTheStreamsResponse() {
        server.enqueue(FakeResponse.sse("data: {\"t\":\"ab\"}\n\nevent: error\n"
                        + "data: {\"error\":{\"type\":\"server_error\",\"message\":\"The server had an error\"}}\n\n")
                .header("x-request-id", "req_stream1"));
        RecordingListener listener = new RecordingListener();
        open(listener);
        StreamErrorException failure = listener.awaitFailure(StreamErrorException.class);
        assertThat(failure.requestId()).contains("req_stream1");
        assertThat(failure.getMessage())
                .isEqualTo("test: error event server_error: The server had an error (request id req_stream1)");
    }

    /** Compresses {@code text} as a gzip member, or as zlib-wrapped deflate (HTTP's "deflate"). */
    private static byte[] compressed(String text, boolean gzip) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.OutputStream out =
                    gzip ? new java.util.zip.GZIPOutputStream(bytes) : new java.util.zip.DeflaterOutputStream(bytes)) {
                out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void compressedStream_gzipOrDeflate_decodedAsItArrives() {
        // A server compresses only when asked: by an Accept-Encoding header the user added, which the JDK client
        // does not act on.
        for (boolean gzip : new boolean[] {true, false}) {
            for (int seed = 0; seed < 5; seed++) {
                server.enqueue(FakeResponse.sse(compressed(STREAM, gzip))
                        .header("Content-Encoding", gzip ? "gzip" : "deflate")
                        .randomSplits(seed, 4));
                RecordingListener listener = new RecordingListener();
                open(listener);
                listener.awaitSuccess();
                assertThat(listener.text()).as("gzip %s, seed %d", gzip, seed).isEqualTo("abcd");
            }
        }
    }

    @Test
    void compressedErrorBody_theProvidersMessageIsRead() {
        transport = new JdkHttpTransport("test", Timeouts.DEFAULT, FAST_RETRY.withMaxRetries(0));
        server.enqueue(FakeResponse.status(400)
                .header("Content-Encoding", "gzip")
                .body(compressed("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}", true)));
        assertFailsWith(400, "invalid_request_error", "bad", 1);
    }

    @Test
    void streamNotInTheEncodingItNames_malformed() {
        server.enqueue(FakeResponse.sse(STREAM).header("Content-Encoding", "gzip"));
        RecordingListener listener = new RecordingListener();
        open(listener);
        assertThat(listener.awaitFailure(MalformedStreamException.class).getMessage())
                .isEqualTo("test: the body is not in gzip format");
    }

    @Test
    void streamInAnEncodingNotDecoded_failsSayingSo_notAsTheGarbageItReads() {
        server.enqueue(FakeResponse.sse(new byte[] {0x1b, 0x2f, 0x00, 0x11, 0x7f, 0x0a, 0x0a})
                .header("Content-Encoding", "br"));
        RecordingListener listener = new RecordingListener();
        open(listener);
        assertThat(listener.awaitFailure(MalformedStreamException.class).getMessage())
                .isEqualTo(
                        "test: the response is br-encoded, which this client does not decode (only gzip and deflate):"
                                + " is an Accept-Encoding header set?");
        server.takeRequest().awaitClientClose(Duration.ofSeconds(5));
    }

    @Test
    void http404_namesTheUrlItWasSentTo_whichIsOftenTheMistake() {
        // Ollama's, vLLM's and many gateways' 404 say no more than that: the URL shows a base URL without its /v1.
        server.enqueue(
                FakeResponse.status(404).header("Content-Type", "text/plain").body("404 page not found"));
        assertThat(httpFailure().getMessage())
                .isEqualTo("test: HTTP 404: 404 page not found (sent to " + server.url("/stream") + ")");
    }

    @Test
    void redirect_notFollowed() {
        server.enqueue(FakeResponse.status(307)
                .header("Location", server.url("/elsewhere").toString()));
        RecordingListener listener = new RecordingListener();
        open(listener);
        assertThat(listener.awaitFailure(ProviderHttpException.class).status()).isEqualTo(307);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void redirect_messageSaysWhereItPointsAndWhyNotFollowed() {
        // An http:// base URL that the server moves to https://, or a path it moved: the fix is the base URL.
        server.enqueue(FakeResponse.status(301)
                .header("Location", "https://api.example.com/v1/stream")
                .body(""));
        RecordingListener listener = new RecordingListener();
        open(listener);
        assertThat(listener.awaitFailure(ProviderHttpException.class).getMessage())
                .isEqualTo("test: HTTP 301 (redirected to https://api.example.com/v1/stream, not followed as it would"
                        + " carry the API key there: change the base URL to match)");

        server.enqueue(FakeResponse.status(308).header("Location", "/v2/stream").body(""));
        RecordingListener relative = new RecordingListener();
        open(relative);
        assertThat(relative.awaitFailure(ProviderHttpException.class).getMessage())
                .contains("redirected to " + server.url("/v2/stream") + ", not followed");
    }

    @Test
    void dataNotJson_malformedWithPartialText() {
        server.enqueue(FakeResponse.sse("data: {\"t\":\"ab\"}\n\ndata: {oops\n\n"));
        RecordingListener listener = new RecordingListener();
        open(listener);
        assertThat(listener.awaitFailure(MalformedStreamException.class).partialText())
                .isEqualTo("ab");
    }

    @Test
    void dataNotJson_messageQuotesData() {
        server.enqueue(FakeResponse.sse("data: <html>\ndata: Bad gateway</html>\n\n"));
        RecordingListener listener = new RecordingListener();
        open(listener);
        assertThat(listener.awaitFailure(MalformedStreamException.class).getMessage())
                .contains("event data is not valid JSON: <html>\\nBad gateway</html>");
    }

    @Test
    void excerpt_oneLineAndCut() {
        assertThat(DataExcerpt.of("a\nb\r\tc\\\u0000")).isEqualTo("a\\nb\\r\\tc\\\\\\u0000");
        String emojiAtCut = "x".repeat(199) + "\uD83D\uDE00" + "y".repeat(50);
        assertThat(DataExcerpt.of(emojiAtCut)).isEqualTo("x".repeat(199) + "...");
        assertThat(DataExcerpt.of("y".repeat(250))).isEqualTo("y".repeat(200) + "...");
    }

    @Test
    void listenerThrows_callCancelledAndConnectionClosed() {
        server.enqueue(FakeResponse.sse(STREAM).stallAfter(STREAM.length()));
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        RecordingListener recorder = new RecordingListener();
        ProviderListener throwing = new ProviderListener() {
            @Override
            public void onEvent(ProviderEvent event) {
                Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onComplete() {
                recorder.onComplete();
            }

            @Override
            public void onFailure(ProviderException failure) {
                recorder.onFailure(failure);
            }
        };
        ProviderCall call = transport.open(
                new OutgoingRequest(server.url("/s"), Map.of(), Json.object()),
                JdkHttpTransport.Framing.SSE,
                TestDecoder::new,
                throwing,
                null);
        server.takeRequest().awaitClientClose(Duration.ofSeconds(2));
        assertThat(call.isDone()).isTrue();
        assertThat(recorder.ended()).isFalse();
        waitUntil(() -> !uncaught.isEmpty());
        assertThat(uncaught.get(0)).hasMessage("listener bug");
    }

    @Test
    void blockingStream_closeCancels() {
        server.enqueue(FakeResponse.sse(STREAM).stallAfter(STREAM.indexOf("event: done")));
        LlmProvider provider = new LlmProvider() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public java.util.Set<Mode> modes() {
                return java.util.EnumSet.of(Mode.JSON);
            }

            @Override
            public Mode defaultMode() {
                return Mode.JSON;
            }

            @Override
            public dev.instructor.schema.SchemaDialect dialect(Mode mode) {
                return dev.instructor.schema.SchemaDialect.PLAIN;
            }

            @Override
            public ProviderCall open(ProviderRequest request, ProviderListener listener) {
                return transport.open(
                        new OutgoingRequest(server.url("/s"), Map.of(), Json.object()),
                        JdkHttpTransport.Framing.SSE,
                        TestDecoder::new,
                        listener,
                        null);
            }
        };
        ProviderRequest request = ProviderRequest.builder("m")
                .schema("x", Json.object())
                .message(Message.user("q"))
                .build();
        ProviderStream stream = provider.stream(request);
        assertThat(stream.next()).isInstanceOf(ProviderEvent.Raw.class);
        stream.close();
        server.takeRequest().awaitClientClose(Duration.ofSeconds(2));
    }

    @Test
    void manyConcurrentStreams_noThreadPerStream() {
        int streams = 1000;
        for (int i = 0; i < streams; i++) {
            server.enqueue(FakeResponse.sse(STREAM).stallAfter(STREAM.indexOf("event: done")));
        }
        int before = clientThreads();
        List<RecordingListener> listeners = new ArrayList<>();
        List<ProviderCall> calls = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            RecordingListener listener = new RecordingListener();
            listeners.add(listener);
            calls.add(open(listener));
        }
        waitUntil(() -> listeners.stream().allMatch(l -> l.text().equals("abcd")));
        // All streams are open and mid-body: threads did not grow with them.
        assertThat(clientThreads()).isLessThanOrEqualTo(before + 2);
        List<RecordedRequest> requests = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            requests.add(server.takeRequest());
        }
        calls.forEach(ProviderCall::cancel);
        requests.forEach(r -> r.awaitClientClose(Duration.ofSeconds(5)));
    }

    /** Live threads, leaving out the fake server's and the fixed callback pool. */
    private static int clientThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> !name.startsWith(FakeProviderServer.THREAD_PREFIX))
                .filter(name -> !name.startsWith("instructor-http-"))
                .count();
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) {
        // Generous: what these tests assert is that the condition comes true (and, for the 1,000 streams, with a flat
        // thread count), not how fast; a machine busy with other builds took more than 20 s once.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 60 s");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
