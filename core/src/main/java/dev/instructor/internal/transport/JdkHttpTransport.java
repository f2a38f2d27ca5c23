package dev.instructor.internal.transport;

import dev.instructor.internal.DaemonThreads;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.Timeouts;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;

/**
 * Streams provider responses over the JDK {@code HttpClient}: one client per transport, redirects never followed,
 * bytes pushed to the parser as they arrive, so no thread is held per stream.
 *
 * <p>Implementation notes: every transport shares one small daemon pool for the client's callbacks and one daemon
 * timer thread for timeouts and retry delays, which hands what it runs to that pool, so that no listener runs on it; a
 * fixed pool keeps the thread count flat however many streams run, which is why listeners must not block.
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
    private final Timeouts timeouts;
    private final RetryPolicy retry;

    /**
     * Creates a transport.
     *
     * @param provider the provider's name, for messages
     * @param timeouts the default timeouts; {@code connect} applies to every call
     * @param retry when to retry
     */
    public JdkHttpTransport(String provider, Timeouts timeouts, RetryPolicy retry) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(CALLBACKS)
                .build();
    }

    /** Returns the timeouts of a call that sets none of its own. */
    public Timeouts timeouts() {
        return timeouts;
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
