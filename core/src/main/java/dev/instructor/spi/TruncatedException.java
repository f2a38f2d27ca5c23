package dev.instructor.spi;

/** The output was cut off by the token limit ({@code finish_reason: length}, {@code stop_reason: max_tokens}). */
public final class TruncatedException extends ProviderException {
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
    public TruncatedException(String provider, String finishReason, String partialText, int attempts) {
        super(
                provider,
                "cut off by the token limit (" + finishReason + ") " + StopMessages.after(partialText),
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
