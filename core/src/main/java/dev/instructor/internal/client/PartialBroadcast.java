package dev.instructor.internal.client;

import dev.instructor.PartialUpdate;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * A subscription to the partials (or updates) of a stream: when the subscriber asks, it gets the latest update it
 * has not seen, so a slow subscriber skips intermediate partials instead of buffering them. The final value is
 * never skipped: it stays the latest update, and completion follows it.
 */
final class PartialBroadcast<T, X> extends Broadcast<X> {
    private final Function<PartialUpdate<T>, X> map;
    private final PublishedPartialStream<T> source;
    private Update<T> seen;
    private X lastSent;
    private int lastSentAttempt;

    PartialBroadcast(
            PublishedPartialStream<T> stream,
            Flow.Subscriber<? super X> subscriber,
            Function<PartialUpdate<T>, X> map) {
        super(stream, subscriber);
        this.source = stream;
        this.map = map;
    }

    @Override
    void emit() {
        // Read the outcome before the latest update: the final update is published before termination.
        boolean ended = source.terminated();
        Throwable failure = source.failure();
        if (failure != null) {
            terminate(failure);
            return;
        }
        Update<T> latest = source.latest();
        if (latest != null && latest != seen) {
            X item = map.apply(latest);
            // No value is sent twice in a row: a final value equal to the last partial, or a re-ask's first partial
            // equal to the last of the attempt before. Within an attempt the run never repeats a partial.
            boolean boundary = latest.isFinal() || latest.attempt() != lastSentAttempt;
            if (item == null) {
                // A partial of no value (a wrapped list the model wrote as null): onNext(null) is forbidden (§2.13),
                // and the blocking iterator skips it too.
                seen = latest;
            } else if (boundary && lastSent != null && PartialEquality.same(item, lastSent)) {
                seen = latest;
            } else if (takeDemand()) {
                seen = latest;
                lastSent = item;
                lastSentAttempt = latest.attempt();
                subscriber.onNext(item);
                if (isCancelled()) {
                    return;
                }
            }
        }
        if (ended && seen != null && seen.isFinal()) {
            terminate(null);
        }
    }
}
