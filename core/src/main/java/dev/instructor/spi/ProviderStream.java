package dev.instructor.spi;

import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A blocking view of one call's events: {@link #hasNext()} waits for the next event, and the call's failure is
 * thrown from {@link #hasNext()} once the events before it have been read.
 *
 * <p>Use from one thread. {@link #close()} may be called from any thread and cancels the call. Events are queued
 * without bound, which is fine for LLM outputs (kilobytes) but means a stalled reader does not slow the server.
 */
public final class ProviderStream implements Iterator<ProviderEvent>, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.instructor.Instructor");
    private static final Object COMPLETE = new Object();
    private static final Object CLOSED = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile ProviderCall call;
    private Object next;
    private boolean ended;

    ProviderStream() {}

    void attach(ProviderCall call) {
        this.call = call;
    }

    ProviderListener listener() {
        return new ProviderListener() {
            @Override
            public void onEvent(ProviderEvent event) {
                queue.add(event);
            }

            @Override
            public void onComplete() {
                queue.add(COMPLETE);
            }

            @Override
            public void onFailure(ProviderException failure) {
                queue.add(failure);
            }
        };
    }

    /**
     * Waits for the next event.
     *
     * @throws ProviderException when the call failed
     * @throws CancellationException when the stream was closed before the call ended
     * @throws IllegalStateException when interrupted (the call is cancelled and the interrupt flag kept)
     */
    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (ended) {
            return false;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for the provider", e);
        }
        if (item == COMPLETE) {
            ended = true;
            return false;
        }
        if (item == CLOSED) {
            ended = true;
            throw new CancellationException("the stream was closed");
        }
        if (item instanceof ProviderException failure) {
            ended = true;
            throw failure;
        }
        next = item;
        return true;
    }

    /** Returns the next event, waiting for it. */
    @Override
    public ProviderEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ProviderEvent event = (ProviderEvent) next;
        next = null;
        return event;
    }

    /**
     * Cancels the call if it is still running, or cannot tell (its {@code isDone()} throws); a reader waiting in
     * {@link #hasNext()} is woken.
     */
    @Override
    public void close() {
        ProviderCall current = call;
        if (current != null && !hasEnded(current)) {
            current.cancel();
            // A cancelled call makes no further callback: wake the reader ourselves.
            queue.add(CLOSED);
        }
    }

    /** Returns whether {@code call} says it has ended; one that cannot tell is taken as running, to be cancelled. */
    private static boolean hasEnded(ProviderCall call) {
        try {
            return call.isDone();
        } catch (RuntimeException e) {
            // A provider's bug must not make close() throw and leave the call running and its reader waiting.
            LOG.log(Level.WARNING, "the provider's ProviderCall.isDone() threw; the call is cancelled", e);
            return false;
        }
    }
}
