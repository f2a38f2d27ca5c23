package dev.instructor.internal.transport;

import dev.instructor.spi.ConnectionException;
import dev.instructor.spi.MalformedStreamException;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderException;
import dev.instructor.spi.ProviderHttpException;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.ProviderTimeoutException;
import dev.instructor.spi.ProviderTimeoutException.Kind;
import dev.instructor.spi.Timeouts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.core.JacksonException;

/**
 * One call: sends the request (retrying retryable statuses and connection failures until a 2xx status), pushes
 * the body through the parser and decoder ({@link ResponseBody}), enforces the timeouts and delivers the outcome once.
 *
 * <p>Implementation notes: every entry point (the response, a send's failure, the body's callbacks, the timers'
 * tasks, a refusal, a cancel) decides while holding {@code lock} and acts once it has released it: under the lock
 * only the call's state changes; the calls out to the HTTP client (aborting an exchange, cancelling or reading on a
 * body), to the client's executor and to the listener come after, so none waits for a lock of theirs, or for a
 * listener, while holding this one. Every callback to the listener is decided after checking {@code done}, so none
 * is decided after the outcome, and made through a {@link CallbackQueue}: callbacks never overlap, keep their order,
 * and none starts after a cancel but one under way, while a listener that takes its time holds up neither a cancel
 * nor the timers that end a stalled call. Each entry point delivers what it queued when it leaves ({@link #leave}),
 * and every entry point runs on the client's executor: the body's callbacks, which the JDK makes there; the timers'
 * tasks, which the timer thread hands there; and the response future's completion, which the JDK makes on the common
 * pool (or on the thread that sent, when it failed at once) and this class hands there. So the listener is called on
 * that executor only, the caller's when it gave the client one; except when the executor refuses work (shut down):
 * the call then fails, and its listener hears of it on the transport's shared pool (see {@link #refused}). The idle
 * timeout is one timer that, when it fires early, re-arms itself for the rest of the period since the last bytes,
 * instead of a reschedule per network chunk. Ending the call for any reason cancels the body subscription, which
 * makes the JDK client close the connection; except a call completed at its end marker, whose body a
 * {@link BodyDrain} reads on to its end for a short while, so that the connection can serve the next call. A failure
 * a decoder holds (see {@code hold}) replaces whatever outcome ends the call while it waits.
 *
 * <p>Longer than most classes (about 600 lines): the request, its retries, the timeouts and the held failure share
 * one lock and one {@code done} flag, and splitting them would spread that one invariant over several classes.
 */
final class StreamingCall implements ProviderCall, ResponseBody.Call {
    private final JdkHttpTransport transport;
    private final OutgoingRequest request;
    private final JdkHttpTransport.Framing framing;
    private final StreamDecoder decoder;
    private final Timeouts timeouts;

    private final EventSink sink = new EventSink(this);
    private final Object lock = new Object();
    private final CallbackQueue callbacks;
    private final ClientThreads threads;

    // Guarded by lock.
    private boolean done;
    private int attempts;
    // Set at the first event that is more than an acknowledgement: the idle timeout applies from then on.
    private boolean streaming;
    // Set once any attempt got a 2xx status: the provider accepted the request and may already be generating (and
    // billing), so from then on nothing is resubmitted, whether or not an event or any body byte arrived.
    private boolean accepted;
    private boolean retryPending;
    private CompletableFuture<?> exchange;
    // The body of the current attempt, until it ends: what ending the call cancels.
    private Flow.Subscription subscription;
    private ScheduledFuture<?> firstEventTimer;
    private ScheduledFuture<?> idleTimer;
    private ScheduledFuture<?> totalTimer;
    private ScheduledFuture<?> retryTimer;
    // Set when the call completed at its end marker before the body ended (see endAtMarker).
    private BodyDrain drain;
    // A failure the decoder has decided on but holds while it reads what follows (see hold): whatever then ends the
    // call, but a cancel, ends it with this failure.
    private ProviderException heldFailure;
    private ScheduledFuture<?> heldTimer;
    private volatile long lastBytesNanos;
    // What aborts the exchange of a call that ended, set under the lock and run once it is released (see leave).
    private final AtomicReference<Runnable> abort = new AtomicReference<>();

    StreamingCall(
            JdkHttpTransport transport,
            OutgoingRequest request,
            JdkHttpTransport.Framing framing,
            StreamDecoder decoder,
            ProviderListener listener,
            Timeouts timeouts) {
        this.transport = transport;
        this.request = request;
        this.framing = framing;
        this.decoder = decoder;
        this.callbacks = new CallbackQueue(listener, lock, this::cancel);
        this.threads = new ClientThreads(transport.executor(), this::ended, this::refused);
        this.timeouts = timeouts;
    }

    void start() {
        synchronized (lock) {
            if (timeouts.total() != null) {
                totalTimer = threads.schedule(() -> timeout(Kind.TOTAL, timeouts.total(), 0), timeouts.total());
            }
        }
        send();
    }

    private void send() {
        int attempt;
        synchronized (lock) {
            if (done) {
                return;
            }
            attempts++;
            retryPending = false;
            subscription = null;
            exchange = null;
            attempt = attempts;
            firstEventTimer = threads.schedule(
                    () -> timeout(Kind.FIRST_EVENT, timeouts.firstEvent(), attempt), timeouts.firstEvent());
        }
        String accept = framing == JdkHttpTransport.Framing.SSE ? "text/event-stream" : "application/x-ndjson";
        CompletableFuture<HttpResponse<byte[]>> response;
        try {
            response = transport.client().sendAsync(request.toHttpRequest(accept), info -> subscriber(info, attempt));
        } catch (RejectedExecutionException e) {
            // The client hands each exchange to its executor before sendAsync returns: a shut-down one refuses it.
            refused(e);
            return;
        }
        boolean ended;
        synchronized (lock) {
            // Sent outside the lock, the call may have ended meanwhile, and its end found no exchange to abort.
            ended = done;
            exchange = response;
        }
        if (ended) {
            response.cancel(true);
            return;
        }
        // A future that has completed already (a failed connect) runs this at once, on this thread.
        response.whenComplete((result, failure) -> onResponse(result, failure, attempt));
    }

    private HttpResponse.BodySubscriber<byte[]> subscriber(HttpResponse.ResponseInfo info, int attempt) {
        if (info.statusCode() / 100 == 2) {
            synchronized (lock) {
                if (!stale(attempt)) {
                    accepted = true;
                    sink.requestId(RequestId.of(info.headers()));
                }
            }
            String contentType = info.headers().firstValue("content-type").orElse("no Content-Type");
            String encoding = info.headers().firstValue("content-encoding").orElse(null);
            return new ResponseBody(this, lock, callbacks, sink, framing, attempt, contentType, encoding);
        }
        // Bounded: an error body from a proxy can be endless; the status, type and message are in its first bytes.
        return new BoundedBody(ResponseBody.MAX_HEAD_BYTES);
    }

    /** Returns whether a callback belongs to an attempt that was since retried or ended. */
    private boolean stale(int attempt) {
        return done || retryPending || attempt != attempts;
    }

    /**
     * Called on whichever thread completes the response future: the JDK's common pool, or the thread that sent (or
     * cancelled) it. What it decides is decided and delivered on the client's executor, as every callback is.
     */
    private void onResponse(HttpResponse<byte[]> response, Throwable failure, int attempt) {
        if (failure == null && response.statusCode() / 100 == 2) {
            // The body subscriber takes it from here. Nothing queued here: delivering, this thread would take over the
            // reader's callbacks, and a slow listener would keep it here while the reader went on reading.
            return;
        }
        synchronized (lock) {
            if (stale(attempt)) {
                return; // an exchange cancelled as the call ended, or retried: nothing to hand over
            }
        }
        threads.run(() -> {
            try {
                decide(response, failure, attempt);
            } finally {
                leave();
            }
        });
    }

    private void decide(HttpResponse<byte[]> response, Throwable failure, int attempt) {
        if (failure != null) {
            onSendFailure(failure instanceof CompletionException ? failure.getCause() : failure, attempt);
            return;
        }
        int status = response.statusCode();
        byte[] body = BodyInflater.inflateWhole(
                response.headers().firstValue("content-encoding").orElse(null),
                response.body() == null ? new byte[0] : response.body(),
                ResponseBody.MAX_HEAD_BYTES);
        ProviderError error = ProviderError.fromBody(body);
        // A header's delay first; Gemini sends its quota 429s with the delay in the body only.
        Optional<Duration> requested =
                RetryPolicy.serverDelay(response.headers(), Instant.now()).or(() -> RetryPolicy.bodyDelay(body));
        synchronized (lock) {
            if (stale(attempt)) {
                return;
            }
            boolean retryable = RetryPolicy.isRetryable(status, error, response.headers());
            String note = "";
            if (!retryable) {
                note = status / 100 == 3
                        ? redirectNote(response)
                        : status == 404 ? "sent to " + shown(response.uri()) : RetryPolicy.note(error);
            } else if (attempts <= transport.retry().maxRetries()) {
                Duration delay = transport.retry().delay(attempts, requested);
                if (!transport.retry().waitsFor(requested)) {
                    note = transport.retry().tooLong(requested.orElseThrow());
                } else if (outlastsTotal(delay)) {
                    note = notRetried(delay);
                } else {
                    retryAfter(delay);
                    return;
                }
            }
            // A delay is advice on when to try again: reported only when trying again may succeed.
            fail(new ProviderHttpException(
                    transport.provider(),
                    status,
                    error.type(),
                    error.message(),
                    attempts,
                    retryable,
                    retryable ? requested.orElse(null) : null,
                    note,
                    RequestId.of(response.headers())));
        }
    }

    /**
     * Says where a redirect points, or {@code ""} when it names no place: the client never follows one, and a user
     * told only "HTTP 301" has to find out that an http:// base URL moved to https://, or a gateway moved its path.
     */
    private static String redirectNote(HttpResponse<?> response) {
        String location = response.headers().firstValue("location").orElse("").strip();
        if (location.isEmpty()) {
            return "";
        }
        String target;
        try {
            target = response.uri().resolve(location).toString();
        } catch (IllegalArgumentException notUri) {
            target = location;
        }
        return "redirected to " + DataExcerpt.of(target)
                + ", not followed as it would carry the API key there: change the base URL to match";
    }

    /**
     * Returns a URI for a message, without the user info a base URL may hold ({@code https://user:secret@host}): a
     * 404's, whose body (Ollama's, vLLM's, a gateway's) rarely says more than "not found", while its URL often shows
     * the mistake, a base URL without its {@code /v1}.
     */
    private static String shown(URI uri) {
        String text = uri.toString();
        return DataExcerpt.of(uri.getRawUserInfo() == null ? text : text.replace(uri.getRawUserInfo() + "@", ""));
    }

    private void onSendFailure(Throwable failure, int attempt) {
        synchronized (lock) {
            if (stale(attempt)) {
                return;
            }
            RejectedExecutionException refusal = refusalIn(failure);
            if (refusal != null) {
                // A JDK client whose executor refuses its work may abort its exchanges with that refusal.
                fail(refusal(refusal));
                return;
            }
            String note = "";
            if (failure instanceof IOException
                    && !accepted
                    && attempts <= transport.retry().maxRetries()) {
                Duration delay = transport.retry().delay(attempts, Optional.empty());
                if (!outlastsTotal(delay)) {
                    retryAfter(delay);
                    return;
                }
                note = "; " + notRetried(delay);
            }
            String partial = sink.partialText();
            if (failure instanceof HttpConnectTimeoutException) {
                // The client's connect timeout, which is the transport's: a call's own is never applied.
                fail(new ProviderTimeoutException(
                        transport.provider(), Kind.CONNECT, transport.timeouts().connect(), partial, attempts));
            } else if (failure instanceof IOException io) {
                fail(new ConnectionException(transport.provider(), "connection failed" + note, partial, attempts, io));
            } else {
                fail(new ConnectionException(transport.provider(), partial, attempts, new IOException(failure)));
            }
        }
    }

    /**
     * Returns whether a retry after {@code delay} would start after the total timeout ended the call, which would
     * then report a timeout instead of the failure that called for the retry.
     */
    private boolean outlastsTotal(Duration delay) {
        return totalTimer != null && delay.toNanos() >= totalTimer.getDelay(TimeUnit.NANOSECONDS);
    }

    private static String notRetried(Duration delay) {
        return "not retried: its wait of " + delay.toMillis() + " ms outlasts the total timeout";
    }

    private void retryAfter(Duration delay) {
        // From now on, late callbacks of the failed attempt are stale, so one failure schedules one retry.
        retryPending = true;
        cancel(firstEventTimer);
        cancel(idleTimer);
        retryTimer = threads.schedule(this::send, delay);
    }

    @Override
    public boolean reads(int attempt) {
        return !stale(attempt);
    }

    @Override
    public BodyDrain drain(int attempt) {
        return drain != null && attempt == attempts ? drain : null;
    }

    @Override
    public void body(Flow.Subscription body) {
        subscription = body;
    }

    @Override
    public void bytesArrived() {
        lastBytesNanos = System.nanoTime();
    }

    @Override
    public void onEvent(SseEvent event) {
        if (done) {
            return;
        }
        if (!streaming && !acknowledgesOnly(event)) {
            streaming = true;
            cancel(firstEventTimer);
            // Idle counts from here: before the first event, however long the silence after the headers, a first
            // byte or an acknowledgement (a reasoning model thinking), the first-event limit alone applies.
            int attempt = attempts;
            idleTimer = threads.schedule(() -> checkIdle(attempt), timeouts.idle());
        }
        deliver(new ProviderEvent.Raw(event.event(), event.data()));
        try {
            decoder.onEvent(event, sink);
        } catch (JacksonException e) {
            fail(new MalformedStreamException(
                    transport.provider(),
                    "event data is not valid JSON: " + DataExcerpt.of(event.data()),
                    sink.partialText(),
                    attempts,
                    e));
        } catch (RuntimeException e) {
            // Valid JSON the decoder could not read. Left to escape, the JDK would report it as a connection failure.
            fail(new MalformedStreamException(
                    transport.provider(),
                    "event data could not be decoded (" + e + "): " + DataExcerpt.of(event.data()),
                    sink.partialText(),
                    attempts,
                    e));
        }
    }

    /** Asks the decoder; one that fails to tell counts the event as the answer's first (its onEvent may say more). */
    private boolean acknowledgesOnly(SseEvent event) {
        try {
            return decoder.acknowledgesOnly(event);
        } catch (RuntimeException e) {
            // Left to escape, the JDK would report it as a connection failure.
            return false;
        }
    }

    @Override
    public void onEnd() {
        if (!done) {
            decoder.onEnd(sink);
        }
        if (!done) {
            sink.incomplete("stream ended without an end marker");
        }
    }

    private void checkIdle(int attempt) {
        synchronized (lock) {
            if (stale(attempt)) {
                return;
            }
            long idleNanos = timeouts.idle().toNanos();
            long silent = System.nanoTime() - lastBytesNanos;
            if (silent < idleNanos) {
                idleTimer = threads.schedule(() -> checkIdle(attempt), Duration.ofNanos(idleNanos - silent));
                return;
            }
        }
        timeout(Kind.IDLE, timeouts.idle(), attempt);
    }

    /**
     * Ends the call with a timeout of {@code kind}, unless the attempt its timer was set for ({@code 0}: the whole
     * call) is over: cancelling a timer does not take back the task it already handed to the client's executor.
     */
    private void timeout(Kind kind, Duration length, int attempt) {
        synchronized (lock) {
            boolean over = attempt == 0 ? done : stale(attempt);
            // A first event may have come between the timer's firing and this task's turn on the callback threads.
            if (!over && !(kind == Kind.FIRST_EVENT && streaming)) {
                fail(new ProviderTimeoutException(transport.provider(), kind, length, sink.partialText(), attempts));
            }
        }
        leave();
    }

    /** Called by the decoder, under the lock. */
    void deliver(ProviderEvent event) {
        synchronized (lock) {
            if (!done) {
                callbacks.event(event);
            }
        }
    }

    /** Called by the decoder, under the lock. */
    void complete(ProviderEvent.Finish finish) {
        synchronized (lock) {
            if (heldFailure != null) {
                fail(heldFailure);
            } else if (!done) {
                deliver(finish);
                endAtMarker();
                callbacks.complete();
            }
        }
        leaveOutermost();
    }

    /** Called by the decoder and the body, under the lock, and by a held failure's timer. */
    @Override
    public void fail(ProviderException failure) {
        synchronized (lock) {
            if (!done) {
                end();
                callbacks.failure(heldFailure != null ? heldFailure : failure);
            }
        }
        leaveOutermost();
    }

    /**
     * Ends the call because the client's executor refused work (it was shut down): a timer's task, the exchange of a
     * send or a retry, or the JDK's own work for the body. The executor takes nothing more, so the failure is
     * delivered on the transport's shared pool; a thread of the executor still making a callback takes it instead,
     * as the queue lets one thread deliver at a time. Events queued before it may go with it on the shared pool, when
     * the pool's thread gets to them before the executor's thread that queued them: which comes first cannot be told
     * under the lock, as the thread delivering takes from the queue without it.
     */
    @Override
    public void refused(RejectedExecutionException refusal) {
        boolean decided;
        synchronized (lock) {
            decided = !done;
            if (decided) {
                end();
                callbacks.failure(heldFailure != null ? heldFailure : refusal(refusal));
            }
        }
        if (decided) { // else whatever ended the call tells of it, where its callbacks belong
            JdkHttpTransport.runOnSharedPool(this::leave);
        }
    }

    /** Under the lock: the failure of a call whose client's executor refused work. */
    private ConnectionException refusal(RejectedExecutionException refusal) {
        return new ConnectionException(
                transport.provider(),
                "the HTTP client's executor refused the call's work (is it shut down?)",
                sink.partialText(),
                attempts,
                new IOException(refusal));
    }

    /** Returns the executor's refusal that caused {@code failure}, if one did. */
    static RejectedExecutionException refusalIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RejectedExecutionException refusal) {
                return refusal;
            }
        }
        return null;
    }

    /**
     * Called by the decoder, under the lock: decides the call's outcome, {@code failure}, but lets events through for
     * at most {@code wait} more: a provider may follow its error with an event that says more (usage), or may stop
     * there. Whatever ends the call meanwhile (the decoder, the body's end or failure, a timeout, the wait) ends it
     * with {@code failure}, except a cancel.
     */
    void hold(ProviderException failure, Duration wait) {
        synchronized (lock) {
            if (done || heldFailure != null) {
                return;
            }
            heldFailure = failure;
            heldTimer = threads.schedule(() -> fail(failure), wait);
        }
    }

    @Override
    public void cancel() {
        Runnable aborting;
        BodyDrain drained = null;
        synchronized (lock) {
            callbacks.close();
            if (!done) {
                end();
            } else {
                drained = drain; // the caller is done with the exchange: its connection is not kept for the next
            }
            aborting = abort.getAndSet(null);
        }
        // At once, on the caller's thread: the connection is closed by the time cancel() returns.
        if (aborting != null) {
            aborting.run();
        }
        if (drained != null) {
            drained.close();
        }
    }

    /**
     * Returns whether the call was cancelled or its listener told of its outcome: not merely decided, as {@code done}
     * is, which may wait behind a busy listener. Callers take a call that is done for one that makes no more
     * callbacks but its outcome's (which a cancel must not take back), and cancel one that is not.
     */
    @Override
    public boolean isDone() {
        return callbacks.ended();
    }

    private boolean ended() {
        synchronized (lock) {
            return done;
        }
    }

    int attempts() {
        synchronized (lock) {
            return attempts;
        }
    }

    String provider() {
        return transport.provider();
    }

    /**
     * Marks the call done and releases what it holds, as {@link #end()} does, but reads the rest of a body that has
     * not ended yet, for a while, rather than closing its connection: a body's end marker usually comes just before
     * the body's own end, and a connection whose body was read to its end can serve the next call.
     */
    private void endAtMarker() {
        if (subscription == null) {
            end();
            return;
        }
        Flow.Subscription body = subscription;
        // Neither is cancelled by end(): cancelling the body closes the connection, and so does cancelling the
        // response future, which may not have completed yet (its completion is delivered apart from the body's bytes).
        subscription = null;
        exchange = null;
        end();
        drain = BodyDrain.start(body);
    }

    /**
     * Under the lock: marks the call done and cancels its timers; what aborts its exchange and closes its connection
     * is left for {@link #leave} (or {@link #cancel}) to run once the lock is released, as the JDK client aborts an
     * exchange under a lock of its own that it also holds while it calls the body's subscriber, which then waits for
     * this call's lock: aborted under it, the two would wait for each other.
     */
    private void end() {
        done = true;
        cancel(firstEventTimer);
        cancel(idleTimer);
        cancel(totalTimer);
        cancel(retryTimer);
        cancel(heldTimer);
        Flow.Subscription body = subscription;
        CompletableFuture<?> pending = exchange;
        if (body != null || pending != null) {
            abort.set(() -> {
                if (body != null) {
                    body.cancel();
                }
                if (pending != null) {
                    pending.cancel(true);
                }
            });
        }
    }

    /**
     * The last step of every entry point, once it has released the lock: carries out what it decided under it. An
     * exchange the call's end left to abort is aborted on the shared pool rather than here, as this thread may be
     * making one of that exchange's own callbacks for the JDK; then the callbacks queued are made.
     */
    @Override
    public void leave() {
        if (abort.get() != null) {
            Runnable aborting = abort.getAndSet(null);
            if (aborting != null) {
                JdkHttpTransport.runOnSharedPool(aborting);
            }
        }
        callbacks.deliver();
    }

    /** Leaves an entry point the decoder may also call under the lock: then the outermost one leaves. */
    private void leaveOutermost() {
        if (!Thread.holdsLock(lock)) {
            leave();
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "StreamingCall[" + request + "]";
    }
}
