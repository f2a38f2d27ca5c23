package dev.instructor.sse;

import dev.instructor.AsyncPartialStream;
import dev.instructor.InstructorRetryException;
import dev.instructor.PartialStream;
import dev.instructor.ResponseModel;
import dev.instructor.sse.internal.SessionSettings;
import dev.instructor.sse.internal.StreamSession;
import dev.instructor.sse.internal.ViolationsJson;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * Serves a structured stream's partial values to a browser as Server-Sent Events, in the snapshot or delta format of
 * docs/wire-format.md: progress events, {@code restart} on a re-ask, then {@code done} with the final value or
 * {@code error}.
 *
 * <pre>{@code
 * StructuredSse sse = StructuredSse.builder().heartbeat(Duration.ofSeconds(15)).build();
 * // inside a request handler, with a sink over the response:
 * sse.stream(client.responses().stream(request, new TypeRef<List<Idea>>() {}), format, sink);
 * }</pre>
 *
 * <p><b>Client gone, model stopped.</b> When a write fails (the browser closed the connection) the stream is closed
 * or cancelled at once, which aborts the provider request. Heartbeat comments, written after {@link
 * Builder#heartbeat(Duration) a quiet interval}, make the write fail even while the model is silent.
 *
 * <p><b>Errors.</b> Nothing the stream throws escapes: each failure becomes an {@code error} event whose text the
 * {@link ErrorMapper} chooses. A time limit, when set, ends the response with an {@code error} of type
 * {@code timeout} and cancels the stream.
 *
 * <p><b>{@code GET} with a sink of one's own.</b> {@link HttpServerSse}, {@code JavalinSse} and {@code ServletSse} do
 * this themselves; a server of another kind (Spring WebFlux, Netty) that serves a stream for {@code GET}, as a
 * browser's {@code EventSource} sends, must do it too (docs/wire-format.md, section 7): answer a request for which
 * {@link #isReconnect} is true with {@code 204}, {@code Cache-Control: no-store} and its CORS headers, without
 * starting the model, and write {@link #GET_STREAM_PRELUDE} in {@link SseSink#open} right after the headers.
 *
 * <pre>{@code
 * if (StructuredSse.isReconnect(request.getHeader("Last-Event-ID"))) {
 *     response.setHeader("Cache-Control", "no-store");
 *     response.setStatus(204);
 *     return;
 * }
 * // in the sink's open(headers), after setting them:
 * out.write(StructuredSse.GET_STREAM_PRELUDE.getBytes(StandardCharsets.US_ASCII));
 * }</pre>
 *
 * <p><b>Threading.</b> Instances are immutable and serve any number of responses at once. Heartbeats, paced events
 * and the time limit are timed by the {@link Builder#scheduler scheduler}, which only fires the timers: the writes
 * they cause run on the {@link Builder#writer writer executor}, and so do the writes of {@link #streamAsync}, whose
 * updates arrive on the HTTP client's threads, which a client that stops reading must not block. Every write to one
 * sink is serialized.
 */
public final class StructuredSse {
    /**
     * The first bytes of a stream served for {@code GET}, written right after the headers: a {@code start} event with
     * id {@code 0} and the data {@code {}}, which a browser's {@code EventSource} keeps as its last event id and
     * dispatches only to a listener for {@code start} (not to {@code onmessage}). It then sends that id in {@code
     * Last-Event-ID} when it reconnects after a cut, even one before the first partial, and {@link #isReconnect} tells
     * that request apart. The event carries data because an event without any is dropped whole by Firefox, id and all,
     * and its id taken up by Safari only when a later event with data arrives. A stream served for {@code POST} does
     * without it.
     */
    public static final String GET_STREAM_PRELUDE = "event: start\nid: 0\ndata: {}\n\n";

    private static final ScheduledExecutorService SHARED_SCHEDULER = sharedScheduler();
    // Timer work writes to responses and may block on a stalled client: each such write takes a thread of its own.
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(daemon("instructor-sse-writer"));

    private final ObjectMapper mapper;
    private final ErrorMapper errorMapper;
    private final Duration heartbeat;
    private final Duration partialInterval;
    private final Duration timeLimit;
    private final Duration writeTimeout;
    private final boolean eventIds;
    private final ScheduledExecutorService scheduler;
    private final Executor writer;
    private final LongSupplier clock;

    private StructuredSse(Builder builder) {
        this.mapper = builder.mapper;
        this.errorMapper = builder.errorMapper;
        this.heartbeat = builder.heartbeat;
        this.partialInterval = builder.partialInterval;
        this.timeLimit = builder.timeLimit;
        this.writeTimeout = builder.writeTimeout;
        this.eventIds = builder.eventIds;
        this.scheduler = builder.scheduler;
        this.writer = builder.writer;
        this.clock = builder.clock;
    }

    /**
     * Returns true when a {@code GET} carrying {@code lastEventId} in its {@code Last-Event-ID} header is a reconnect:
     * an {@code EventSource} whose connection dropped, or a client retrying. A stream cannot be resumed, and a new one
     * would start another model call whose partials the client would mix with the first answer's, so answer it
     * {@code 204} with {@code Cache-Control: no-store} (a cache would otherwise hand the {@code 204} to a fresh
     * {@code EventSource}) and the CORS headers, without starting the model: {@code 204} makes an {@code EventSource}
     * stop reconnecting (WHATWG HTML, server-sent events). The adapters do so themselves.
     *
     * <p>Only a {@code GET} (or {@code HEAD}) comes from an {@code EventSource}. A {@code POST} carrying the header (a
     * fetch-based client resuming, a proxy adding it) must not start a model call either, but a {@code 204} is a
     * success to {@code fetch} and would stop its caller without a word: the adapters answer it {@code 400} with a
     * JSON body saying that a stream cannot be resumed (docs/wire-format.md, section 7).
     *
     * @param lastEventId the request's {@code Last-Event-ID} header, or null when it has none
     */
    public static boolean isReconnect(String lastEventId) {
        return lastEventId != null && !lastEventId.isBlank();
    }

    /** Returns an instance with the defaults of {@link Builder}. */
    public static StructuredSse create() {
        return builder().build();
    }

    /** Returns a builder with the defaults: 15 s heartbeat, 50 ms partial interval, no time limit, no ids. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes {@code stream} to {@code sink} on the calling thread, returning when the response has ended. The stream
     * is closed before this returns, at once if the client goes.
     *
     * @param stream the partial stream; consumed and closed
     * @param format the format the request asked for (see {@link SseFormat#negotiate})
     * @param sink the response
     */
    public void stream(PartialStream<?> stream, SseFormat format, SseSink sink) {
        SyncPump.run(
                stream, session(format, sink, stream::close, () -> attemptsStarted(stream.usagePerAttempt())), this);
    }

    /**
     * Writes {@code stream} to {@code sink} as its updates are published, without holding a thread, requesting each
     * update once the previous one has been written. The stream is cancelled at once if the client goes.
     *
     * @param stream the partial stream; subscribed to through {@link AsyncPartialStream#updates()}
     * @param format the format the request asked for
     * @param sink the response
     * @return a future completed, never exceptionally, when the response has ended
     */
    public CompletableFuture<Void> streamAsync(AsyncPartialStream<?> stream, SseFormat format, SseSink sink) {
        StreamSession session = session(format, sink, stream::cancel, () -> attemptsStarted(stream.usagePerAttempt()));
        AsyncPump.start(stream, session, this);
        return session.ended();
    }

    /**
     * Writes a final value as the {@code done} event's JSON: with the mapper set on the builder, or else with the
     * response model's, whose naming and modules the progress events (the model's own JSON) already follow.
     */
    String finalJson(Object value, ResponseModel<?> model) {
        ObjectMapper writing = mapper != null ? mapper : model.mapper();
        // One line, whatever the mapper's own settings: wire-format.md promises compact JSON.
        return writing.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    }

    /**
     * Returns the attempt a failure reports, or 0: only a spent re-ask ({@link InstructorRetryException}) counts its
     * attempts. A provider failure's own count is of HTTP retries within one attempt, so it is not used.
     */
    static int attemptOf(Throwable failure) {
        return DefaultErrors.unwrap(failure) instanceof InstructorRetryException spent ? spent.attempts() : 0;
    }

    /**
     * Returns how many attempts a stream has started: its per-attempt usage has one entry for each, from the moment
     * the attempt's request is sent, reported or not. It is how an {@code error} event names a re-ask that failed
     * before its first partial for a reason of the provider's (an HTTP error, a timeout, a dropped connection),
     * which no update and no failure reports.
     *
     * <p>The time limit reads it on a writer thread. The core streams keep this list safe to read from any thread;
     * a stream of one's own that does not may throw, and the session then falls back to the last attempt it saw.
     */
    private static int attemptsStarted(List<?> usagePerAttempt) {
        return usagePerAttempt == null ? 0 : usagePerAttempt.size();
    }

    /** Returns the executor that runs writes off the threads that must not block: timers', the async stream's. */
    Executor writer() {
        return writer;
    }

    /**
     * Ends {@code session} with the {@code error} event of {@code failure}: the mapper's error, the attempt, and for a
     * validation failure mapped as one its violations at the paths of the value the client holds ({@code model}'s).
     */
    void fail(StreamSession session, Throwable failure, ResponseModel<?> model) {
        SseError error = error(failure);
        String violations = null;
        if (error.type().equals("validation")) {
            try {
                violations = ViolationsJson.of(DefaultErrors.unwrap(failure), model);
            } catch (RuntimeException e) {
                // A stream of one's own whose responseModel() fails: the event goes out without them.
            }
        }
        session.fail(error, attemptOf(failure), violations);
    }

    SseError error(Throwable failure) {
        Throwable cause = DefaultErrors.unwrap(failure);
        try {
            SseError mapped = errorMapper.map(cause);
            if (mapped != null) {
                return mapped;
            }
        } catch (RuntimeException e) {
            // A faulty mapper must not leave the client hanging: fall through to the safe default.
        }
        return DefaultErrors.map(cause);
    }

    private StreamSession session(
            SseFormat format, SseSink sink, Runnable cancelUpstream, IntSupplier attemptsStarted) {
        if (format == null) {
            throw new NullPointerException("format");
        }
        if (sink == null) {
            throw new NullPointerException("sink");
        }
        SessionSettings settings = new SessionSettings(
                heartbeat.toNanos(),
                partialInterval.toNanos(),
                timeLimit.toNanos(),
                writeTimeout.toNanos(),
                eventIds,
                scheduler,
                writer,
                clock);
        return new StreamSession(sink, format, settings, cancelUpstream, attemptsStarted);
    }

    private static ScheduledExecutorService sharedScheduler() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, daemon("instructor-sse-timer"));
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Configures a {@link StructuredSse}; each setter checks its argument at once. */
    public static final class Builder {
        private ObjectMapper mapper; // null: the response model's
        private ErrorMapper errorMapper = ErrorMapper.defaults();
        private Duration heartbeat = Duration.ofSeconds(15);
        private Duration partialInterval = Duration.ofMillis(50);
        private Duration timeLimit = Duration.ZERO;
        private Duration writeTimeout = Duration.ofSeconds(30);
        private boolean eventIds;
        private ScheduledExecutorService scheduler = SHARED_SCHEDULER;
        private Executor writer = WRITERS;
        private LongSupplier clock = System::nanoTime;

        private Builder() {}

        /** For tests: a clock, and a writer executor, that move with a manual scheduler. */
        Builder time(LongSupplier clock, Executor writer) {
            this.clock = clock;
            this.writer = writer;
            return this;
        }

        /**
         * Sets the mapper that writes the final value of {@code done} events, in place of the stream's response model
         * mapper ({@link ResponseModel#mapper()}, set by {@link ResponseModel.Builder#mapper}), which writes them
         * unless this is set. The model's mapper keeps the keys of {@code done} those of the progress events, which
         * carry the model's JSON as it was bound (a snake_case naming strategy, say); a mapper set here should name
         * properties the same way. Indentation is turned off either way.
         *
         * @param mapper a Jackson 3 mapper
         * @return this builder
         */
        public Builder mapper(ObjectMapper mapper) {
            this.mapper = requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * Sets what {@code error} events say; a mapper that returns null defers to {@link ErrorMapper#defaults()}.
         *
         * @param errorMapper the mapping
         * @return this builder
         */
        public Builder errorMapper(ErrorMapper errorMapper) {
            this.errorMapper = requireNonNull(errorMapper, "errorMapper");
            return this;
        }

        /**
         * Sets the quiet time after which a {@code : ping} comment is written: it keeps proxies from closing an
         * idle connection and detects a client that has gone while the model is silent. TCP still accepts the first
         * write to a connection the client has closed, so a second ping follows each heartbeat a second later (half
         * the interval at most) unless something else was written: a departed client is found within this interval
         * and a second.
         *
         * @param heartbeat positive, or zero for no heartbeats; 15 s unless set
         * @return this builder
         */
        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = notNegative(heartbeat, "heartbeat");
            return this;
        }

        /**
         * Sets the least time between two progress events; a partial arriving sooner is held and replaced by newer
         * ones, and the latest is written when the interval ends (docs/wire-format.md, section 5.4, "pacing").
         *
         * <p>The same setting as {@code Instructor.Builder.partialInterval} and {@code
         * ChatRequest.Builder.partialInterval}, applied to the events written to the browser rather than to the
         * partials the stream yields; both apply, so the longer of the two sets the pace. It differs in its default, 50
         * ms here against none in core, because every event here costs framing bytes and a browser render.
         *
         * @param partialInterval zero to write every partial; 50 ms unless set
         * @return this builder
         */
        public Builder partialInterval(Duration partialInterval) {
            this.partialInterval = notNegative(partialInterval, "partialInterval");
            return this;
        }

        /**
         * Sets the longest a response may last; then it ends with an {@code error} event of type {@code timeout}
         * and the stream is cancelled.
         *
         * <p>Not the same limit as {@code Timeouts.total} of the provider SPI: that one bounds each provider request
         * and starts afresh for every re-ask, so a structured call with re-asks can outlast it several times over,
         * while this one bounds the whole response to the browser, re-asks included, from when its headers are sent.
         * Both may be set; whichever runs out first ends the response.
         *
         * @param timeLimit positive, or zero for none; none unless set
         * @return this builder
         */
        public Builder timeLimit(Duration timeLimit) {
            this.timeLimit = notNegative(timeLimit, "timeLimit");
            return this;
        }

        /**
         * Sets how long one write to a response may block, as on a client that keeps the connection open but stops
         * reading, before the client counts as gone: the stream is cancelled, which stops the model call.
         *
         * <p>The JDK's {@code HttpServer} has no write timeout of its own and offers no way to abort a blocked write,
         * so the thread that writes stays blocked until the connection fails; only the model call is saved. Servers
         * with a write or idle timeout (Jetty's, behind Javalin) also fail the write itself when theirs runs out.
         *
         * @param writeTimeout positive, or zero for none; 30 seconds unless set
         * @return this builder
         */
        public Builder writeTimeout(Duration writeTimeout) {
            this.writeTimeout = notNegative(writeTimeout, "writeTimeout");
            return this;
        }

        /**
         * Sets whether each event starts with an {@code id:} line counting 1, 2, 3, … (for logs; streams cannot be
         * resumed: the adapters answer a {@code GET} that sends an id back in {@code Last-Event-ID} with {@code 204}, a
         * {@code POST} with {@code 400}).
         *
         * @param eventIds true to send ids; false unless set
         * @return this builder
         */
        public Builder eventIds(boolean eventIds) {
            this.eventIds = eventIds;
            return this;
        }

        /**
         * Sets the scheduler that times heartbeats, paced events, time limits and write timeouts. It only fires
         * timers: the writes they cause, and the cancels, run on the {@link #writer(Executor) writer executor}, so a
         * client that stops reading cannot delay other responses.
         *
         * @param scheduler the scheduler; one shared daemon thread unless set
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Sets the executor that runs what the timers cause: heartbeat comments, partials held back by the {@linkplain
         * #partialInterval partial interval}, and the {@code timeout} error; and the writes of {@link #streamAsync},
         * one task at a time per response, in the order of its updates (an update whose task the executor rejects is
         * written on the thread that delivered it). Each task writes to one response and may block for as long as its
         * client does not read, so the executor should not make other responses' tasks wait behind it: give it as many
         * threads as responses may stall at once, or a thread per task (virtual threads on Java 21 and later).
         *
         * <p>A task the executor rejects ends its response: the model is stopped, as at the time limit, and the
         * response ends with an {@code error} event of type {@code internal}. A bounded executor therefore caps
         * the threads that stalled clients can hold, at the price of ending the responses beyond the cap.
         *
         * @param writer the executor; unless set, a shared pool of daemon threads that grows with the tasks running
         *     at once and ends threads idle for a minute
         * @return this builder
         */
        public Builder writer(Executor writer) {
            this.writer = requireNonNull(writer, "writer");
            return this;
        }

        /** Returns a new {@link StructuredSse}. */
        public StructuredSse build() {
            return new StructuredSse(this);
        }

        private static <T> T requireNonNull(T value, String name) {
            if (value == null) {
                throw new NullPointerException(name);
            }
            return value;
        }

        private static Duration notNegative(Duration value, String name) {
            requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + value);
            }
            return value;
        }
    }
}
