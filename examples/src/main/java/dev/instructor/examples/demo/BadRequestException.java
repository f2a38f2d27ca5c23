package dev.instructor.examples.demo;

/**
 * A request the demo rejects before calling the model: answered {@code 400} with {@code {"error", "field"}}
 * (docs/wire-format.md, section 6).
 */
final class BadRequestException extends Exception {
    private final String field;

    /**
     * @param message a readable message, shown on the page
     * @param field the request member at fault, or null when the body as a whole is wrong
     */
    BadRequestException(String message, String field) {
        super(message, null, false, false);
        this.field = field;
    }

    /** Returns the request member at fault, or null. */
    String field() {
        return field;
    }
}
