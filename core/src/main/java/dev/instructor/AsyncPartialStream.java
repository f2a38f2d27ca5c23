package dev.instructor;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A structured answer arriving as ever-fuller partial values, published without a thread per stream: it rides on
 * the HTTP client's asynchronous I/O.
 *
 * <p><b>Backpressure.</b> A subscriber that requests slowly receives the <em>latest</em> partial when it asks;
 * intermediate partials are conflated, so nothing buffers without bound. The final value and the elements of
 * {@link #elements(Class)} are never dropped.
 *
 * <p><b>Cancellation.</b> {@link #cancel()}, or cancelling the subscription of every subscriber, aborts the provider
 * request at once. A subscription ended by a non-positive {@code request(n)} (§3.9: {@code onError} with an
 * {@link IllegalArgumentException}) counts as cancelled, and so does that of a subscriber that throws (§2.13); when it
 * was the last, the stream's {@link java.util.concurrent.CancellationException} has what it threw as its cause (on
 * Java 25, {@code finalResponse().get()} throws a new {@code CancellationException} whose cause is the stream's; {@code
 * handle} and {@code exceptionally} see the stream's own).
 *
 * <p><b>Errors.</b> A failure is signalled through {@code onError} to subscribers and completes
 * {@link #finalResponse()} exceptionally, with the same exception types as {@link PartialStream}.
 *
 * <p><b>Threads.</b> Subscribers are signalled on the threads of the provider's HTTP client. By default those are a
 * few (four) that every stream of the built-in providers shares. A subscriber that blocks in {@code onNext} slows its
 * own call's reading (the next bytes are read when it returns) and keeps one of those threads, but holds up neither a
 * {@link #cancel()} from another thread nor its call's timeouts: those close the connection at once, and the
 * subscriber hears of them when it returns. Subscribers blocking on all of those threads at once stall every stream.
 * Hand slow or blocking work (a write to a slow client, a database) to an executor of your own, or give the provider
 * one: {@code OpenAi.builder().httpClient(http -> http.executor(executor))} (virtual threads on Java 21, or a pool
 * sized for the subscribers that block). Subscribers of that provider's streams are then signalled on that executor
 * only, for everything the stream does: the provider's events, timeouts and retries, a throttled partial shown later,
 * what arrived while {@code streamAsync} was returning. Two exceptions: {@code subscribe}, {@code request} and
 * {@link #cancel()} may signal subscribers on the thread that calls them, as Reactive Streams allows; and once that
 * executor refuses work (shut down), the stream fails with a {@code ConnectionException} signalled on the shared
 * threads.
 *
 * <p>All methods are safe to call from any thread.
 *
 * @param <T> the response model's type
 */
public interface AsyncPartialStream<T> extends Flow.Publisher<T> {

    /**
     * Returns a future of the final, fully validated value; a new one on each call, all completed together.
     *
     * <p>Cancelling the returned future, or any other way of completing it exceptionally before the stream ends
     * ({@code orTimeout}, {@code completeExceptionally}), cancels the stream as {@link #cancel()} does: the provider
     * request is aborted and subscribers get {@code onError} with a {@link java.util.concurrent.CancellationException}.
     * Completing it normally affects that future only: not the stream, nor the futures of other calls.
     *
     * <p>The future completes as soon as the final value is accepted, which can be before subscribers have received
     * their last {@code onNext} and {@code onComplete}; a caller that needs both waits for both.
     *
     * <p>Each future is held by the stream until the stream ends, as it must be to be completed: a caller that polls
     * takes one future and asks it {@code isDone()}, rather than calling this method on every poll.
     */
    CompletableFuture<T> finalResponse();

    /** Returns a publisher of the same partials with what changed, the attempt, and whether each is final. */
    Flow.Publisher<PartialUpdate<T>> updates();

    /**
     * Returns a publisher of each item of a list model, once, when it is complete and valid.
     *
     * <p>Items come in list order, each index once per call. After a re-ask, items already delivered stay delivered,
     * even when the final value differs from them or is shorter; the new attempt's items continue from the first index
     * not yet delivered (of a set: from its first item, passing over those equal to one delivered). An answer that
     * writes its wrapper member twice ({@code {"items":[A,B],"items":[C]}}) is read, as Jackson reads it, by its last
     * list, whose items are delivered as a re-ask's are. Act on {@link #finalResponse()} for what must match the final
     * value.
     *
     * @param elementType the list's element type, checked against the response model
     * @throws IllegalArgumentException when the response model is not a collection of {@code elementType}
     */
    <E> Flow.Publisher<E> elements(Class<E> elementType);

    /**
     * Publishes each item of a list model once, as {@link #elements(Class)} does, for an element type that is itself
     * generic: {@code elements(new TypeRef<Map<String, Idea>>() {})} for a {@code List<Map<String, Idea>>}.
     *
     * @param elementType the list's element type, equal to the response model's
     * @throws IllegalArgumentException when the response model is not a collection of {@code elementType}
     */
    <E> Flow.Publisher<E> elements(TypeRef<E> elementType);

    /** Returns the response model the answer is bound to, with the Jackson mapper that binds it. */
    ResponseModel<T> responseModel();

    /**
     * Returns the tokens used so far by all attempts together, as the provider reported them. An attempt aborted
     * before the provider's usage report (a fail-fast re-ask, a cancel) counts as zero, though the provider may bill
     * what the model generated.
     */
    Usage usage();

    /**
     * Returns the tokens used by each attempt so far, first attempt first; zero for one without a usage report. It has
     * one entry for each attempt started, from the moment its request is sent, so its size tells which attempt is
     * running. Safe to call from any thread.
     */
    List<Usage> usagePerAttempt();

    /** Aborts the provider request and fails pending subscribers and the future with a cancellation. */
    void cancel();
}
