package dev.instructor.internal.client;

import java.util.Objects;

/** How a stream tells that a value repeats the one shown before it, through the caller's own {@code equals}. */
final class PartialEquality {
    private PartialEquality() {}

    /**
     * Returns whether {@code value} equals {@code shown}. A partial value lacks fields, and an {@code equals} written
     * for complete values may throw on it: then the two count as different, and the value is shown.
     */
    static boolean same(Object value, Object shown) {
        try {
            return Objects.equals(value, shown);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
