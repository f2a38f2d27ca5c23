package dev.instructor;

import dev.instructor.internal.binding.Presence;
import dev.instructor.internal.binding.Shape;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.util.List;

/**
 * One partial value of the response type, bound from one engine snapshot, with what it cannot say on its own: which
 * fields have arrived. A field that has not arrived is {@code null} in {@link #value()}, or its default for a
 * primitive, so {@link #isPresent(JsonPointer)} tells a real {@code 0} from a missing one.
 *
 * <p>Immutable; completed parts of the value are shared with later partials of the same stream.
 *
 * @param <T> the response type
 */
public final class PartialResult<T> {
    private final T value;
    private final PartialValue snapshot;
    private final Source source;

    /**
     * How the partials of a stream were bound, shared by all those bound alike: one is made per change, not per
     * partial, which keeps a partial (made after every chunk) to three fields.
     *
     * @param member the wrapper's member the value was bound from, or -1 when it was bound from the snapshot itself
     * @param shape the response type's shape
     * @param dropped the pointers of the open values left out
     */
    record Source(int member, Shape shape, List<JsonPointer> dropped) {}

    PartialResult(T value, PartialValue snapshot, Source source) {
        this.value = value;
        this.snapshot = snapshot;
        this.source = source;
    }

    /** Returns the partial value, an instance of the caller's own type (unwrapped if the model wraps it). */
    public T value() {
        return value;
    }

    /**
     * Returns true when the value at {@code pointer} has arrived and is shown: a string being written counts, a
     * number, enum or date counts only once complete, and an item that could not be built yet does not count.
     *
     * @param pointer in terms of the caller's value, JSON property names and list indexes, e.g. {@code /0/year} for
     *     a {@code List<Movie>}, a property found under the alias the model wrote too; the root pointer asks about the
     *     value itself
     */
    public boolean isPresent(JsonPointer pointer) {
        // The node is found only when asked: most partials are rendered, not queried.
        Source from = source;
        PartialValue node = from.member() < 0 ? snapshot : ((PartialObject) snapshot).valueAt(from.member());
        return Presence.isPresent(from.shape(), node, from.dropped(), pointer);
    }

    /**
     * Same as {@link #isPresent(JsonPointer)} with the pointer as RFC 6901 text, e.g. {@code "/year"}.
     *
     * @throws IllegalArgumentException when {@code pointer} is not a JSON Pointer
     */
    public boolean isPresent(String pointer) {
        return isPresent(JsonPointer.parse(pointer));
    }

    /** Returns true when the snapshot this partial was bound from is the complete document. */
    public boolean isComplete() {
        return snapshot.isComplete();
    }

    @Override
    public String toString() {
        return "PartialResult[" + value + "]";
    }
}
