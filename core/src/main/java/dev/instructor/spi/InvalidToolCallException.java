package dev.instructor.spi;

/**
 * The model answered with a tool call the provider could not read, or one it was not offered (Gemini's
 * {@code MALFORMED_FUNCTION_CALL} and {@code UNEXPECTED_TOOL_CALL}), or one the provider checked against the schema
 * and refused (Groq's {@code tool_use_failed} error). Unlike the other failures this is the model's
 * mistake, which another try may well not repeat: the structured client re-asks it as an answer that fails
 * validation, with {@link #detail()} as the violation, and reports it only through its retries being spent.
 */
public final class InvalidToolCallException extends ProviderException {
    private static final long serialVersionUID = 1L;

    private final String finishReason;
    private final String detail;

    /**
     * Creates an exception.
     *
     * @param provider the provider's name
     * @param finishReason the provider's finish reason, verbatim
     * @param detail what the provider said of the call, such as the call as the model wrote it; {@code ""} if nothing
     * @param partialText the structured text received before the stop
     * @param attempts how many requests were made
     */
    public InvalidToolCallException(
            String provider, String finishReason, String detail, String partialText, int attempts) {
        super(
                provider,
                "stopped: " + finishReason + (detail.isEmpty() ? "" : " (" + detail + ")"),
                partialText,
                attempts,
                null);
        this.finishReason = finishReason;
        this.detail = detail;
    }

    /** Returns the provider's finish reason, verbatim. */
    public String finishReason() {
        return finishReason;
    }

    /** Returns what the provider said of the call, {@code ""} if nothing. */
    public String detail() {
        return detail;
    }
}
