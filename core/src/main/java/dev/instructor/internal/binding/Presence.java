package dev.instructor.internal.binding;

import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialValue;
import java.util.List;

/**
 * Answers whether a partial holds a value at a JSON Pointer, by walking the snapshot and the type model together:
 * a value is present when its node has arrived, is shown in its state (complete, or a kind shown while open), and
 * was not left out because it could not be built yet. A property is named as a violation path names it, or as the
 * model wrote it (an alias); its value is the member Jackson binds.
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
        Shape shape = root;
        PartialValue node = value;
        // The pointer as the document writes it, which the dropped pointers are in.
        JsonPointer written = JsonPointer.root();
        for (String segment : pointer.segments()) {
            if (node == null || shape == null) {
                return false;
            }
            // A property is asked for by its own name, and found where the model wrote it, an alias included. Only a
            // property's: a wrapper object's type id is asked for as the document writes it, as before.
            String name = shape.resolve(node) instanceof ObjectShape object && object.hasOtherNames()
                    ? object.writtenName(node, segment)
                    : segment;
            Shape next = shape.child(node, name);
            node = shape.boundChild(node, name);
            shape = next;
            written = written.append(name);
        }
        for (JsonPointer left : dropped) {
            if (left.isPrefixOf(written) || left.isPrefixOf(pointer)) {
                return false;
            }
        }
        return node != null && shape != null && (node.isComplete() || shape.showsIncomplete());
    }
}
