package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.binding.Shape;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.JsonType;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialString;
import dev.instructor.json.PartialValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Shows the rejected value of a violation as the model wrote it, where Jackson read a string into a value whose
 * {@code toString()} says something else: an enum constant named otherwise in JSON ({@code @JsonProperty("red")} for
 * {@code RED}), a date in a {@code @JsonFormat} pattern, an id in another case. A re-ask quotes the rejected value back
 * to the model, which should recognise it. Strings, numbers, booleans and containers keep the bound value: it is what
 * the constraint measured.
 *
 * <p>Only reported violations are looked at, so binding never pays for it.
 */
public final class WrittenValues {
    private WrittenValues() {}

    /**
     * Returns {@code violations} with each rejected value that Jackson read from a string replaced by that string.
     *
     * @param value the response value as written, or null when it is not known
     * @param depth how many leading segments of the violations' paths lead to {@code value} (the wrapper's member)
     */
    public static List<Violation> shownAsWritten(List<Violation> violations, PartialValue value, int depth) {
        if (value == null) {
            return violations;
        }
        List<Violation> out = null;
        for (int i = 0; i < violations.size(); i++) {
            Violation violation = violations.get(i);
            String written =
                    readFromString(violation.rejectedValue()) ? writtenString(value, violation.path(), depth) : null;
            if (written != null && out == null) {
                out = new ArrayList<>(violations.subList(0, i));
            }
            if (out != null) {
                out.add(written == null ? violation : new Violation(violation.path(), violation.message(), written));
            }
        }
        return out == null ? violations : out;
    }

    /** Whether {@code value} is a scalar that Jackson may have read from a string that it does not print back. */
    private static boolean readFromString(Object value) {
        return value != null
                && !(value instanceof CharSequence)
                && !(value instanceof Number)
                && !(value instanceof Boolean)
                && !(value instanceof Collection)
                && !(value instanceof Map)
                && !value.getClass().isArray();
    }

    /** The complete string {@code value} holds at {@code path} less its first segments, or null when none is there. */
    private static String writtenString(PartialValue value, JsonPointer path, int depth) {
        List<String> segments = path.segments();
        if (segments.size() < depth) {
            return null; // outside the value: the wrapper object
        }
        PartialValue node = value;
        for (String segment : segments.subList(depth, segments.size())) {
            if (node instanceof PartialObject object) {
                node = object.get(segment);
            } else if (node instanceof PartialArray array) {
                int index = Shape.parseIndex(segment);
                node = index >= 0 && index < array.size() ? array.get(index) : null;
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return node.type() == JsonType.STRING && node.isComplete() ? ((PartialString) node).value() : null;
    }
}
