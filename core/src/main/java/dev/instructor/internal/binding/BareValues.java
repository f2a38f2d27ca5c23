package dev.instructor.internal.binding;

import dev.instructor.json.JsonType;
import dev.instructor.json.PartialValue;

/**
 * Tells a wrapped type's value written bare from one written in its wrapper. The provider is asked for {@code
 * {"items": [...]}} or {@code {"value": ...}}; a model the provider does not hold to the schema (JSON and MD_JSON
 * modes) sometimes answers the value itself, {@code [...]} or {@code "hello"}, and that is what it meant.
 *
 * <p>The answer's root decides, once, and it cannot change while the answer streams: an array or a scalar is the bare
 * value, as no wrapper is one; an object is the wrapper. A bare map or union is an object too and cannot be told from
 * a wrapper missing its member, so an object is always read as the wrapper asked for, and one without the member is
 * rejected (and re-asked) as before.
 */
public final class BareValues {
    private BareValues() {}

    /** Returns true when {@code document}, an answer for a type wrapped under {@code wrapperKey}, is the bare value. */
    public static boolean isBare(PartialValue document, String wrapperKey) {
        return wrapperKey != null && document != null && document.type() != JsonType.OBJECT;
    }

    /**
     * Returns where the response value starts in {@code document}: the document itself when the type is not wrapped
     * or the value is bare, else the wrapper's member, or null when it has not started.
     */
    public static PartialValue valueIn(PartialValue document, String wrapperKey) {
        if (wrapperKey == null || document == null || document.type() != JsonType.OBJECT) {
            return document;
        }
        return Shape.childValue(document, wrapperKey);
    }
}
