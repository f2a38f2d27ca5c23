package dev.instructor.sse;

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
 * <p>When the error returned for an {@code InstructorRetryException} or a {@code ValidationException} has the type
 * {@code validation}, the event also lists the violations, each with its path in the value the client holds and its
 * message (docs/wire-format.md, section 4); map such a failure to another type to send none.
 *
 * <p>Called on whatever thread saw the failure; must not block.
 */
@FunctionalInterface
public interface ErrorMapper {

    /**
     * Returns the error to send for {@code failure}, or null to use {@link #defaults()}.
     *
     * @param failure what the stream threw, with {@code CompletionException} and {@code ExecutionException}
     *     wrappers removed
     */
    SseError map(Throwable failure);

    /**
     * Returns the mapping used when none is configured, or when a configured one returns null.
     *
     * <p>A {@link dev.instructor.spi.ProviderException} becomes {@code provider} (or {@code timeout} for
     * {@link dev.instructor.spi.ProviderTimeoutException}) with a fixed message per subclass, since a provider's
     * own text may quote the request; {@code InstructorRetryException} and {@code ValidationException} (matched by
     * class name) become {@code validation} with their message, the violations written for people; anything else
     * is {@code internal} with a fixed message.
     */
    static ErrorMapper defaults() {
        return DefaultErrors::map;
    }
}
