package dev.instructor.spi;

/** The provider's content filter stopped the output. */
public final class ContentFilterException extends ProviderException {
    private static final long serialVersionUID = 1L;

    private final String finishReason;

    /**
     * Creates an exception.
     *
     * @param provider the provider's name
     * @param finishReason the provider's finish reason, verbatim
     * @param partialText the structured text received before the stop
     * @param attempts how many requests were made
     */
    public ContentFilterException(String provider, String finishReason, String partialText, int attempts) {
        super(
                provider,
                "stopped by the content filter (" + finishReason + ") " + StopMessages.after(partialText),
                partialText,
                attempts,
                null);
        this.finishReason = finishReason;
    }

    /** Returns the provider's finish reason, verbatim. */
    public String finishReason() {
        return finishReason;
    }
}
