package dev.instructor;

import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialValue;
import java.util.List;
import java.util.Optional;

/**
 * One step of a structured stream: a partial (or the final) value of the caller's type, with what changed.
 *
 * <p>Paths are JSON Pointers into the value the caller sees: when the response model is wrapped for the provider
 * (a {@code List<Idea>} sent as {@code {"items": [...]}}), the wrapper is already removed, so {@code /0/title} is
 * the first idea's title.
 *
 * <p>Instances are immutable. A new {@link #attempt()} number means the model was asked again after a failed
 * validation and this value starts from scratch: a user interface should reset what it shows.
 *
 * @param <T> the response model's type
 */
public interface PartialUpdate<T> {

    /** Returns the value of the caller's type: partial while streaming, fully validated when {@link #isFinal()}. */
    T value();

    /**
     * Returns the partial JSON this value was bound from, with the provider wrapper removed. Completed subtrees are
     * the same instances from one update to the next, which lets an encoder send only what changed.
     */
    PartialValue json();

    /** Returns the paths of the values completed since the previous update, innermost first. */
    List<JsonPointer> completedPaths();

    /** Returns the path of the value being written, or empty when none is. */
    Optional<JsonPointer> activePath();

    /** Returns the attempt this value belongs to: 1 for the first request, 2 for the first re-ask, and so on. */
    int attempt();

    /** Returns true for the last update of a successful stream, whose value has passed full validation. */
    boolean isFinal();
}
