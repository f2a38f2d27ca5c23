package dev.instructor.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.instructor.internal.transport.JdkHttpTransportTest.TestDecoder;
import dev.instructor.spi.ConnectionException;
import dev.instructor.spi.ProviderHttpException;
import dev.instructor.spi.ProviderTimeoutException;
import dev.instructor.spi.Timeouts;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.RecordingListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client a configurer sets up: its executor runs every callback, its TLS and timeouts apply, redirects do not. */
class JdkHttpTransportClientTest {
    private static final String STREAM = "data: {\"t\":\"ab\"}\n\ndata: {\"t\":\"cd\"}\n\nevent: done\ndata: {}\n\n";
    private static final RetryPolicy FAST_RETRY = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50));
    private static final String USER_THREADS = "user-callbacks-";

    private final FakeProviderServer server = FakeProviderServer.start();
    private final ExecutorService executor = Executors.newCachedThreadPool(named(USER_THREADS));

    @AfterEach
    void close() {
        server.close();
        executor.shutdownNow();
    }

    private JdkHttpTransport transport(Timeouts timeouts, Consumer<HttpClient.Builder> configurer) {
        return new JdkHttpTransport("test", timeouts, FAST_RETRY, configurer);
    }

    private static RecordingListener open(JdkHttpTransport transport, URI url) {
        RecordingListener listener = new RecordingListener();
        OutgoingRequest request = new OutgoingRequest(url, Map.of("Authorization", "Bearer sk-secret"), Json.object());
        transport.open(request, JdkHttpTransport.Framing.SSE, TestDecoder::new, listener, null);
        return listener;
    }

    private RecordingListener open(JdkHttpTransport transport) {
        return open(transport, server.url("/stream"));
    }

    private static void assertOnUserThreads(RecordingListener listener) {
        assertThat(listener.threads()).isNotEmpty().allMatch(name -> name.startsWith(USER_THREADS));
    }

    @Test
    void executor_eventsAndCompletionOnIt() {
        server.enqueue(FakeResponse.sse(STREAM).pieceSize(3));
        JdkHttpTransport transport = transport(Timeouts.DEFAULT, http -> http.executor(executor));
        RecordingListener listener = open(transport);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("abcd");
        assertOnUserThreads(listener);
        assertThat(transport.callbackExecutor()).contains(executor);
    }

    @Test
    void executor_timeoutsDecidedByTheTimerDeliveredOnIt() {
        server.enqueue(FakeResponse.sse(STREAM).stallBeforeHeaders());
        server.enqueue(FakeResponse.sse(STREAM).stallAfter(STREAM.indexOf("data: {\"t\":\"cd\"}")));
        JdkHttpTransport transport = transport(
                Timeouts.DEFAULT.withFirstEvent(Duration.ofMillis(200)).withIdle(Duration.ofMillis(200)),
                http -> http.executor(executor));
        RecordingListener firstEvent = open(transport);
        assertThat(firstEvent.awaitFailure(ProviderTimeoutException.class).kind())
                .isEqualTo(ProviderTimeoutException.Kind.FIRST_EVENT);
        RecordingListener idle = open(transport);
        assertThat(idle.awaitFailure(ProviderTimeoutException.class).kind())
                .isEqualTo(ProviderTimeoutException.Kind.IDLE);
        assertOnUserThreads(firstEvent);
        assertOnUserThreads(idle);
    }

    @Test
    void executor_retriedStatusesThenTheirFailure_onIt() {
        // Each retry waits on the timer thread; the last answer's failure completes the JDK's response future, which
        // the JDK completes on the common pool.
        for (int i = 0; i < 3; i++) {
            server.enqueue(FakeResponse.status(503).body("{\"error\":{\"message\":\"busy\"}}"));
        }
        RecordingListener listener = open(transport(Timeouts.DEFAULT, http -> http.executor(executor)));
        assertThat(listener.awaitFailure(ProviderHttpException.class).attempts())
                .isEqualTo(3);
        assertOnUserThreads(listener);
    }

    @Test
    void executor_retriedThenSucceeding_onIt() {
        server.enqueue(FakeResponse.status(429).body("{}"));
        server.enqueue(FakeResponse.sse(STREAM));
        RecordingListener listener = open(transport(Timeouts.DEFAULT, http -> http.executor(executor)));
        listener.awaitSuccess();
        assertThat(server.requestCount()).isEqualTo(2);
        assertOnUserThreads(listener);
    }

    @Test
    void executor_connectionRefused_failureOnIt() throws IOException {
        try (RefusedPort refused = new RefusedPort()) {
            RecordingListener listener =
                    open(transport(Timeouts.DEFAULT, http -> http.executor(executor)), refused.uri("/stream"));
            assertThat(listener.awaitFailure(ConnectionException.class).attempts())
                    .isEqualTo(3);
            assertOnUserThreads(listener);
        }
    }

    @Test
    void executor_firstEventTimeoutOfARetriedAttempt_runLate_ignored() throws Exception {
        // The first attempt's first-event timer fires and its task waits in the executor while the attempt's 503 is
        // answered and retried; run then, it belongs to an attempt that is over and must not end the call.
        HoldingExecutor holding = new HoldingExecutor(executor);
        CountDownLatch retrySent = new CountDownLatch(1);
        CountDownLatch answerRetry = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        try (FakeProviderServer slow = FakeProviderServer.builder()
                .dispatcher(request -> {
                    if (requests.incrementAndGet() == 1) {
                        await(holding.held);
                        return FakeResponse.status(503).body("{}");
                    }
                    retrySent.countDown();
                    await(answerRetry);
                    return FakeResponse.sse(STREAM);
                })
                .build()) {
            JdkHttpTransport transport =
                    transport(Timeouts.DEFAULT.withFirstEvent(Duration.ofSeconds(1)), http -> http.executor(holding));
            RecordingListener listener = open(transport, slow.url("/stream"));
            await(retrySent);
            holding.release().get(10, TimeUnit.SECONDS);
            answerRetry.countDown();
            listener.awaitSuccess();
            assertThat(listener.text()).isEqualTo("abcd");
        }
    }

    @Test
    void executorShutDown_beforeTheCall_typedFailureAtOnce() {
        JdkHttpTransport transport = transport(Timeouts.DEFAULT, http -> http.executor(executor));
        executor.shutdown();
        RecordingListener listener = open(transport);
        ConnectionException failure = listener.awaitFailure(ConnectionException.class);
        assertThat(failure).hasMessageContaining("executor").hasRootCauseInstanceOf(RejectedExecutionException.class);
        assertThat(failure.attempts()).isEqualTo(1);
    }

    @Test
    void executorShutDown_whileTheAnswerStreams_typedFailureNoHang() {
        // The JDK's client drops (Java 17) or aborts with the refusal (later) the work its executor refuses: either
        // way the call ends with the executor's refusal, at the latest when its idle timer finds it shut.
        server.enqueue(FakeResponse.sse(STREAM).stallAfter(STREAM.indexOf("data: {\"t\":\"cd\"}")));
        JdkHttpTransport transport =
                transport(Timeouts.DEFAULT.withIdle(Duration.ofMillis(500)), http -> http.executor(executor));
        RecordingListener listener = open(transport);
        JdkHttpTransportTest.waitUntil(() -> listener.text().equals("ab"));
        executor.shutdown();
        ConnectionException failure = listener.awaitFailure(ConnectionException.class);
        assertThat(failure).hasMessageContaining("executor").hasRootCauseInstanceOf(RejectedExecutionException.class);
        assertThat(failure.partialText()).isEqualTo("ab");
        server.takeRequest().awaitClientClose(Duration.ofSeconds(5));
    }

    @Test
    void executorShutDownNow_droppingTheIdleTimersTask_typedFailureNoHang() throws Exception {
        // shutdownNow() drops the idle timer's task the executor had queued behind a busy thread: that was the call's
        // last timer (it has no total timeout), and the stalled body makes no callback.
        server.enqueue(FakeResponse.sse(STREAM).stallAfter(STREAM.indexOf("data: {\"t\":\"cd\"}")));
        CountDownLatch timerTaskQueued = new CountDownLatch(1);
        ThreadPoolExecutor single =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named(USER_THREADS)) {
                    @Override
                    public void execute(Runnable task) {
                        super.execute(task);
                        if (Thread.currentThread().getName().startsWith("instructor-timer-")) {
                            timerTaskQueued.countDown();
                        }
                    }
                };
        JdkHttpTransport transport =
                transport(Timeouts.DEFAULT.withIdle(Duration.ofMillis(300)), http -> http.executor(single));
        RecordingListener listener = open(transport);
        JdkHttpTransportTest.waitUntil(() -> listener.text().equals("ab"));
        CountDownLatch busy = new CountDownLatch(1);
        single.execute(() -> {
            busy.countDown();
            await(new CountDownLatch(1)); // until shutdownNow() interrupts it
        });
        await(busy);
        await(timerTaskQueued);
        assertThat(single.shutdownNow()).isNotEmpty();
        ConnectionException failure = listener.awaitFailure(ConnectionException.class);
        assertThat(failure).hasMessageContaining("executor").hasRootCauseInstanceOf(RejectedExecutionException.class);
        assertThat(failure.partialText()).isEqualTo("ab");
        server.takeRequest().awaitClientClose(Duration.ofSeconds(5));
    }

    @Test
    void redirectAlways_stillNotFollowed_noCredentialsSentElsewhere() {
        try (FakeProviderServer elsewhere = FakeProviderServer.start()) {
            elsewhere.enqueue(FakeResponse.sse(STREAM));
            server.enqueue(FakeResponse.status(307)
                    .header("Location", elsewhere.url("/stream").toString())
                    .body(""));
            JdkHttpTransport transport =
                    transport(Timeouts.DEFAULT, http -> http.followRedirects(HttpClient.Redirect.ALWAYS));
            RecordingListener listener = open(transport);
            assertThat(listener.awaitFailure(ProviderHttpException.class).status())
                    .isEqualTo(307);
            assertThat(elsewhere.requestCount()).isZero();
        }
    }

    @Test
    void connectTimeout_theConfigurersReplacesTheTimeouts_andIsReported() throws IOException {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var queued = JdkHttpTransportTest.fillAcceptQueue(full);
            JdkHttpTransport transport = new JdkHttpTransport(
                    "test",
                    Timeouts.DEFAULT.withConnect(Duration.ofSeconds(30)),
                    FAST_RETRY.withMaxRetries(0),
                    http -> http.connectTimeout(Duration.ofMillis(200)));
            assertThat(transport.timeouts().connect()).isEqualTo(Duration.ofMillis(200));
            RecordingListener listener =
                    open(transport, URI.create("http://127.0.0.1:" + full.getLocalPort() + "/stream"));
            ProviderTimeoutException failure = listener.awaitFailure(ProviderTimeoutException.class);
            assertThat(failure.kind()).isEqualTo(ProviderTimeoutException.Kind.CONNECT);
            assertThat(failure.timeout()).isEqualTo(Duration.ofMillis(200));
            for (var socket : queued) {
                socket.close();
            }
        }
    }

    @Test
    void sslContext_trustingTheServersCertificate_isUsed() throws Exception {
        HttpsServer https = httpsServer();
        try {
            URI url = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/stream");
            SSLContext trusting = sslContext(null, trustManagers());
            RecordingListener trusted = open(transport(Timeouts.DEFAULT, http -> http.sslContext(trusting)), url);
            trusted.awaitSuccess();
            assertThat(trusted.text()).isEqualTo("abcd");

            // The JVM's default trust store does not know the loopback certificate.
            RecordingListener untrusted = open(transport(Timeouts.DEFAULT, http -> {}), url);
            assertThat(untrusted.awaitFailure(ConnectionException.class))
                    .hasCauseInstanceOf(SSLHandshakeException.class);
        } finally {
            https.stop(0);
        }
    }

    /** An HTTPS server on loopback answering {@link #STREAM} with the certificate of {@code loopback-tls.p12}. */
    private static HttpsServer httpsServer() throws IOException, GeneralSecurityException {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(), "loopback".toCharArray());
        https.setHttpsConfigurator(new HttpsConfigurator(sslContext(keys, null)));
        https.createContext("/stream", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            byte[] body = STREAM.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        https.start();
        return https;
    }

    private static SSLContext sslContext(KeyManagerFactory keys, TrustManagerFactory trust)
            throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(
                keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
        return context;
    }

    /** Trusts the loopback certificate only. */
    private static TrustManagerFactory trustManagers() throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("loopback", keyStore().getCertificate("loopback"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        return trust;
    }

    /** The loopback key and certificate; its README says how they were made. */
    private static KeyStore keyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = JdkHttpTransportClientTest.class.getResourceAsStream("loopback-tls.p12")) {
            store.load(in, "loopback".toCharArray());
        }
        return store;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Passes tasks on to an executor, but for the first the shared timer thread hands it, which waits for release. */
    private static final class HoldingExecutor implements Executor {
        private final Executor delegate;
        private final AtomicReference<Runnable> heldTask = new AtomicReference<>();
        final CountDownLatch held = new CountDownLatch(1);

        HoldingExecutor(Executor delegate) {
            this.delegate = delegate;
        }

        @Override
        public void execute(Runnable task) {
            if (Thread.currentThread().getName().startsWith("instructor-timer-")
                    && heldTask.compareAndSet(null, task)) {
                held.countDown();
                return;
            }
            delegate.execute(task);
        }

        /** Runs the held task on the executor; the returned future completes when it has run. */
        CompletableFuture<Void> release() {
            return CompletableFuture.runAsync(heldTask.get(), delegate);
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
