package dev.instructor;

import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderRequest;
import java.util.List;

/**
 * Observes the structured calls of an {@link Instructor} client: requests, raw provider events, partials,
 * validation failures, re-asks, usage and outcomes. Register listeners with {@link Instructor.Builder#listener}.
 * Every method does nothing by default; override the ones you need.
 *
 * <p><b>Threading.</b> Called on the thread that drives the stream: the caller's thread while a
 * {@link PartialStream} is iterated, an HTTP client thread (or a worker of the library's) for what the provider
 * sends to an {@link AsyncPartialStream}. Some calls may come from the caller's other threads instead: an
 * {@code AsyncPartialStream}'s first {@code onRequest} from the thread that calls {@code streamAsync}, and the
 * {@code onError} of a close or cancel from the thread that closes or cancels while the stream is idle. The calls of
 * one stream are made one at a time and in order; calls of different streams may run concurrently, so a listener shared
 * by a client must be thread-safe. Methods must return quickly and must not block.
 *
 * <p><b>Errors.</b> An exception thrown by a listener is logged and ignored: it never breaks the call.
 *
 * <p><b>Cancellation.</b> A listener cannot cancel a call; close the stream for that.
 */
public interface InstructorListener {

    /**
     * Called when a request is sent to the provider, once per attempt.
     *
     * @param request what the provider is asked, the re-ask messages included
     * @param attempt 1 for the first request, 2 for the first re-ask, and so on
     */
    default void onRequest(ProviderRequest request, int attempt) {}

    /**
     * Called for every event the provider reports, raw wire events included.
     *
     * @param event the event
     * @param attempt the attempt it belongs to
     */
    default void onProviderEvent(ProviderEvent event, int attempt) {}

    /**
     * Called for every partial shown to the caller, and for the final value.
     *
     * @param update the partial, with its attempt
     */
    default void onPartial(PartialUpdate<?> update) {}

    /**
     * Called when an attempt's answer is rejected, at its end or, with fail-fast, mid-stream.
     *
     * @param violations why it was rejected
     * @param attempt the rejected attempt
     */
    default void onValidationFailure(List<Violation> violations, int attempt) {}

    /**
     * Called when the model is asked again after a rejected answer.
     *
     * @param violations the violations sent back to the model
     * @param attempt the new attempt's number
     */
    default void onRetry(List<Violation> violations, int attempt) {}

    /**
     * Called when the provider reports token usage for an attempt; a later report replaces an earlier one.
     *
     * @param usage the attempt's usage so far
     * @param attempt the attempt
     */
    default void onUsage(Usage usage, int attempt) {}

    /**
     * Called once when a stream ends with a valid value, after {@link #onPartial} for the final value.
     *
     * @param value the final, validated value; {@code null} for a {@link Responses#raw} call, which binds none
     * @param usage the tokens used by all attempts together, as the provider reported them: an attempt aborted
     *     before the provider's usage report (a fail-fast re-ask) counts as zero
     */
    default void onComplete(Object value, Usage usage) {}

    /**
     * Called once when a stream fails: a provider failure, every attempt rejected, or a cancellation.
     *
     * @param error the failure the caller receives
     */
    default void onError(Throwable error) {}
}
