package dev.instructor.sse;

/**
 * What an {@code error} event tells the end user: its {@code type} and a message safe to show on a screen.
 *
 * @param type one of {@code validation}, {@code provider}, {@code timeout}, {@code internal} (clients may see
 *     others)
 * @param message a readable message with no secrets, API keys or stack traces
 */
public record SseError(String type, String message) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException when either is null
     */
    public SseError {
        if (type == null) {
            throw new NullPointerException("type");
        }
        if (message == null) {
            throw new NullPointerException("message");
        }
    }
}
