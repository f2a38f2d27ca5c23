package dev.instructor.internal.binding;

/**
 * Thrown inside the binder when a snapshot cannot become a partial at all: a complete value that Jackson would reject
 * too. Carries no stack trace: it is control flow, caught once per snapshot.
 */
final class SkipPartial extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SkipPartial(String reason) {
        super(reason, null, false, false);
    }
}
