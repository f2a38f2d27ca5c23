package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.binding.Shape;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the names the model wrote into violation paths. Validation sees the value Jackson bound, so it names a member
 * by its property's JSON name and a wrapper-object union's body by the subtype's first type id; the document may
 * hold an alias ({@code @JsonAlias}), the name in another case ({@code ACCEPT_CASE_INSENSITIVE_PROPERTIES}) or another
 * of the subtype's ids instead, and a path sent back to the model must point into what it wrote. A path is walked
 * through the document and the type model together, and at each object takes the name of the member whose value
 * Jackson bound (see {@link Shape#writtenName}): with both a name and its alias in the document, the one Jackson kept.
 * It goes on into that member's value as Jackson bound it ({@link Shape#boundChild}): of a name written twice, the
 * first where Jackson keeps the first (a property set after a creator), and a union's subtype by its first type id.
 *
 * <p>Only reported violations are rewritten, and only for types where a name can differ at all ({@link #possible}),
 * so binding never pays for it, and checking only for such types.
 */
public final class WrittenNames {
    private WrittenNames() {}

    /**
     * Returns true when a value of {@code root} may be written with other names than its violation paths use: some
     * object it holds has an alias or takes names in any case, or it holds a union.
     */
    public static boolean possible(Shape root) {
        return root != null && ReachableShapes.any(root, Shape::hasOtherNames);
    }

    /**
     * Returns {@code violations} with the segments of their paths from index {@code from} on named as the document
     * writes them.
     *
     * @param node the document's value at the paths' first {@code from} segments, or null when it is not known
     * @param shape the shape {@code node} is bound by
     */
    public static List<Violation> rename(List<Violation> violations, int from, PartialValue node, Shape shape) {
        if (node == null) {
            return violations;
        }
        List<Violation> out = new ArrayList<>(violations.size());
        for (Violation violation : violations) {
            JsonPointer path = rename(violation.path(), from, node, shape);
            out.add(
                    path == violation.path()
                            ? violation
                            : new Violation(path, violation.message(), violation.rejectedValue()));
        }
        return out;
    }

    /** Returns {@code path} named as written, or {@code path} itself when every name is already the document's. */
    static JsonPointer rename(JsonPointer path, int from, PartialValue node, Shape shape) {
        List<String> segments = path.segments();
        List<String> renamed = null;
        PartialValue value = node;
        Shape type = shape;
        // Past a member the document does not hold (a missing property, a rejected null) the path keeps its names.
        for (int i = from; i < segments.size() && value != null && type != null; i++) {
            String segment = segments.get(i);
            Shape resolved = type.resolve(value);
            String written = resolved.writtenName(value, segment);
            if (!written.equals(segment)) {
                if (renamed == null) {
                    renamed = new ArrayList<>(segments);
                }
                renamed.set(i, written);
            }
            type = type.child(value, written);
            // Below a repeated member, the names are those of the occurrence Jackson bound.
            value = resolved.boundChild(value, written);
        }
        return renamed == null ? path : JsonPointer.of(renamed);
    }
}
