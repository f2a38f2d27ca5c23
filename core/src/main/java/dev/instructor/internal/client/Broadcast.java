package dev.instructor.internal.client;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscription to a {@link PublishedPartialStream}, following the Reactive Streams rules: signals are serial
 * (§1.3) through a work-in-progress counter, never more {@code onNext} than requested (§1.1), a non-positive request
 * ends it with {@code onError} (§3.9) and counts as its cancel (§1.6), and cancel is idempotent (§3.5) and stops
 * signals soon (§3.12 is left to the stream: the last cancel aborts the call).
 *
 * @param <X> what the subscriber receives
 */
abstract class Broadcast<X> implements Flow.Subscription {
    private static final System.Logger LOG = System.getLogger("dev.instructor.Instructor");

    final Flow.Subscriber<? super X> subscriber;
    final PublishedPartialStream<?> stream;
    private final AtomicLong demand = new AtomicLong();
    /** Held (1) from creation until {@link #start()} has sent {@code onSubscribe}: no signal may come before it. */
    private final AtomicInteger work = new AtomicInteger(1);

    private volatile boolean cancelled;
    private volatile Throwable badRequest;
    private volatile boolean finished;

    Broadcast(PublishedPartialStream<?> stream, Flow.Subscriber<? super X> subscriber) {
        this.stream = stream;
        this.subscriber = PublishedPartialStream.requireSubscriber(subscriber);
    }

    @Override
    public final void request(long n) {
        if (n <= 0) {
            badRequest = new IllegalArgumentException("§3.9: request must be positive: " + n);
        } else {
            demand.getAndAccumulate(n, (current, add) -> current + add < 0 ? Long.MAX_VALUE : current + add);
        }
        drain();
    }

    @Override
    public final void cancel() {
        cancel(null);
    }

    /** Cancels the subscription; {@code cause}, what the subscriber threw or null, is the stream's if it was the last. */
    private void cancel(Throwable cause) {
        if (!cancelled) {
            cancelled = true;
            // §3.7 with §1.6: after its terminal signal the subscription counts as cancelled, and this call is a no-op;
            // it must not cancel a stream that others (a finalResponse() caller) may still be waiting on.
            if (!finished) {
                stream.detach(this, true, cause);
            }
        }
    }

    /**
     * Sends {@code onSubscribe}, then whatever the subscriber may receive. If it throws, the subscriber is broken
     * (§2.13) and cancelled, and {@code subscribe} returns normally all the same (§1.9), as it does when a later
     * signal throws. The subscription may be listed before this runs: the drains it misses meanwhile (its own
     * request's, another thread's) are made up for once {@code onSubscribe} has returned (§1.3).
     */
    final void start() {
        try {
            subscriber.onSubscribe(this);
        } catch (RuntimeException | Error e) {
            broken(e);
        }
        drainHeld(1);
    }

    /** §2.13: a subscriber that throws is broken; drop it, and keep the stream and the others going. */
    private void broken(Throwable e) {
        LOG.log(System.Logger.Level.WARNING, "subscriber " + subscriber + " threw; cancelling it", e);
        cancel(e);
    }

    /** Sends the subscriber whatever it may receive now; safe to call from any thread at any time. */
    final void drain() {
        if (work.getAndIncrement() != 0) {
            return;
        }
        drainHeld(1);
    }

    /** Sends what the subscriber may receive, as the thread holding the work counter, with {@code missed} drains to account for. */
    private void drainHeld(int missed) {
        do {
            if (!finished && !cancelled) {
                try {
                    if (badRequest != null) {
                        // §1.6: ended by onError, it counts as cancelled; the last one so ended aborts the call, as
                        // its cancel would (§3.12), rather than leave the model generating for no one.
                        finished = true;
                        stream.detach(this, true, null);
                        subscriber.onError(badRequest);
                    } else {
                        emit();
                    }
                } catch (RuntimeException | Error e) {
                    // An Error too: let through, it would leave this loop's count and the provider's callback broken.
                    broken(e);
                }
            }
            missed = work.addAndGet(-missed);
        } while (missed != 0);
    }

    /** Sends what the subscriber may receive: items while it has demand, then the end if the stream has ended. */
    abstract void emit();

    /** Takes one unit of demand, or returns false when there is none. */
    final boolean takeDemand() {
        while (true) {
            long current = demand.get();
            if (current == 0) {
                return false;
            }
            if (current == Long.MAX_VALUE || demand.compareAndSet(current, current - 1)) {
                return true;
            }
        }
    }

    final boolean isCancelled() {
        return cancelled;
    }

    /** Marks the subscription done before its terminal signal, so nothing follows it. */
    final void finish() {
        finished = true;
        stream.detach(this, false, null);
    }

    /** Ends the subscription with the stream's outcome. */
    final void terminate(Throwable failure) {
        finish();
        if (failure == null) {
            subscriber.onComplete();
        } else {
            subscriber.onError(failure);
        }
    }
}
