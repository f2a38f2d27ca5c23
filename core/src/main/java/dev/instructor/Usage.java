package dev.instructor;

/**
 * Tokens used by one provider request, or by several added together.
 *
 * @param inputTokens tokens of the prompt (messages, schema, re-ask feedback)
 * @param outputTokens tokens the model generated
 * @param totalTokens as the provider reported it; usually input plus output
 */
public record Usage(long inputTokens, long outputTokens, long totalTokens) {
    /** No tokens: the usage of a stream before the provider reported any. */
    public static final Usage ZERO = new Usage(0, 0, 0);

    /** Checks that no count is negative. */
    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || totalTokens < 0) {
            throw new IllegalArgumentException(
                    "token counts must not be negative: " + inputTokens + ", " + outputTokens + ", " + totalTokens);
        }
    }

    /**
     * Returns the sum of this usage and {@code other}.
     *
     * @param other usage to add
     */
    public Usage plus(Usage other) {
        return new Usage(
                inputTokens + other.inputTokens, outputTokens + other.outputTokens, totalTokens + other.totalTokens);
    }
}
