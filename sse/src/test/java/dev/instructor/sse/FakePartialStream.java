package dev.instructor.sse;

import dev.instructor.PartialStream;
import dev.instructor.PartialUpdate;
import dev.instructor.ResponseModel;
import dev.instructor.TypeRef;
import dev.instructor.Usage;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A {@link PartialStream} that plays a {@link Script} on the reading thread and records when it was closed. */
public final class FakePartialStream implements PartialStream<Object> {
    private final List<Script.Step> steps;
    private final ResponseModel<Object> model;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile long closedAtNanos;
    private volatile boolean completed;
    private Object finalValue;
    private Supplier<List<Usage>> usagePerAttempt = List::of;

    public FakePartialStream(Script script) {
        this(script, ResponseModel.of(Object.class));
    }

    /** A stream whose {@link #responseModel()} is {@code model}, as of a call for another type than Object. */
    @SuppressWarnings("unchecked")
    FakePartialStream(Script script, ResponseModel<?> model) {
        this.steps = script.steps();
        this.model = (ResponseModel<Object>) model;
    }

    /** Makes {@link #usagePerAttempt()} answer with {@code usages}, which may throw; empty unless set. */
    FakePartialStream usagePerAttempt(Supplier<List<Usage>> usages) {
        this.usagePerAttempt = usages;
        return this;
    }

    /** Returns when {@link #close()} was first called, by {@link System#nanoTime()}, or 0 if never. */
    long closedAtNanos() {
        return closedAtNanos;
    }

    /** Returns true once close was called before the script ended. */
    boolean wasAborted() {
        return closedAtNanos != 0 && !completed;
    }

    /** Waits up to {@code millis} for close. */
    boolean awaitClosed(long millis) throws InterruptedException {
        return closed.await(millis, TimeUnit.MILLISECONDS);
    }

    private final Iterator<PartialUpdate<Object>> iterator = new Iterator<>() {
        private int index;
        private PartialUpdate<Object> next;

        @Override
        public boolean hasNext() {
            while (next == null && index < steps.size()) {
                checkOpen();
                Script.Step step = steps.get(index++);
                if (step.update() != null) {
                    next = step.update();
                } else if (step.failure() != null) {
                    completed = true;
                    throw step.failure();
                } else {
                    waitFor(step);
                }
            }
            if (next == null) {
                completed = true;
            }
            return next != null;
        }

        @Override
        public PartialUpdate<Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            PartialUpdate<Object> update = next;
            next = null;
            if (update.isFinal()) {
                finalValue = update.value();
                completed = true;
            }
            return update;
        }
    };

    @Override
    public Iterable<PartialUpdate<Object>> updates() {
        return () -> iterator;
    }

    private void waitFor(Script.Step step) {
        try {
            if (step.pause() != null) {
                closed.await(step.pause().toNanos(), TimeUnit.NANOSECONDS);
            } else if (step.gate() != null) {
                while (!step.gate().await(5, TimeUnit.MILLISECONDS) && closed.getCount() > 0) {
                    // wait for the test or for close
                }
            } else if (step.silentForever()) {
                closed.await();
            } else if (step.reached() != null) {
                step.reached().countDown();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        checkOpen();
    }

    private void checkOpen() {
        if (closed.getCount() == 0) {
            // What a real stream does when closed mid-way: iteration fails.
            throw new IllegalStateException("stream closed");
        }
    }

    @Override
    public Iterator<Object> iterator() {
        throw new UnsupportedOperationException();
    }

    @Override
    public <E> Iterable<E> elements(Class<E> elementType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <E> Iterable<E> elements(TypeRef<E> elementType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object getFinalResponse() {
        while (iterator.hasNext()) {
            iterator.next();
        }
        return finalValue;
    }

    @Override
    public ResponseModel<Object> responseModel() {
        return model;
    }

    @Override
    public Usage usage() {
        return Usage.ZERO;
    }

    @Override
    public List<Usage> usagePerAttempt() {
        return usagePerAttempt.get();
    }

    @Override
    public void close() {
        if (closedAtNanos == 0) {
            closedAtNanos = System.nanoTime();
        }
        closed.countDown();
    }
}
