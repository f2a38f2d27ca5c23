package dev.instructor;

import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialValue;
import java.util.List;

/**
 * Checks the constraints of the response type while the answer is still streaming, so a re-ask can start before the
 * model has finished a doomed answer. Create one per stream with {@link ResponseModel#newStreamingValidator()}.
 *
 * <p>Per update it checks only what can already be known: values completed by the update (a finished field, a
 * finished list item, with its class-level constraints) and open values that already break an upper bound that can
 * only get worse (a string or list longer than its {@code @Size(max)}). Each violation is reported once per stream.
 * User {@link Validator}s and constraints that need the whole answer run only on the final value.
 *
 * <p>Not thread-safe: one stream, one thread at a time. Throws nothing for the model's content.
 */
public interface StreamingValidator {

    /**
     * Returns the violations found by this update that were not reported before.
     *
     * @param snapshot the engine's snapshot after the update (wrapper object included, or the wrapped value written
     *     bare: see {@link ResponseModel})
     * @param completedPaths the pointers the engine reports as completed by the update
     * @return new violations, paths in the document's terms (wrapper included, even for a value written bare); empty
     *     when none
     */
    List<Violation> check(PartialValue snapshot, List<JsonPointer> completedPaths);
}
