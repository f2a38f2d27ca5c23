package dev.instructor.examples.demo;

import dev.instructor.AsyncPartialStream;
import dev.instructor.PartialUpdate;
import dev.instructor.ResponseModel;
import dev.instructor.TypeRef;
import dev.instructor.Usage;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * An {@link AsyncPartialStream} that reports when it is cancelled, which is when the SSE layer found the browser
 * gone: the log says so, and offline diagnostics time the upstream close against it.
 */
final class CancelRecordingStream<T> implements AsyncPartialStream<T> {
    private final AsyncPartialStream<T> delegate;
    private final Consumer<Instant> onCancel;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    CancelRecordingStream(AsyncPartialStream<T> delegate, Consumer<Instant> onCancel) {
        this.delegate = delegate;
        this.onCancel = onCancel;
    }

    @Override
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            onCancel.accept(Instant.now());
        }
        delegate.cancel();
    }

    @Override
    public CompletableFuture<T> finalResponse() {
        return delegate.finalResponse();
    }

    @Override
    public Flow.Publisher<PartialUpdate<T>> updates() {
        return delegate.updates();
    }

    @Override
    public <E> Flow.Publisher<E> elements(Class<E> elementType) {
        return delegate.elements(elementType);
    }

    @Override
    public <E> Flow.Publisher<E> elements(TypeRef<E> elementType) {
        return delegate.elements(elementType);
    }

    @Override
    public ResponseModel<T> responseModel() {
        return delegate.responseModel();
    }

    @Override
    public Usage usage() {
        return delegate.usage();
    }

    @Override
    public List<Usage> usagePerAttempt() {
        return delegate.usagePerAttempt();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        delegate.subscribe(subscriber);
    }
}
