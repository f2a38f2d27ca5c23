package dev.instructor;

import java.util.List;

/**
 * Thrown when a model's answer cannot be accepted: it could not be bound to the response type, or the bound value
 * broke a constraint. Carries the {@link Violation}s, ready for a re-ask; the message is their rendering.
 */
public final class ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /**
     * Creates an exception for {@code violations}.
     *
     * @param violations at least one violation
     * @throws IllegalArgumentException when {@code violations} is empty
     */
    public ValidationException(List<Violation> violations) {
        this(violations, null);
    }

    /**
     * Creates an exception for {@code violations} caused by {@code cause}, such as Jackson's binding error.
     *
     * @param violations at least one violation
     * @param cause the underlying error, or null
     * @throws IllegalArgumentException when {@code violations} is empty
     */
    public ValidationException(List<Violation> violations, Throwable cause) {
        super(Violation.render(requireSome(violations)), cause);
        this.violations = List.copyOf(violations);
    }

    /** Returns the violations, in the order found. */
    public List<Violation> violations() {
        return violations;
    }

    private static List<Violation> requireSome(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one violation");
        }
        return violations;
    }
}
