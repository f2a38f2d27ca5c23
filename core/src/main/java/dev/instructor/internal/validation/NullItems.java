package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.binding.ListShape;
import dev.instructor.internal.binding.MapShape;
import dev.instructor.internal.binding.NodeBinder;
import dev.instructor.internal.binding.Shape;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.JsonType;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.util.List;
import java.util.Set;

/**
 * The null items of lists, arrays and maps whose schema does not let them be null (any, not only a constrained one),
 * reported while streaming as the final validation reports them ({@link RequiredMembers#checkItems}): one Jackson
 * holds as written as soon as it completes, and those of a completed container on the value Jackson gives it. A map
 * key written twice may have its first value reported, null or not, as a repeated member of a bean may (see {@link
 * BeanChecks}): Jackson keeps the last, which cannot be foreseen.
 */
final class NullItems {
    private final NodeBinder binder;
    private final RequiredMembers required;

    NullItems(NodeBinder binder, RequiredMembers required) {
        this.binder = binder;
        this.required = required;
    }

    /**
     * Returns true when a null item of {@code container} (the shape of the value holding it) is held as written: not
     * skipped or replaced by the null handling of the mapper or of a property ({@code @JsonSetter(contentNulls)}),
     * whose null items are left to the check of the whole container.
     */
    static boolean keepsNull(Shape container) {
        return container instanceof ListShape list
                ? list.keepsNullItems()
                : container instanceof MapShape map && map.keepsNullValues();
    }

    /**
     * Reports a completed null item of a list, array or map at once when the schema does not let it be null; not one
     * of a set, reported on the set itself.
     */
    void checkItem(Shape container, Shape item, PartialValue node, JsonPointer path, List<Violation> found) {
        if (item != null
                && !RequiredMembers.acceptsNull(item)
                && !Set.class.isAssignableFrom(container.type().getRawClass())
                && binder.bind(item, node) == null) {
            found.add(new Violation(path, RequiredMembers.MESSAGE, null));
        }
    }

    /**
     * Checks a completed list, set or map for null items the schema does not allow, on the value Jackson gives it (a
     * property's {@code @JsonSetter(contentNulls)} may drop or replace them), as the final validation does.
     */
    void checkContainer(Shape container, Shape item, PartialValue node, JsonPointer path, List<Violation> found) {
        if (holdsNull(node) && !RequiredMembers.acceptsNull(item)) {
            required.checkItems(binder.bind(container, node), item, node, path, found);
        }
    }

    /** Whether a JSON null is among the items of an array or the values of an object: the usual source of a null. */
    private static boolean holdsNull(PartialValue node) {
        if (node instanceof PartialArray array) {
            for (int i = 0, n = array.size(); i < n; i++) {
                if (array.get(i).type() == JsonType.NULL) {
                    return true;
                }
            }
            return false;
        }
        PartialObject object = (PartialObject) node;
        for (int i = 0, n = object.size(); i < n; i++) {
            if (object.valueAt(i).type() == JsonType.NULL) {
                return true;
            }
        }
        return false;
    }
}
