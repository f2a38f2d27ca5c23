package dev.instructor;

import java.util.Iterator;
import java.util.List;

/**
 * A structured answer arriving as ever-fuller partial values of the caller's type, consumed on the caller's thread.
 *
 * <pre>{@code
 * try (PartialStream<List<Idea>> stream = client.responses().stream(request, new TypeRef<List<Idea>>() {})) {
 *     for (List<Idea> partial : stream) {
 *         System.out.println("partial: " + partial);
 *     }
 *     List<Idea> ideas = stream.getFinalResponse();
 * }
 * }</pre>
 *
 * <p><b>Iteration.</b> The stream can be iterated once, through exactly one of {@link #iterator()},
 * {@link #updates()} or {@link #elements(Class)}; {@link #getFinalResponse()} may follow, or come alone and consume
 * it. Each partial differs from the one before it; a chunk that changes nothing yields nothing. When the model is
 * asked again after a failed validation, the next attempt's partials follow in the same iteration (see {@link
 * PartialUpdate#attempt()}).
 *
 * <p><b>Cancellation.</b> {@link #close()} (or leaving a try-with-resources block, for example by {@code break})
 * aborts the provider request at once, which stops the model generating and billing.
 *
 * <p><b>Errors.</b> Iteration and {@link #getFinalResponse()} throw the stream's failure as an unchecked exception:
 * a {@link dev.instructor.spi.ProviderException} subclass for transport, truncation and refusal, or
 * {@code InstructorRetryException} when every attempt failed validation. A provider's failure is made on the HTTP
 * client's thread, so its own stack trace shows the transport; the first time it is thrown to the caller it gets a
 * suppressed exception holding the caller's frames, which logs print after its own. A thread interrupted while it
 * waits for the provider gets a {@link java.util.concurrent.CancellationException}, keeps its interrupt status, and
 * the request is aborted as by {@link #close()}; an exception a {@link Validator} throws, other than a {@link
 * ValidationException}, comes as it was thrown.
 *
 * <p><b>Threading.</b> Not thread-safe, except {@link #close()}, which may be called from any thread.
 *
 * @param <T> the response model's type
 */
public interface PartialStream<T> extends Iterable<T>, AutoCloseable {

    /**
     * Returns an iterator over the partial values, ending with the final validated value; as no value is yielded twice
     * in a row, the last element is the last partial when the final value equals it ({@link #getFinalResponse()}
     * returns the final value itself).
     */
    @Override
    Iterator<T> iterator();

    /**
     * Returns the partials as updates, with what changed, the attempt, and whether each is final: the values of {@link
     * #iterator()}, and always a final update last, also when its value equals the last partial's.
     */
    Iterable<PartialUpdate<T>> updates();

    /**
     * Returns each item of a list model once, when it is complete and has passed validation: the seed chapter's
     * "detect when a new item has been added".
     *
     * <p>Items come in list order, each index once per call. After a re-ask, items already delivered stay delivered,
     * even when the final value differs from them or is shorter; the new attempt's items continue from the first index
     * not yet delivered (of a set: from its first item, passing over those equal to one delivered). An answer that
     * writes its wrapper member twice ({@code {"items":[A,B],"items":[C]}}) is read, as Jackson reads it, by its last
     * list, whose items are delivered as a re-ask's are. Act on {@link #getFinalResponse()} for what must match the
     * final value.
     *
     * <p>The response model may be any collection of the element type: {@code List}, {@code Set}, {@code Collection},
     * {@code Iterable}, or a class such as {@code ArrayList}. Lists, collections, iterables and list classes
     * ({@code ArrayList}, {@code LinkedList}) are streamed item by item; the items of a set, or of a set class, that
     * were not handed out while streaming come when the final value is accepted.
     *
     * @param elementType the list's element type, checked against the response model
     * @throws IllegalArgumentException when the response model is not a collection of {@code elementType}
     */
    <E> Iterable<E> elements(Class<E> elementType);

    /**
     * Returns each item of a list model once, as {@link #elements(Class)} does, for an element type that is itself
     * generic: {@code elements(new TypeRef<Map<String, Idea>>() {})} for a {@code List<Map<String, Idea>>}.
     *
     * @param elementType the list's element type, equal to the response model's
     * @throws IllegalArgumentException when the response model is not a collection of {@code elementType}
     */
    <E> Iterable<E> elements(TypeRef<E> elementType);

    /**
     * Consumes whatever has not been consumed yet and returns the final, fully validated value.
     *
     * @throws RuntimeException the stream's failure; see the class comment
     */
    T getFinalResponse();

    /** Returns the response model the answer is bound to, with the Jackson mapper that binds it. */
    ResponseModel<T> responseModel();

    /**
     * Returns the tokens used so far by all attempts together, as the provider reported them. An attempt aborted
     * before the provider's usage report (a fail-fast re-ask, a close) counts as zero, though the provider may bill
     * what the model generated.
     */
    Usage usage();

    /**
     * Returns the tokens used by each attempt so far, first attempt first; zero for one without a usage report. It has
     * one entry for each attempt started, from the moment its request is sent, so its size tells which attempt is
     * running. Safe to call from any thread.
     */
    List<Usage> usagePerAttempt();

    /**
     * Ends the stream unless it has ended: aborts the provider request if it is still running, and drops what was
     * received but not yet read, so that iteration stops and {@link #getFinalResponse()} throws a {@link
     * java.util.concurrent.CancellationException}, even when the provider had already sent the whole answer (it is
     * bound and validated only as it is read). Does nothing once the final value or the failure has been read.
     */
    @Override
    void close();
}
