package dev.instructor.internal.binding;

import dev.instructor.json.JsonType;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Repeated member names under a mapper whose parser rejects them ({@code
 * StreamReadFeature.STRICT_DUPLICATE_DETECTION}): Jackson fails on the document as soon as its parser reads one,
 * wherever it is, so no partial of a snapshot that holds one is shown. The shapes notice a repeat in the objects
 * they bind from the engine's count ({@link PartialObject#repeatedKeys()}); this finds one in a value nothing binds
 * (a member no property takes, a member of the wrapper object beside the wrapped one), once that value is complete.
 */
final class RepeatedKeys {
    private RepeatedKeys() {}

    /** Returns true when an object in {@code value}, or {@code value} itself, repeats a member name. */
    static boolean in(PartialValue value) {
        Deque<PartialValue> pending = new ArrayDeque<>();
        pending.push(value);
        while (!pending.isEmpty()) {
            PartialValue node = pending.pop();
            if (node.type() == JsonType.OBJECT) {
                PartialObject object = (PartialObject) node;
                if (object.repeatedKeys() != 0) {
                    return true;
                }
                for (int i = 0; i < object.size(); i++) {
                    pending.push(object.valueAt(i));
                }
            } else if (node.type() == JsonType.ARRAY) {
                PartialArray array = (PartialArray) node;
                for (int i = 0; i < array.size(); i++) {
                    pending.push(array.get(i));
                }
            }
        }
        return false;
    }

    /** Returns why a snapshot with a repeated member name in {@code where} gives no partial. */
    static SkipPartial rejected(String where) {
        return new SkipPartial("a member name repeats in " + where
                + ", which Jackson rejects (StreamReadFeature.STRICT_DUPLICATE_DETECTION)");
    }
}
