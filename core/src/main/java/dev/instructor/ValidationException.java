package dev.instructor;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

/**
 * Thrown when a model's answer cannot be accepted: it could not be bound to the response type, or the bound value
 * broke a constraint. Carries the {@link Violation}s, ready for a re-ask; the message is their rendering.
 *
 * <p>Survives Java serialization, except for rejected values that are not plain values (text, numbers, booleans,
 * enums, UUIDs, {@code java.time} values), which come back as {@code null}.
 */
public final class ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    // Not final: readObject restores it, as a Violation is not Serializable (its rejected value may be anything).
    private transient List<Violation> violations;

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

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        SerialViolations.write(out, violations);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        violations = SerialViolations.read(in);
    }

    private static List<Violation> requireSome(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one violation");
        }
        return violations;
    }
}
