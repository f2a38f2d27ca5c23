package dev.instructor.internal.transport;

import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderException;
import dev.instructor.spi.ProviderListener;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A call's listener callbacks, queued while the call's lock is held and made after it is released: one at a time, in
 * order, by whichever thread comes to deliver while no other is delivering.
 *
 * <p>Why: a listener may take its time (a subscriber that blocks in {@code onNext}, a slow constructor of the
 * caller's). Called under the lock, it would hold up everything else that takes it: a {@code cancel()} from another
 * thread, the timers that end a stalled call. Queued, those go on at once, and what they decide (the connection
 * closed, a timeout's failure) reaches the listener when its callback returns.
 *
 * <p>Only the body's reader queues events, and it asks for more bytes through this queue ({@link #then}), after them:
 * whichever thread makes the callbacks asks once it has made them. So the queue holds at most one read's events and
 * the outcome, and a listener that takes its time slows the reading, as it did when it was called under the lock,
 * even while another thread is calling it.
 */
final class CallbackQueue {
    private static final Object COMPLETE = new Object();

    private final ProviderListener listener;
    private final Object lock;
    private final Runnable onListenerThrew;
    private final ConcurrentLinkedQueue<Object> callbacks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean delivering = new AtomicBoolean();
    private volatile boolean closed;
    // Set as the outcome's callback starts: from then on the call has ended for its caller too.
    private volatile boolean told;

    /**
     * @param lock the call's lock: {@link #deliver()} does nothing while the calling thread holds it
     * @param onListenerThrew ends the call when the listener throws out of {@code onEvent}
     */
    CallbackQueue(ProviderListener listener, Object lock, Runnable onListenerThrew) {
        this.listener = listener;
        this.lock = lock;
        this.onListenerThrew = onListenerThrew;
    }

    void event(ProviderEvent event) {
        callbacks.add(event);
    }

    void complete() {
        callbacks.add(COMPLETE);
    }

    void failure(ProviderException failure) {
        callbacks.add(failure);
    }

    /** Queues {@code step}, no callback, to run after the callbacks queued before it; dropped once closed. */
    void then(Runnable step) {
        callbacks.add(step);
    }

    /** Drops what is queued and whatever is queued later: no callback starts after this returns but one under way. */
    void close() {
        closed = true;
        callbacks.clear();
    }

    /**
     * Returns whether the call has ended as its caller sees it: closed, or the listener's outcome callback started. An
     * outcome decided but still queued behind a callback under way is not an end yet: a cancel meanwhile is a cancel of
     * a running call, which drops it.
     */
    boolean ended() {
        return closed || told;
    }

    /**
     * Makes the queued callbacks, unless the calling thread holds the call's lock (its outermost exit delivers) or
     * another thread is delivering (it takes these too, as it checks the queue again before it stops).
     */
    void deliver() {
        if (Thread.holdsLock(lock)) {
            return;
        }
        while (!callbacks.isEmpty() && delivering.compareAndSet(false, true)) {
            try {
                for (Object next = callbacks.poll(); next != null; next = callbacks.poll()) {
                    if (closed) {
                        callbacks.clear();
                        break;
                    }
                    make(next);
                }
            } finally {
                delivering.set(false);
            }
        }
    }

    private void make(Object callback) {
        try {
            if (callback instanceof Runnable step) {
                step.run();
            } else if (callback instanceof ProviderEvent event) {
                listener.onEvent(event);
            } else if (callback == COMPLETE) {
                told = true;
                listener.onComplete();
            } else {
                told = true;
                listener.onFailure((ProviderException) callback);
            }
        } catch (RuntimeException | Error e) {
            if (callback instanceof ProviderEvent) {
                onListenerThrew.run(); // as ProviderListener says: a listener that throws cancels its call
            }
            reportUncaught(e);
        }
    }

    static void reportUncaught(Throwable e) {
        Thread thread = Thread.currentThread();
        thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
    }
}
