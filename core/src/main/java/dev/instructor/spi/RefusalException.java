package dev.instructor.spi;

/** The model refused to answer; the refusal text is kept. */
public final class RefusalException extends ProviderException {
    private static final long serialVersionUID = 1L;

    private final String refusal;

    /**
     * Creates an exception.
     *
     * @param provider the provider's name
     * @param refusal the model's refusal message, {@code ""} if the provider gave none
     * @param partialText the structured text received before the refusal
     * @param attempts how many requests were made
     */
    public RefusalException(String provider, String refusal, String partialText, int attempts) {
        super(provider, "refused: " + refusal, partialText, attempts, null);
        this.refusal = refusal;
    }

    /** Returns the model's refusal message. */
    public String refusal() {
        return refusal;
    }
}
