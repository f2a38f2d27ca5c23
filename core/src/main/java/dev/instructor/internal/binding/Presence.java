package dev.instructor.internal.binding;

import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialValue;
import java.util.List;

/**
 * Answers whether a partial holds a value at a JSON Pointer, by walking the snapshot and the type model together:
 * a value is present when its node has arrived, is shown in its state (complete, or a kind shown while open), and
 * was not left out because it could not be built yet.
 */
public final class Presence {
    private Presence() {}

    /**
     * @param root the response type's shape
     * @param value the unwrapped node the partial was bound from
     * @param dropped the pointers the binder left out
     * @param pointer in the caller's terms (unwrapped)
     */
    public static boolean isPresent(Shape root, PartialValue value, List<JsonPointer> dropped, JsonPointer pointer) {
        for (JsonPointer left : dropped) {
            if (left.isPrefixOf(pointer)) {
                return false;
            }
        }
        Shape shape = root;
        PartialValue node = value;
        for (String segment : pointer.segments()) {
            if (node == null || shape == null) {
                return false;
            }
            Shape next = shape.child(node, segment);
            node = Shape.childValue(node, segment);
            shape = next;
        }
        return node != null && shape != null && (node.isComplete() || shape.showsIncomplete());
    }
}
