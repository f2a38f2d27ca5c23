package dev.instructor.spi;

/**
 * The stream ended cleanly but without the provider's end marker (an OpenAI chat stream without {@code [DONE]}, an
 * Anthropic stream without {@code message_stop}), so the output may be cut short.
 */
public final class IncompleteStreamException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param provider the provider's name
     * @param message which end marker was missing
     * @param partialText the structured text received
     * @param attempts how many requests were made
     */
    public IncompleteStreamException(String provider, String message, String partialText, int attempts) {
        super(provider, message, partialText, attempts, null);
    }
}
