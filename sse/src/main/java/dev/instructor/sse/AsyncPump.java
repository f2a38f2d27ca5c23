package dev.instructor.sse;

import dev.instructor.AsyncPartialStream;
import dev.instructor.PartialUpdate;
import dev.instructor.sse.internal.StreamSession;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * Subscribes to an {@link AsyncPartialStream}'s updates and writes them to a session, one request at a time: the
 * next update is requested only after the previous one was written, and the stream conflates partials meanwhile.
 */
final class AsyncPump implements Flow.Subscriber<PartialUpdate<?>> {
    private final AsyncPartialStream<?> stream;
    private final StreamSession session;
    private final StructuredSse sse;
    private Flow.Subscription subscription;

    private AsyncPump(AsyncPartialStream<?> stream, StreamSession session, StructuredSse sse) {
        this.stream = stream;
        this.session = session;
        this.sse = sse;
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
        try {
            if (update.isFinal()) {
                session.done(sse.finalJson(update.value(), stream.responseModel()), update.attempt());
                return;
            }
            session.progress(update.json(), update.attempt());
        } catch (RuntimeException | Error e) {
            session.fail(sse.error(e), StructuredSse.attemptOf(e));
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
        session.fail(sse.error(failure), StructuredSse.attemptOf(failure));
    }

    @Override
    public void onComplete() {
        if (!session.isFinished()) {
            // Completed without a final update: the future holds the authoritative answer.
            stream.finalResponse().whenComplete((value, failure) -> {
                if (failure != null) {
                    session.fail(sse.error(failure), StructuredSse.attemptOf(failure));
                } else {
                    try {
                        session.done(sse.finalJson(value, stream.responseModel()), 1);
                    } catch (RuntimeException | Error e) {
                        session.fail(sse.error(e), StructuredSse.attemptOf(e));
                    }
                }
            });
        }
    }
}
