package dev.instructor.spi;

/** The response body broke the protocol: an event or line over the size limit, or data that is not JSON. */
public final class MalformedStreamException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param provider the provider's name
     * @param message what was wrong
     * @param partialText the structured text received before it
     * @param attempts how many requests were made
     * @param cause the parse failure, or {@code null}
     */
    public MalformedStreamException(
            String provider, String message, String partialText, int attempts, Throwable cause) {
        super(provider, message, partialText, attempts, cause);
    }
}
