package dev.instructor.sse;

import dev.instructor.AsyncPartialStream;
import dev.instructor.PartialUpdate;
import dev.instructor.sse.internal.StreamSession;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Subscribes to an {@link AsyncPartialStream}'s updates and writes them to a session, one request at a time: the
 * next update is requested only after the previous one was written, and the stream conflates partials meanwhile.
 *
 * <p>Implementation notes. {@code onNext}, {@code onError} and {@code onComplete} are handed, in order, to the writer
 * executor (Reactive Streams rule 2.2), one at a time. The core delivers updates on the HTTP client's threads, which
 * every stream shares, and a write to a client that stopped reading blocks: written there, it would keep one of those
 * threads for as long as the client stalls. The cost is one hand-off per update delivered, not per chunk of the
 * provider's answer: the core conflates partials while one is being written.
 */
final class AsyncPump implements Flow.Subscriber<PartialUpdate<?>> {
    private final AsyncPartialStream<?> stream;
    private final StreamSession session;
    private final StructuredSse sse;
    private final Executor writer;
    private final Queue<Runnable> signals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingSignals = new AtomicInteger();
    private Flow.Subscription subscription;

    private AsyncPump(AsyncPartialStream<?> stream, StreamSession session, StructuredSse sse) {
        this.stream = stream;
        this.session = session;
        this.sse = sse;
        this.writer = sse.writer();
    }

    @SuppressWarnings("unchecked")
    static void start(AsyncPartialStream<?> stream, StreamSession session, StructuredSse sse) {
        session.start();
        if (session.isFinished()) {
            return; // the client left before the headers; start() already cancelled the stream
        }
        ((Flow.Publisher<PartialUpdate<?>>) (Flow.Publisher<?>) stream.updates())
                .subscribe(new AsyncPump(stream, session, sse));
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription"); // §2.13
        if (this.subscription != null) {
            subscription.cancel(); // §2.5: a second subscription is the publisher's error; the first goes on
            return;
        }
        this.subscription = subscription;
        if (session.isFinished()) {
            subscription.cancel(); // the client left or the time ran out while subscribing
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(PartialUpdate<?> update) {
        // §2.13: a null update is the publisher's error, thrown back to it, not a failure of the answer to report.
        Objects.requireNonNull(update, "update");
        handOver(() -> write(update));
    }

    private void write(PartialUpdate<?> update) {
        try {
            if (update.isFinal()) {
                session.done(sse.finalJson(update.value(), stream.responseModel()), update.attempt());
                return;
            }
            session.progress(update.json(), update.attempt());
        } catch (RuntimeException | Error e) {
            sse.fail(session, e, stream.responseModel());
            stream.cancel();
        }
        if (session.isFinished()) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable failure) {
        Objects.requireNonNull(failure, "failure"); // §2.13
        handOver(() -> sse.fail(session, failure, stream.responseModel()));
    }

    @Override
    public void onComplete() {
        handOver(this::complete);
    }

    private void complete() {
        if (!session.isFinished()) {
            // Completed without a final update: the future holds the authoritative answer.
            stream.finalResponse().whenComplete((value, failure) -> {
                if (failure != null) {
                    sse.fail(session, failure, stream.responseModel());
                } else {
                    try {
                        session.done(sse.finalJson(value, stream.responseModel()), 1);
                    } catch (RuntimeException | Error e) {
                        sse.fail(session, e, stream.responseModel());
                    }
                }
            });
        }
    }

    /** Runs {@code signal} on the writer after the signals before it, one at a time, in the order they came. */
    private void handOver(Runnable signal) {
        signals.add(signal);
        if (pendingSignals.getAndIncrement() == 0) {
            try {
                writer.execute(this::runSignals);
            } catch (RejectedExecutionException e) {
                runSignals(); // written here, as without a writer: better a blocked thread than a lost answer
            }
        }
    }

    private void runSignals() {
        do {
            try {
                signals.remove().run();
            } catch (RuntimeException | Error e) {
                // Thrown on, it would end this run with signals still counted, and none after it would ever run.
                sse.fail(session, e, stream.responseModel());
                stream.cancel();
            }
        } while (pendingSignals.decrementAndGet() != 0);
    }
}
