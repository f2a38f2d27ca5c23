package dev.instructor.internal.transport;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads and drops the rest of a body whose call ended at its end marker, for a short while: an HTTP/1.1 body read to
 * its end leaves its connection to the client's pool for the next call, and the body's own end (a chunked body's last
 * chunk) usually follows the marker at once. A body that goes on longer or for more bytes is cancelled, which closes
 * its connection.
 *
 * <p>Thread-safe: the body's callbacks, the caller's cancel and the drain's own timer may race; the first to end the
 * drain wins and the others do nothing.
 */
final class BodyDrain {
    /** How long the rest of a body is read before its connection is closed. */
    private static final Duration TIME = Duration.ofSeconds(2);

    /** How many bytes of the rest of a body are read before its connection is closed. */
    private static final int MAX_BYTES = 64 << 10;

    // Guarded by this. Null once the drain is over, however it ended.
    private Flow.Subscription body;
    private long bytes;
    private ScheduledFuture<?> timer;

    private BodyDrain(Flow.Subscription body) {
        this.body = body;
    }

    /** Starts draining {@code body}, whose call has ended; the body's callbacks must go to the returned drain. */
    static BodyDrain start(Flow.Subscription body) {
        BodyDrain drain = new BodyDrain(body);
        synchronized (drain) {
            drain.timer = JdkHttpTransport.TIMERS.schedule(drain::close, TIME.toNanos(), TimeUnit.NANOSECONDS);
        }
        return drain;
    }

    /**
     * Counts bytes that came after the end marker, {@code received} already read and {@code buffers}; returns whether
     * to read on. False when the drain is over or the body goes on too long: the caller then cancels the body, once
     * it has released its call's lock (see {@link #close}).
     */
    synchronized boolean read(long received, List<ByteBuffer> buffers) {
        if (body == null) {
            return false;
        }
        bytes += received;
        for (ByteBuffer buffer : buffers) {
            bytes += buffer.remaining();
        }
        if (bytes <= MAX_BYTES) {
            return true;
        }
        end();
        return false;
    }

    /** The body ended, with or without an error: nothing is left to read or close. */
    synchronized void ended() {
        body = null;
        cancelTimer();
    }

    /** Stops reading and closes the connection, unless the drain is over already. */
    void close() {
        Flow.Subscription drained;
        synchronized (this) {
            if (body == null) {
                return;
            }
            drained = end();
        }
        // Cancelled outside the lock: the body's callbacks take their call's lock and then this one, which a client
        // whose cancel calls back into the body's subscriber would otherwise take in the opposite order.
        drained.cancel();
    }

    /** Ends the drain: returns the body to cancel. Called holding this lock, with the body not yet null. */
    private Flow.Subscription end() {
        Flow.Subscription drained = body;
        body = null;
        cancelTimer();
        return drained;
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
