package dev.instructor.internal.client;

import dev.instructor.ResponseModel;
import dev.instructor.ValidationException;
import dev.instructor.json.JsonPointer;

/**
 * Tells whether a response list takes a lone value for its only item, as Jackson does under {@code
 * ACCEPT_SINGLE_VALUE_AS_ARRAY} (the mapper's feature, or the format of a config override for the list type): then
 * {@link ResponseModel#parse} reads a scalar written bare for the list, and the stream must read it too.
 *
 * <p>Jackson is asked rather than its rules copied: one parse of a probe, once per attempt whose answer starts like a
 * scalar. A list that wraps the probe either reads it or fails inside its first item; one that does not fails at the
 * list itself.
 */
final class SingleValues {
    private SingleValues() {}

    /** Returns true when {@code model}, a list wrapped under {@code key}, reads a lone scalar as its only item. */
    static boolean acceptedBy(ResponseModel<?> model, String key) {
        try {
            model.parse("\"x\"");
            return true;
        } catch (ValidationException e) {
            JsonPointer item = JsonPointer.root().append(key).append(0);
            return e.violations().stream().anyMatch(violation -> item.isPrefixOf(violation.path()));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
