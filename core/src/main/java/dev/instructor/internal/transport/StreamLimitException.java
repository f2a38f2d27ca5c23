package dev.instructor.internal.transport;

/** A line or event in a response body exceeded its size limit. */
public final class StreamLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StreamLimitException(String message) {
        super(message);
    }
}
