package dev.instructor.spi;

import java.util.Optional;

/** The provider sent an error event after the stream had started (Anthropic {@code overloaded_error}...). */
public final class StreamErrorException extends ProviderException {
    private static final long serialVersionUID = 1L;

    private final String errorType;
    private final String providerMessage;
    private final String requestId;

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
        this(provider, errorType, providerMessage, partialText, attempts, "");
    }

    /**
     * Creates an exception that also names the id the provider gave the request, which its support asks for.
     *
     * @param provider the provider's name
     * @param errorType the provider's error type or code, {@code ""} if none
     * @param providerMessage the provider's error message, {@code ""} if none
     * @param partialText the structured text received before the error
     * @param attempts how many requests were made
     * @param requestId the request id of the response that streamed, {@code ""} if the provider sent none
     */
    public StreamErrorException(
            String provider,
            String errorType,
            String providerMessage,
            String partialText,
            int attempts,
            String requestId) {
        super(
                provider,
                "error event" + ProviderHttpException.describe(0, errorType, providerMessage)
                        + ProviderHttpException.remarks("", requestId),
                partialText,
                attempts,
                null);
        this.errorType = errorType;
        this.providerMessage = providerMessage;
        this.requestId = requestId;
    }

    /**
     * Returns the id the provider gave the request, read from the headers of the response that streamed, as
     * {@link ProviderHttpException#requestId()} reads it; empty when it sent none.
     */
    public Optional<String> requestId() {
        return requestId.isEmpty() ? Optional.empty() : Optional.of(requestId);
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
