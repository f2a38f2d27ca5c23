package dev.instructor.internal.client;

import dev.instructor.PartialStream;
import dev.instructor.PartialUpdate;
import dev.instructor.ResponseModel;
import dev.instructor.TypeRef;
import dev.instructor.Usage;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderException;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.ProviderRequest;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The blocking {@link PartialStream}: provider callbacks only queue their events (a few kilobytes per answer), and
 * the caller's thread runs the engine, binding, validation and re-asks while it iterates. So every partial is seen,
 * a slow reader slows nobody else, and listeners run on the caller's thread.
 */
final class BlockingPartialStream<T> implements PartialStream<T> {
    private static final Object COMPLETE = new Object();
    private static final Object CLOSE = new Object();

    private final CallPlan<T> plan;
    private final ElementType elementType;
    private final LinkedBlockingQueue<Signal> inbox;
    private final ArrayDeque<Object> outbox = new ArrayDeque<>();
    private final StructuredRun<T> run;
    /** Held by the thread reading the run's output, which is the thread driving the run. */
    private final ReentrantLock reading = new ReentrantLock();

    private volatile boolean closed;
    /** Set once the close signal has been dispatched, by whichever thread held the lock. */
    private volatile boolean closeDispatched;

    private boolean iterated;
    /** Whether {@link #getFinalResponse()} consumed the stream before any iteration did, for a clear message. */
    private boolean consumedByFinal;

    private Update<T> last;
    private Throwable failure;
    private long flushAt;
    private boolean flushDue;

    /** An event of one attempt, handed from a provider thread to the caller's thread. */
    record Signal(int attempt, Object payload) {}

    /** A list element in the outbox, kept apart from updates. */
    private record Element(Object value) {}

    BlockingPartialStream(CallPlan<T> plan) {
        this(plan, new LinkedBlockingQueue<>());
    }

    /** Creates a stream over the given inbox: tests pass one that pauses its reader at a chosen point. */
    BlockingPartialStream(CallPlan<T> plan, LinkedBlockingQueue<Signal> inbox) {
        this.plan = plan;
        this.inbox = inbox;
        this.elementType = new ElementType(plan.model.type());
        this.run = new StructuredRun<>(plan, this::open, new Outbox(), this::flushIn);
        try {
            run.start();
        } catch (RuntimeException | Error e) {
            // An Error out of the provider's open() or a listener's onRequest, as dispatch() and the reactive stream
            // handle it: thrown out of this constructor, it would leave the listeners told of a request that never
            // ends.
            run.abortCall();
            run.fail(e);
        }
    }

    private ProviderCall open(ProviderRequest request, int attempt) {
        return plan.provider().open(request, new ProviderListener() {
            @Override
            public void onEvent(ProviderEvent event) {
                inbox.add(new Signal(attempt, event));
            }

            @Override
            public void onComplete() {
                inbox.add(new Signal(attempt, COMPLETE));
            }

            @Override
            public void onFailure(ProviderException failure) {
                inbox.add(new Signal(attempt, failure));
            }
        });
    }

    /** Receives the run's output on the caller's thread. */
    private final class Outbox implements Downstream<T> {
        @Override
        public void onUpdate(Update<T> update) {
            outbox.add(update);
        }

        @Override
        public void onElement(Object element) {
            outbox.add(new Element(element));
        }

        @Override
        public void onError(Throwable error) {
            outbox.add(error);
        }
    }

    /** The run's throttle holds a partial back: show it at this time unless something newer comes first. */
    private void flushIn(long nanos) {
        long at = System.nanoTime() + nanos;
        if (!flushDue || at - flushAt < 0) {
            flushAt = at;
        }
        flushDue = true;
    }

    /** Returns the next output of the run, waiting for it, or {@code null} when the run has ended. */
    private Object next() {
        reading.lock();
        Object item;
        try {
            item = read();
        } finally {
            reading.unlock();
        }
        if (closed) {
            // Closed from another thread while this one read: the close left the run to this reader, which may read
            // no more (it got what it waited for and leaves), so end it now. Checked after unlocking, as close() tries
            // the lock after setting closed: one of the two ends the run.
            endClosedUnlessReading();
        }
        return item;
    }

    private Object read() {
        if (closed) {
            return endClosed();
        }
        while (outbox.isEmpty()) {
            if (run.isDone()) {
                return null;
            }
            Signal signal;
            try {
                if (flushDue) {
                    signal = inbox.poll(flushAt - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (signal == null) {
                        flushDue = false;
                        run.flushHeld();
                        continue;
                    }
                } else {
                    signal = inbox.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                run.cancel("interrupted");
                throw new CancellationException("interrupted while waiting for the provider");
            }
            dispatch(signal);
        }
        Object item = outbox.poll();
        if (item instanceof Update<?> update && update.isFinal()) {
            @SuppressWarnings("unchecked")
            Update<T> finalUpdate = (Update<T>) update;
            last = finalUpdate;
        } else if (item instanceof Throwable error) {
            failure = error;
        }
        return item;
    }

    /**
     * Ends the iteration of a closed stream at once: what the provider had already delivered is dropped rather than
     * shown after the caller said it wants no more. The close signal is still dispatched, so the run is cancelled
     * and its listeners hear of it.
     */
    private Object endClosed() {
        for (Signal signal = inbox.poll(); signal != null; signal = inbox.poll()) {
            if (signal.payload() == CLOSE) {
                dispatch(signal);
            }
        }
        outbox.clear();
        return null;
    }

    private void dispatch(Signal signal) {
        try {
            Object payload = signal.payload();
            if (payload == CLOSE) {
                closeDispatched = true;
                run.cancel("the stream was closed");
            } else if (payload == COMPLETE) {
                run.onComplete(signal.attempt());
            } else if (payload instanceof ProviderException failure) {
                run.onFailure(signal.attempt(), failure);
            } else {
                run.onEvent(signal.attempt(), (ProviderEvent) payload);
            }
        } catch (RuntimeException | Error e) {
            // An exception out of the caller's code (a validator, a constructor) ends the run, as in the reactive
            // stream: thrown past it, it would leave the run waiting for signals that never come. Abort first, as the
            // reactive stream does: a listener may throw an Error out of fail too.
            run.abortCall();
            run.fail(e);
        }
    }

    /**
     * Returns the next item the view selects, or {@code null} at the end; throws the run's failure, except the
     * cancellation of a stream closed by the caller, which simply ends the iteration.
     */
    private <R> R nextOf(Function<Object, R> select) {
        for (Object item = next(); item != null; item = next()) {
            if (item instanceof Throwable error) {
                if (closed && error instanceof CancellationException) {
                    return null;
                }
                throw propagate(error);
            }
            R selected = select.apply(item);
            if (selected != null) {
                return selected;
            }
        }
        return null;
    }

    private static RuntimeException propagate(Throwable error) {
        if (error instanceof ProviderException provider) {
            CallerFrames.addTo(provider); // made on the transport's thread
            return provider;
        }
        if (error instanceof RuntimeException runtime) {
            return runtime;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return new IllegalStateException(error);
    }

    private void claim() {
        if (consumedByFinal) {
            throw new IllegalStateException(
                    "a PartialStream can be iterated once, and getFinalResponse() has consumed this one");
        }
        if (iterated) {
            throw new IllegalStateException(
                    "a PartialStream can be iterated once, through one of iterator(), updates() or elements()");
        }
        iterated = true;
    }

    @Override
    public Iterator<T> iterator() {
        claim();
        // No value is shown twice in a row: a final value equal to the last partial, or a re-ask's first partial
        // equal to the last of the attempt before. Within an attempt the run never repeats a partial, so only those
        // two are compared: equals on a long list is O(items), too much to pay on every partial.
        Object[] shown = {null};
        int[] shownAttempt = {0};
        return new Lookahead<>(() -> nextOf(item -> {
            if (!(item instanceof Update<?> update)) {
                return null;
            }
            T value = cast(update).value();
            if (value == null) {
                // A partial of no value (a wrapped list written null) is passed over and not counted as shown, as in
                // the async stream: the value shown before it is what the next one is compared with.
                return null;
            }
            boolean boundary = update.isFinal() || update.attempt() != shownAttempt[0];
            boolean repeat = boundary && shown[0] != null && PartialEquality.same(value, shown[0]);
            shown[0] = value;
            shownAttempt[0] = update.attempt();
            return repeat ? null : value;
        }));
    }

    @Override
    public Iterable<PartialUpdate<T>> updates() {
        claim();
        return () -> new Lookahead<>(() -> nextOf(item -> item instanceof Update<?> u ? cast(u) : null));
    }

    @Override
    public <E> Iterable<E> elements(Class<E> type) {
        elementType.check(type);
        return checkedElements();
    }

    @Override
    public <E> Iterable<E> elements(TypeRef<E> type) {
        elementType.check(Objects.requireNonNull(type, "elementType").type());
        return checkedElements();
    }

    /** Returns the elements, which the caller checked are of type {@code E}. */
    @SuppressWarnings("unchecked")
    private <E> Iterable<E> checkedElements() {
        claim();
        return () -> new Lookahead<>(() -> nextOf(item -> item instanceof Element e ? (E) e.value() : null));
    }

    @SuppressWarnings("unchecked")
    private Update<T> cast(Update<?> update) {
        return (Update<T>) update;
    }

    @Override
    public T getFinalResponse() {
        if (!iterated) {
            consumedByFinal = true;
            iterated = true;
        }
        while (next() != null) {
            // Consume what is left; next() keeps the final update and the failure.
        }
        if (last != null) {
            return last.value();
        }
        if (failure != null) {
            throw propagate(failure);
        }
        throw new CancellationException("the stream was closed before its final value");
    }

    @Override
    public ResponseModel<T> responseModel() {
        return plan.model;
    }

    @Override
    public Usage usage() {
        return run.usage();
    }

    @Override
    public List<Usage> usagePerAttempt() {
        return run.usagePerAttempt();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            run.abortCall(); // at once, even while the reading thread is busy elsewhere
            inbox.add(new Signal(0, CLOSE));
            // No one is reading (the stream closed as the caller leaves its loop): end the run now, so its listeners
            // hear of the cancellation. A reader, if there is one, does it when it wakes up or returns.
            endClosedUnlessReading();
        }
    }

    private void endClosedUnlessReading() {
        while (!reading.isHeldByCurrentThread() && reading.tryLock()) {
            try {
                endClosed();
            } finally {
                reading.unlock();
            }
            // A close() that queued its signal after this drain, and found the lock held, left the run to this thread:
            // look again once the lock is free. It is free now, so a close() that comes later ends the run itself; and
            // once the signal is dispatched, late provider events are no reason to stay.
            if (closeDispatched || inbox.isEmpty()) {
                return;
            }
        }
    }

    /** An iterator over a supplier that returns {@code null} at the end. */
    private static final class Lookahead<R> implements Iterator<R> {
        private final Supplier<R> source;
        private R next;
        private boolean ended;

        Lookahead(Supplier<R> source) {
            this.source = source;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !ended) {
                next = source.get();
                ended = next == null;
            }
            return next != null;
        }

        @Override
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            R item = next;
            next = null;
            return item;
        }
    }
}
