package dev.instructor.sse;

import dev.instructor.AsyncPartialStream;
import dev.instructor.PartialUpdate;
import dev.instructor.ResponseModel;
import dev.instructor.TypeRef;
import dev.instructor.Usage;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link AsyncPartialStream} that plays a {@link Script} on its own thread, honouring demand, and records
 * cancellation and the most demand ever outstanding.
 */
public final class FakeAsyncPartialStream implements AsyncPartialStream<Object> {
    private final List<Script.Step> steps;
    private final ResponseModel<Object> model;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final CompletableFuture<Object> finalResponse = new CompletableFuture<>();
    private final AtomicLong demand = new AtomicLong();
    private volatile long maxDemand;
    private volatile long cancelledAtNanos;

    public FakeAsyncPartialStream(Script script) {
        this(script, ResponseModel.of(Object.class));
    }

    /** A stream whose {@link #responseModel()} is {@code model}, as of a call for another type than Object. */
    @SuppressWarnings("unchecked")
    FakeAsyncPartialStream(Script script, ResponseModel<?> model) {
        this.steps = script.steps();
        this.model = (ResponseModel<Object>) model;
    }

    long cancelledAtNanos() {
        return cancelledAtNanos;
    }

    long maxDemand() {
        return maxDemand;
    }

    public boolean awaitCancelled(long millis) throws InterruptedException {
        return cancelled.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Flow.Publisher<PartialUpdate<Object>> updates() {
        return subscriber -> {
            Thread thread = new Thread(() -> play(subscriber), "fake-async-stream");
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    long now = demand.addAndGet(n);
                    maxDemand = Math.max(maxDemand, now);
                }

                @Override
                public void cancel() {
                    FakeAsyncPartialStream.this.cancel();
                }
            });
            thread.start();
        };
    }

    private void play(Flow.Subscriber<? super PartialUpdate<Object>> subscriber) {
        try {
            for (Script.Step step : steps) {
                if (step.update() != null) {
                    while (demand.get() == 0) {
                        if (cancelled.await(1, TimeUnit.MILLISECONDS)) {
                            throw new CancellationException();
                        }
                    }
                    demand.decrementAndGet();
                    if (step.update().isFinal()) {
                        finalResponse.complete(step.update().value());
                    }
                    subscriber.onNext(step.update());
                } else if (step.failure() != null) {
                    throw step.failure();
                } else if (step.pause() != null) {
                    cancelled.await(step.pause().toNanos(), TimeUnit.NANOSECONDS);
                } else if (step.gate() != null) {
                    while (!step.gate().await(5, TimeUnit.MILLISECONDS) && cancelled.getCount() > 0) {
                        // wait
                    }
                } else if (step.silentForever()) {
                    cancelled.await();
                }
                if (cancelled.getCount() == 0) {
                    throw new CancellationException();
                }
            }
            subscriber.onComplete();
        } catch (RuntimeException e) {
            finalResponse.completeExceptionally(e);
            subscriber.onError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public CompletableFuture<Object> finalResponse() {
        return finalResponse;
    }

    @Override
    public void cancel() {
        if (cancelledAtNanos == 0) {
            cancelledAtNanos = System.nanoTime();
        }
        cancelled.countDown();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Object> subscriber) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <E> Flow.Publisher<E> elements(Class<E> elementType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <E> Flow.Publisher<E> elements(TypeRef<E> elementType) {
        throw new UnsupportedOperationException();
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
        return List.of();
    }
}
