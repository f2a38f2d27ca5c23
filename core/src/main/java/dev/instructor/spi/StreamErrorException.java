package dev.instructor.spi;

/** The provider sent an error event after the stream had started (Anthropic {@code overloaded_error}...). */
public final class StreamErrorException extends ProviderException {
    private static final long serialVersionUID = 1L;

    private final String errorType;
    private final String providerMessage;

    /**
     * Creates an exception.
     *
     * @param provider the provider's name
     * @param errorType the provider's error type or code, {@code ""} if none
     * @param providerMessage the provider's error message, {@code ""} if none
     * @param partialText the structured text received before the error
     * @param attempts how many requests were made
     */
    public StreamErrorException(
            String provider, String errorType, String providerMessage, String partialText, int attempts) {
        super(
                provider,
                "error event" + ProviderHttpException.describe(0, errorType, providerMessage),
                partialText,
                attempts,
                null);
        this.errorType = errorType;
        this.providerMessage = providerMessage;
    }

    /** Returns the provider's error type or code. */
    public String errorType() {
        return errorType;
    }

    /** Returns the provider's error message. */
    public String providerMessage() {
        return providerMessage;
    }
}
