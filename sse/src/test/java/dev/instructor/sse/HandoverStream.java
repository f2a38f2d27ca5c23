package dev.instructor.sse;

import dev.instructor.AsyncPartialStream;
import dev.instructor.PartialUpdate;
import dev.instructor.ResponseModel;
import dev.instructor.TypeRef;
import dev.instructor.Usage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stream whose {@link #updates()} keeps its subscriber, for a test to signal it as it likes, instead of sending it
 * anything; {@link #cancel()} cancels {@link #finalResponse()}.
 */
final class HandoverStream implements AsyncPartialStream<Object> {
    final AtomicReference<Flow.Subscriber<? super PartialUpdate<Object>>> subscriber = new AtomicReference<>();
    private final CompletableFuture<Object> finalResponse = new CompletableFuture<>();

    @Override
    public Flow.Publisher<PartialUpdate<Object>> updates() {
        return subscriber::set;
    }

    @Override
    public CompletableFuture<Object> finalResponse() {
        return finalResponse;
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
        return ResponseModel.of(Object.class);
    }

    @Override
    public Usage usage() {
        return Usage.ZERO;
    }

    @Override
    public List<Usage> usagePerAttempt() {
        return List.of();
    }

    @Override
    public void cancel() {
        finalResponse.cancel(false);
    }
}
