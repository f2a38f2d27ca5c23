package dev.instructor.internal.client;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;

/**
 * A subscription to the list elements of a stream: every element from the first, each once, as far as demand
 * allows. Elements are never conflated nor dropped: a failure follows the elements handed out before it, as the end
 * does; a cancellation is signalled at once.
 */
final class ElementBroadcast<E> extends Broadcast<E> {
    private int next;

    /** The stream's elements are of type {@code E}: the caller checked it against the response model. */
    ElementBroadcast(PublishedPartialStream<?> stream, Flow.Subscriber<? super E> subscriber) {
        super(stream, subscriber);
    }

    @Override
    void emit() {
        boolean ended = stream.terminated();
        Throwable failure = stream.failure();
        if (failure instanceof CancellationException) {
            terminate(failure);
            return;
        }
        while (next < stream.elementCount() && takeDemand()) {
            subscriber.onNext(element(next++));
            if (isCancelled()) {
                return;
            }
        }
        if (ended && next == stream.elementCount()) {
            terminate(failure);
        }
    }

    @SuppressWarnings("unchecked")
    private E element(int index) {
        return (E) stream.element(index);
    }
}
