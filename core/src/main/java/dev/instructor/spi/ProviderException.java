package dev.instructor.spi;

/**
 * Why a provider call failed, with what had been received by then. Each failure has its own subclass so callers
 * can tell a retryable overload from a truncation or a refusal. Messages never contain credentials.
 */
public abstract class ProviderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String provider;
    private final String partialText;
    private final int attempts;

    /**
     * Creates an exception.
     *
     * @param provider the provider's name
     * @param message what went wrong
     * @param partialText the structured text received before the failure ({@code ""} if none)
     * @param attempts how many HTTP requests were sent for this one model call (the first and the transport's
     *     retries of it)
     * @param cause the underlying exception, or {@code null}
     */
    protected ProviderException(String provider, String message, String partialText, int attempts, Throwable cause) {
        super(provider + ": " + message, cause);
        this.provider = provider;
        this.partialText = partialText;
        this.attempts = attempts;
    }

    /** Returns the provider's name. */
    public String provider() {
        return provider;
    }

    /** Returns the structured output text received before the failure, {@code ""} if none. */
    public String partialText() {
        return partialText;
    }

    /**
     * Returns how many HTTP requests were sent for this one model call: the first and the transport's retries of it
     * (after a connection error, a 429 or a 5xx). Re-asks after a failed validation are new model calls and are not
     * counted here; {@code InstructorRetryException.attempts()} lists those.
     */
    public int attempts() {
        return attempts;
    }
}
