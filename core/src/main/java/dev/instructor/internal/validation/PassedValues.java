package dev.instructor.internal.validation;

import dev.instructor.internal.binding.BareValues;
import dev.instructor.internal.binding.Shape;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.JsonType;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The open values of one stream reported past a size bound, so that each is reported once: the one reported last is
 * recognised on the updates that follow, while it grows, without building its path.
 */
final class PassedValues {
    private final String wrapperKey;
    private final Set<JsonPointer> grown = new HashSet<>();
    private JsonPointer lastGrown;

    /** @param wrapperKey the wrapper member, or null */
    PassedValues(String wrapperKey) {
        this.wrapperKey = wrapperKey;
    }

    /**
     * Returns the path of the open value {@code depth} levels down, which has passed its bound, or null when it was
     * reported already.
     */
    JsonPointer newlyPassed(PartialValue snapshot, int depth) {
        // Once reported, the same open value is seen again on every update while it grows: recognise it without
        // building its path.
        if (lastGrown != null && isOpenPath(snapshot, depth, lastGrown)) {
            return null;
        }
        JsonPointer path = openPath(snapshot, depth);
        lastGrown = path;
        return grown.add(path) ? path : null;
    }

    /** Returns the pointer of the open value {@code depth} levels below the response value's root. */
    private JsonPointer openPath(PartialValue snapshot, int depth) {
        List<String> segments = new ArrayList<>(depth + 1);
        if (wrapperKey != null) {
            segments.add(wrapperKey);
        }
        PartialValue node = BareValues.valueIn(snapshot, wrapperKey);
        for (int i = 0; i < depth; i++) {
            if (node.type() == JsonType.OBJECT) {
                PartialObject object = (PartialObject) node;
                segments.add(object.keyAt(object.size() - 1));
                node = object.valueAt(object.size() - 1);
            } else {
                PartialArray array = (PartialArray) node;
                segments.add(Integer.toString(array.size() - 1));
                node = array.get(array.size() - 1);
            }
        }
        return JsonPointer.of(segments);
    }

    /** Returns true when {@code path} is the pointer of the open value {@code depth} levels below the root. */
    private boolean isOpenPath(PartialValue snapshot, int depth, JsonPointer path) {
        List<String> segments = path.segments();
        int offset = wrapperKey == null ? 0 : 1;
        if (segments.size() != depth + offset) {
            return false;
        }
        PartialValue node = BareValues.valueIn(snapshot, wrapperKey);
        for (int i = 0; i < depth; i++) {
            String segment = segments.get(i + offset);
            if (node.type() == JsonType.OBJECT) {
                PartialObject object = (PartialObject) node;
                if (!segment.equals(object.keyAt(object.size() - 1))) {
                    return false;
                }
                node = object.valueAt(object.size() - 1);
            } else {
                PartialArray array = (PartialArray) node;
                if (Shape.parseIndex(segment) != array.size() - 1) {
                    return false;
                }
                node = array.get(array.size() - 1);
            }
        }
        return true;
    }
}
