package dev.instructor.sse.internal;

import dev.instructor.json.PartialValue;
import dev.instructor.sse.SseError;
import dev.instructor.sse.SseFormat;
import dev.instructor.sse.SseSink;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * One response of a structured stream: the events written to a {@link SseSink}, in order, with pacing, heartbeats,
 * ids and a time limit, and the upstream call cancelled when the client goes.
 *
 * <p>Implementation notes. Every method may be called from a different thread (the thread reading the model, a
 * writer executor's for heartbeats, paced events and the time limit, which the scheduler hands over), so all state is
 * guarded by this object's lock and the sink is only written while holding it. Cancelling the upstream call happens
 * after the lock is released: it may take a while, and the thread reading the model may need this lock to notice it is
 * over. Once finished the session ignores everything, which makes the races between a late partial, a heartbeat and a
 * failed write harmless.
 */
public final class StreamSession {
    /** How long after a heartbeat's ping each probe follows, unless something was written; half an interval at most. */
    private static final long PROBE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How many probes follow a heartbeat's ping (see {@link #heartbeat}). */
    private static final int PROBES = 2;

    private static final SseError TIMEOUT = new SseError("timeout", "The answer took longer than the server allows.");
    private static final SseError WRITER_REJECTED =
            new SseError("internal", "The server is too busy to keep this answer going.");
    private final SseSink sink;
    private final SessionSettings settings;
    private final SseFormat format;
    private final ProgressEncoder encoder;
    private final Runnable cancelUpstream;
    private final IntSupplier attemptsStarted;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile boolean timedOut;
    /** Set when the writer executor refused timer work: the response cannot be kept alive, so it ends. */
    private volatile boolean writerRejected;
    /** {@link #finished}, readable without the lock: a timer that fires as the response ends must not stop the call. */
    private volatile boolean over;
    /** True while {@link #sink} is being written, since {@link #writeStarted}; read by the write watch. */
    private volatile boolean writing;

    private volatile long writeStarted;
    private volatile Future<?> writeWatch;
    /** Set when the write watch handed the cancel to the writer; run by the watch itself if it is still waiting. */
    private volatile boolean cancelOnWriter;

    // Guarded by this.
    private boolean finished;
    private boolean mustCancel;
    private long lastWrite;
    /** Writes that succeeded; with {@link #writesAtPing}, whether anything was written since the last ping. */
    private long writes;

    private long writesAtPing;
    /** How many probes are left after a heartbeat's ping; the heartbeat's next run is one of them (see heartbeat). */
    private int probesDue;

    private boolean progressSent;
    private long lastProgress;
    private PartialValue held;
    /** The pending timer's own token while a held partial waits for it; a restart drops it, so the timer is stale. */
    private Object flushTimer;

    private long nextId = 1;
    private int attempt = 1;
    private Future<?> heartbeat;
    private Future<?> timeLimit;

    /**
     * Creates a session that has written nothing yet.
     *
     * @param cancelUpstream stops the model call; run at most once, when the client goes or the time is up
     * @param attemptsStarted how many attempts the stream has started, or 0 when it cannot tell; read when the
     *     response ends with an error, from the thread that ends it, and may throw
     */
    public StreamSession(
            SseSink sink,
            SseFormat format,
            SessionSettings settings,
            Runnable cancelUpstream,
            IntSupplier attemptsStarted) {
        this.sink = sink;
        this.format = format;
        this.settings = settings;
        this.encoder = format == SseFormat.DELTA ? ProgressEncoder.delta() : ProgressEncoder.snapshot();
        this.cancelUpstream = cancelUpstream;
        this.attemptsStarted = attemptsStarted;
    }

    /** Returns the headers of a stream in {@code format}, without CORS. */
    public static Map<String, String> headers(SseFormat format) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/event-stream");
        // no-transform as well: a compressing proxy (webpack's dev server, Traefik, Caddy) would otherwise hold the
        // events in its buffer, and the page would get the partials all at once at the end.
        headers.put("Cache-Control", "no-cache, no-transform");
        headers.put("X-Accel-Buffering", "no");
        headers.put("X-Instructor-Format", format.wireName());
        headers.put("Vary", "Accept");
        return headers;
    }

    /** Sends the headers and starts the heartbeat and the time limit. */
    public void start() {
        synchronized (this) {
            try {
                sink.open(headers(format));
                lastWrite = settings.nanoTime();
            } catch (Exception | Error e) {
                // An Error as well (a class of the server missing, a buffer that cannot be had): the response is
                // broken either way, and the model must not run on for nobody.
                clientGone();
            }
            if (!finished && settings.heartbeatNanos() > 0) {
                heartbeat = schedule(this::heartbeat, settings.heartbeatNanos());
            }
            if (!finished && settings.timeLimitNanos() > 0) {
                timeLimit = schedule(this::timeUp, settings.timeLimitNanos());
            }
            if (!finished && settings.writeTimeoutNanos() > 0) {
                try {
                    writeWatch = scheduleWriteCheck(settings.writeTimeoutNanos());
                } catch (RejectedExecutionException e) {
                    // As schedule() does: the lock is held, so the model is stopped once it is released.
                    writerRejected = true;
                    mustCancel = true;
                    writeError(WRITER_REJECTED, runningAttempt());
                }
            }
        }
        afterUnlock();
    }

    /** Returns true once the response has ended; the caller should stop reading the model. */
    public synchronized boolean isFinished() {
        return finished;
    }

    /** Returns a future completed when the response has ended, however it ended. */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    /**
     * Sends a partial value of {@code attempt}, after a {@code restart} event if the attempt is new; paced.
     *
     * @param value the partial JSON
     * @param attempt 1 for the first request, more for re-asks
     */
    public void progress(PartialValue value, int attempt) {
        synchronized (this) {
            if (finished) {
                return;
            }
            if (attempt > this.attempt) {
                restart(attempt);
            }
            long now = settings.nanoTime();
            long pacing = settings.pacingNanos();
            if (pacing == 0 || !progressSent || now - lastProgress >= pacing) {
                held = null;
                writeProgress(value, now);
            } else {
                held = value;
                if (flushTimer == null) {
                    Object timer = new Object();
                    flushTimer = timer;
                    schedule(() -> flushHeld(timer), lastProgress + pacing - now);
                }
            }
        }
        afterUnlock();
    }

    /**
     * Ends the response with a {@code done} event carrying {@code finalJson}; a partial held back is dropped.
     *
     * @param finalJson the final value as compact JSON
     * @param attempt the attempt that produced it; a new one is announced with {@code restart} first
     */
    public void done(String finalJson, int attempt) {
        synchronized (this) {
            if (finished) {
                return;
            }
            held = null;
            if (attempt > this.attempt) {
                restart(attempt);
            }
            writeEvent("done", JsonWriting.escapeLoneSurrogates(finalJson));
            end();
        }
        afterUnlock();
    }

    /**
     * Ends the response with an {@code error} event. The event's attempt is the largest of the last one seen in an
     * update, the attempts the stream reports started, and {@code failedAttempt}: a re-ask that fails before its
     * first partial (an HTTP error, a timeout, a dropped connection) has shown no update, so only the stream or the
     * failure can tell that it started. Such an attempt is announced with {@code restart} first, so that the client
     * drops the previous attempt's partial, which a partial held back then goes with; otherwise a partial held back is
     * written before the error. The event lists {@code violations} (a JSON array, see {@link ViolationsJson}) when it
     * is not null and the error shown is {@code error}, not a timeout's.
     *
     * @param error what to tell the user
     * @param failedAttempt the attempt the failure itself reports, or 0 when it reports none
     * @param violations the {@code violations} member's JSON, or null for none
     */
    public void fail(SseError error, int failedAttempt, String violations) {
        synchronized (this) {
            if (finished) {
                return;
            }
            SseError shown = timedOut ? TIMEOUT : writerRejected ? WRITER_REJECTED : error;
            writeError(shown, Math.max(failedAttempt, runningAttempt()), shown == error ? violations : null);
        }
        afterUnlock();
    }

    /** Writes the error event of {@code failedAttempt}, after a restart when no update announced it, and ends. */
    private void writeError(SseError error, int failedAttempt) {
        writeError(error, failedAttempt, null);
    }

    private void writeError(SseError error, int failedAttempt, String violations) {
        if (failedAttempt > attempt) {
            restart(failedAttempt);
        } else {
            flushHeldNow();
        }
        writeEvent("error", errorJson(error, failedAttempt, violations));
        end();
    }

    /** Returns the attempt running now: the stream may have started one that has shown no partial yet. */
    private int runningAttempt() {
        int started;
        try {
            started = attemptsStarted.getAsInt();
        } catch (RuntimeException | Error e) {
            // An error event with the attempt last seen beats none at all, and a session that never ends.
            started = 0;
        }
        return Math.max(attempt, started);
    }

    private void restart(int newAttempt) {
        held = null; // it belongs to the old attempt
        // The pending timer keeps the old attempt's interval: left to act, it would write the new attempt's second
        // partial before the interval its first one starts has ended.
        flushTimer = null;
        attempt = newAttempt;
        encoder.reset();
        progressSent = false;
        writeEvent("restart", "{\"attempt\":" + newAttempt + "}");
    }

    private void writeProgress(PartialValue value, long now) {
        String data = encoder.encode(value);
        if (data == null) {
            return;
        }
        progressSent = true;
        lastProgress = now;
        write(SseFrames.event(nextId(), null, data, encoder.spaceAfterData()));
    }

    private void writeEvent(String name, String data) {
        write(SseFrames.event(nextId(), name, data, true));
    }

    private String nextId() {
        return settings.eventIds() ? Long.toString(nextId++) : null;
    }

    private void write(String text) {
        if (finished) {
            return;
        }
        try {
            writeStarted = settings.nanoTime();
            writing = true;
            sink.write(text.getBytes(StandardCharsets.UTF_8));
            lastWrite = settings.nanoTime();
            writes++;
        } catch (Exception | Error e) {
            // A failed write is how "the browser left" becomes "stop the model".
            clientGone();
        } finally {
            writing = false;
        }
    }

    /**
     * Schedules a check, in {@code delayNanos}, of whether a write has blocked for longer than the write timeout. It
     * runs on the scheduler and never takes the lock, which the blocked write holds: a client that keeps the
     * connection open but stops reading would otherwise hold the model call open for ever, since no write fails. The
     * write itself stays blocked until the server gives up on the connection; only the model call can be stopped.
     */
    private Future<?> scheduleWriteCheck(long delayNanos) {
        return settings.scheduler().schedule(this::checkWrites, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkWrites() {
        if (over) {
            return;
        }
        long timeout = settings.writeTimeoutNanos();
        // writing before writeStarted: a write that began since then only makes the wait look shorter.
        boolean blocking = writing;
        long blocked = blocking ? settings.nanoTime() - writeStarted : 0;
        if (blocked >= timeout) {
            if (cancelOnWriter) {
                // A write timeout after the cancel went to the writer, the write still blocks and the cancel has not
                // run: the writer's threads are stuck too, this write's among them. Stopped here, or never.
                cancelUpstreamOnce();
                return;
            }
            // On the writer, as the time limit's cancel: the stream's cancel runs the caller's listeners, which must
            // not hold up the timers every response shares. A writer that refuses it leaves it to this thread.
            cancelOnWriter = true;
            runOnWriter(this::cancelUpstreamOnce);
            blocked = 0; // checked again a write timeout from now
        }
        try {
            writeWatch = scheduleWriteCheck(timeout - blocked);
        } catch (RejectedExecutionException e) {
            writerRefused(); // on the scheduler, without the lock, as for any timer that cannot run
        }
    }

    private void flushHeld(Object timer) {
        synchronized (this) {
            if (timer != flushTimer) {
                return; // a restart came after it was set
            }
            flushTimer = null;
            flushHeldNow();
        }
        afterUnlock();
    }

    private void flushHeldNow() {
        if (!finished && held != null) {
            PartialValue value = held;
            held = null;
            writeProgress(value, settings.nanoTime());
        }
    }

    private void heartbeat() {
        synchronized (this) {
            if (finished) {
                return;
            }
            long interval = settings.heartbeatNanos();
            long next;
            int probes = probesDue;
            probesDue = 0;
            if (probes > 0 && writes == writesAtPing) {
                // TCP accepts the first write to a connection the browser has closed (the browser's side answers it
                // with a reset), so a heartbeat alone finds a departed browser only at the next one, an interval
                // later, while a silent model runs on for nobody. A ping soon after fails at once; on servers that
                // report a failed write only at the next one (Undertow), the second probe does.
                write(SseFrames.PING);
                writesAtPing = writes;
                probesDue = probes - 1;
                next = probesDue > 0 ? Math.min(PROBE_NANOS, interval / 2) : interval;
            } else {
                long idle = settings.nanoTime() - lastWrite;
                if (idle >= interval) {
                    write(SseFrames.PING);
                    writesAtPing = writes;
                    probesDue = PROBES;
                    next = Math.min(PROBE_NANOS, interval / 2);
                } else {
                    next = interval - idle; // written since: that write was the probe, if one was due
                }
            }
            if (!finished) {
                heartbeat = schedule(this::heartbeat, next);
            }
        }
        afterUnlock();
    }

    private void timeUp() {
        // Stop the model before taking the lock: a write stuck on a client that stopped reading holds it, and the
        // time limit must still end the paid call. The reader then fails, and fail() reports the timeout.
        if (over) {
            return; // the response ended while this timer's work waited for a writer thread
        }
        timedOut = true;
        cancelUpstreamOnce();
        synchronized (this) {
            if (finished) {
                return;
            }
            writeError(TIMEOUT, runningAttempt());
        }
        afterUnlock();
    }

    private void clientGone() {
        mustCancel = true;
        end();
    }

    private void end() {
        if (finished) {
            return;
        }
        finished = true;
        over = true;
        held = null;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (timeLimit != null) {
            timeLimit.cancel(false);
        }
        Future<?> watch = writeWatch;
        if (watch != null) {
            watch.cancel(false);
        }
        try {
            sink.close();
        } catch (RuntimeException | Error ignored) {
            // The response is over either way; an Error escaping here would leave ended() never completed.
        }
    }

    /**
     * Stops the model if the client went or the time is up, then reports the end; both outside the lock, so that
     * neither a slow cancel nor the code waiting for the end (a framework finishing the request) runs under it.
     */
    private void afterUnlock() {
        boolean cancel;
        boolean over;
        synchronized (this) {
            cancel = mustCancel;
            over = finished;
        }
        if (cancel) {
            cancelUpstreamOnce();
        }
        if (over) {
            ended.complete(null);
        }
    }

    private void cancelUpstreamOnce() {
        if (cancelled.compareAndSet(false, true)) {
            try {
                cancelUpstream.run();
            } catch (RuntimeException | Error ignored) {
                // Closing a stream that failed on its own may throw; the call is over either way. An Error too:
                // thrown on, it would skip completing ended(), and the framework would wait for the response forever.
            }
        }
    }

    // The scheduler only fires timers; the work, which writes and may block on a client that stopped reading,
    // runs on the writer executor, so one stalled connection cannot delay every other response's heartbeats.
    // Called holding the lock. A scheduler that refuses the timer (one shut down) is treated as a writer that
    // refuses its work: the response ends with an error at once and the model is stopped once the lock is released.
    private Future<?> schedule(Runnable task, long delayNanos) {
        try {
            return settings.scheduler()
                    .schedule(() -> runOnWriter(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            writerRejected = true;
            mustCancel = true;
            writeError(WRITER_REJECTED, runningAttempt());
            return null;
        }
    }

    private void runOnWriter(Runnable task) {
        try {
            settings.writer().execute(task);
        } catch (RejectedExecutionException e) {
            writerRefused();
        }
    }

    /**
     * A timer's work that never runs would leave the response without heartbeats, a held partial unsent or the time
     * limit unenforced. So the model is stopped, as at the time limit, and the reader then ends the response with an
     * error. Not under the lock: this runs on the scheduler, which a write stuck on a stalled client must not block.
     */
    private void writerRefused() {
        if (over) {
            return;
        }
        writerRejected = true;
        cancelUpstreamOnce();
    }

    private static String errorJson(SseError error, int attempt, String violations) {
        return "{\"error\":" + JsonWriting.quote(error.message()) + ",\"type\":" + JsonWriting.quote(error.type())
                + ",\"attempt\":" + attempt + (violations == null ? "" : ",\"violations\":" + violations) + "}";
    }
}
