package dev.instructor.sse;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Decides what an {@code error} event says about a stream's failure. What it returns goes to end users' screens, so
 * it must not carry secrets, API keys or stack traces: the default names the kind of failure and passes on only
 * messages written for people (validation summaries).
 *
 * <pre>{@code
 * ErrorMapper mapper = failure -> failure instanceof QuotaExceeded
 *         ? new SseError("provider", "Daily limit reached, try again tomorrow.")
 *         : null; // everything else as by default
 * }</pre>
 *
 * <p>Called on whatever thread saw the failure; must not block.
 */
@FunctionalInterface
public interface ErrorMapper {

    /**
     * Returns the error to send for {@code failure}, or null to use {@link #defaults()}.
     *
     * @param failure what the stream threw, with {@link CompletionException} and {@link ExecutionException}
     *     wrappers removed
     */
    SseError map(Throwable failure);

    /**
     * Returns the mapping used when none is configured, or when a configured one returns null.
     *
     * <p>It goes by class names, so that it needs no compile-time link to the client's exception types:
     * {@code InstructorRetryException} and {@code ValidationException} become {@code validation} with their message
     * (the violations, written for people); a {@code dev.instructor.spi.ProviderException} becomes {@code provider}
     * (or {@code timeout} for {@code ProviderTimeoutException}) with a fixed message per subclass, since a
     * provider's own text may quote the request; anything else is {@code internal} with a fixed message.
     */
    static ErrorMapper defaults() {
        return DefaultErrors::map;
    }

    /** Returns the cause of {@code failure} with completion and execution wrappers removed. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
