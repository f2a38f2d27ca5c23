package dev.instructor.internal.transport;

import dev.instructor.internal.DaemonThreads;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.Timeouts;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Streams provider responses over the JDK {@code HttpClient}: one client per transport, redirects never followed,
 * bytes pushed to the parser as they arrive, so no thread is held per stream.
 *
 * <p>Implementation notes: by default every transport's client runs its callbacks on one small shared daemon pool; a
 * fixed pool keeps the thread count flat however many streams run, which is why listeners must not block. A provider
 * may give its client an executor of the caller's instead (see the four-argument constructor): the listener is then
 * called on that executor only. One daemon timer thread, shared by every transport, runs timeouts and retry delays,
 * and hands what they decide to the client's executor, so that no listener runs on it. An executor that refuses work
 * (shut down) fails the call that needed it, and that failure, the one thing it cannot carry, reaches the listener
 * on the shared pool.
 */
public final class JdkHttpTransport {
    static final ExecutorService CALLBACKS = Executors.newFixedThreadPool(4, DaemonThreads.named("instructor-http-"));
    static final ScheduledThreadPoolExecutor TIMERS = timers();

    /** The longest SSE line / NDJSON line accepted (Gemini thought signatures are large). */
    public static final int MAX_LINE_BYTES = 8 << 20;

    /** The longest SSE event data accepted. */
    public static final int MAX_EVENT_CHARS = 16 << 20;

    private final String provider;
    private final HttpClient client;
    private final Executor executor;
    private final Timeouts timeouts;
    private final RetryPolicy retry;

    /**
     * Creates a transport whose client is set up by default: the connect timeout of {@code timeouts}, the shared
     * callback pool.
     *
     * @param provider the provider's name, for messages
     * @param timeouts the default timeouts; {@code connect} applies to every call
     * @param retry when to retry
     */
    public JdkHttpTransport(String provider, Timeouts timeouts, RetryPolicy retry) {
        this(provider, timeouts, retry, builder -> {});
    }

    /**
     * Creates a transport whose client {@code configurer} sets up: it is given a builder with the connect timeout of
     * {@code timeouts} and the shared callback pool as executor, may change anything (a proxy, an authenticator, an
     * SSL context, an executor, the HTTP version...), and redirects are then set to {@link HttpClient.Redirect#NEVER}
     * whatever it chose, since a redirect followed would send the provider's API key headers to the host the
     * {@code Location} names. A connect timeout it sets replaces that of {@code timeouts}: {@link #timeouts()} has it,
     * and a connect timeout failure names it.
     *
     * @param provider the provider's name, for messages
     * @param timeouts the default timeouts; {@code connect} applies to every call unless the configurer sets another
     * @param retry when to retry
     * @param configurer called once, here, with the client's builder; what it throws propagates
     */
    public JdkHttpTransport(
            String provider, Timeouts timeouts, RetryPolicy retry, Consumer<HttpClient.Builder> configurer) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.retry = Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(configurer, "configurer");
        HttpClient.Builder builder =
                HttpClient.newBuilder().connectTimeout(timeouts.connect()).executor(CALLBACKS);
        configurer.accept(builder);
        this.client = builder.followRedirects(HttpClient.Redirect.NEVER).build();
        // Read back from the client: the builder cannot tell what the configurer set, the client reports all of it.
        this.executor = client.executor().orElse(CALLBACKS);
        this.timeouts = timeouts.withConnect(client.connectTimeout().orElse(timeouts.connect()));
    }

    /**
     * Returns the timeouts of a call that sets none of its own; their {@code connect} is the client's, which a
     * configurer may have set.
     */
    public Timeouts timeouts() {
        return timeouts;
    }

    /**
     * Returns the executor the client was given by the configurer, on which the listener of every call is called;
     * empty when the client runs on the shared callback pool.
     */
    public Optional<Executor> callbackExecutor() {
        return executor == CALLBACKS ? Optional.empty() : Optional.of(executor);
    }

    /** The body framing of a response. */
    public enum Framing {
        /** {@code text/event-stream}. */
        SSE,
        /** Newline-delimited JSON; each line reaches the decoder as an event named {@code line}. */
        NDJSON
    }

    /**
     * Starts a call and returns at once.
     *
     * @param request what to send
     * @param framing how the response body is framed
     * @param decoder a fresh decoder for this call
     * @param listener receives the outcome
     * @param callTimeouts this call's timeouts, or {@code null} for the transport's; their {@code connect} is not
     *     applied, as the client's connect timeout is the transport's
     */
    public ProviderCall open(
            OutgoingRequest request,
            Framing framing,
            Supplier<StreamDecoder> decoder,
            ProviderListener listener,
            Timeouts callTimeouts) {
        StreamingCall call = new StreamingCall(
                this, request, framing, decoder.get(), listener, callTimeouts == null ? timeouts : callTimeouts);
        call.start();
        return call;
    }

    String provider() {
        return provider;
    }

    HttpClient client() {
        return client;
    }

    /** Returns the executor the client runs its callbacks on: the caller's, or the shared pool. */
    Executor executor() {
        return executor;
    }

    /**
     * Runs {@code task} on the shared pool: what a call whose own executor refused work must still tell its listener.
     * The pool is never shut down; should it refuse all the same, the task runs here.
     */
    static void runOnSharedPool(Runnable task) {
        try {
            CALLBACKS.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    RetryPolicy retry() {
        return retry;
    }

    @Override
    public String toString() {
        return "JdkHttpTransport[" + provider + "]";
    }

    private static ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor timers =
                new ScheduledThreadPoolExecutor(1, DaemonThreads.named("instructor-timer-"));
        // Idle and first-event timers are cancelled far more often than they fire.
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }
}
