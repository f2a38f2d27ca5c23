package dev.instructor.internal.client;

import java.util.concurrent.Flow;

/**
 * A subscription to the list elements of a stream: every element from the first, each once, as far as demand
 * allows. Elements are never conflated; a failure is signalled at once.
 */
final class ElementBroadcast<E> extends Broadcast<E> {
    private final Class<E> type;
    private int next;

    ElementBroadcast(PublishedPartialStream<?> stream, Flow.Subscriber<? super E> subscriber, Class<E> type) {
        super(stream, subscriber);
        this.type = type;
    }

    @Override
    void emit() {
        boolean ended = stream.terminated();
        Throwable failure = stream.failure();
        if (failure != null) {
            terminate(failure);
            return;
        }
        while (next < stream.elementCount() && takeDemand()) {
            subscriber.onNext(type.cast(stream.element(next++)));
            if (isCancelled()) {
                return;
            }
        }
        if (ended && next == stream.elementCount()) {
            terminate(null);
        }
    }
}
