package dev.instructor.spi;

/** The provider answered with an HTTP error status, after any retries. */
public final class ProviderHttpException extends ProviderException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorType;
    private final String providerMessage;

    /**
     * Creates an exception.
     *
     * @param provider the provider's name
     * @param status the HTTP status of the last attempt
     * @param errorType the provider's error type or code, {@code ""} if none
     * @param providerMessage the provider's error message, {@code ""} if none
     * @param attempts how many requests were made
     */
    public ProviderHttpException(String provider, int status, String errorType, String providerMessage, int attempts) {
        super(provider, "HTTP " + status + describe(errorType, providerMessage), "", attempts, null);
        this.status = status;
        this.errorType = errorType;
        this.providerMessage = providerMessage;
    }

    static String describe(String type, String message) {
        String text = (type.isEmpty() ? "" : " " + type) + (message.isEmpty() ? "" : ": " + message);
        return text;
    }

    /** Returns the HTTP status. */
    public int status() {
        return status;
    }

    /** Returns the provider's error type or code ({@code rate_limit_error}, {@code overloaded_error}...). */
    public String errorType() {
        return errorType;
    }

    /** Returns the provider's error message. */
    public String providerMessage() {
        return providerMessage;
    }
}
