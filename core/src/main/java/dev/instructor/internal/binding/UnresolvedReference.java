package dev.instructor.internal.binding;

import dev.instructor.json.PartialValue;
import tools.jackson.databind.JavaType;

/**
 * Thrown inside the binder for a reference to an identified object ({@code @JsonIdentityInfo}: the id written in place
 * of an object seen before), which Jackson resolves only while reading the whole document. The snapshot is skipped;
 * once the document is complete, {@link PartialBinding} reads all of it with Jackson, as the final binding does.
 * Carries no stack trace: it is control flow, caught once per snapshot.
 */
final class UnresolvedReference extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnresolvedReference(PartialValue reference, JavaType type) {
        super(
                "a reference " + Shape.describe(reference) + " to an identified "
                        + type.getRawClass().getSimpleName() + ", resolved once the answer is complete",
                null,
                false,
                false);
    }
}
