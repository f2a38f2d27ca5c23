package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.binding.NodeBinder;
import dev.instructor.internal.binding.Shape;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialValue;
import java.util.List;

/**
 * The checks of a completed value whole, nested values included, as the final validation checks it ({@link
 * ValueValidation}): where the checks of its parts as they completed could not see everything (a union's members
 * written before its type id, a container the binding reads whole, a member Jackson may take from a later name), or
 * where what counts is the whole (an item of a set). Its violations are marked as one whole check's ({@link
 * ReportedViolations#inWholeCheck}) or one set item's ({@link SetItemViolations#wholeItem}).
 */
final class WholeValues {
    private final ValueValidation values;
    private final NodeBinder binder;
    private final ReportedViolations reported;
    /** Null when no set of structures nor union is reachable. */
    private final SetItemViolations setItems;
    /** Whether a member may be written under another name than its property's (see {@link WrittenNames}). */
    private final boolean renamable;

    WholeValues(
            ValueValidation values,
            NodeBinder binder,
            ReportedViolations reported,
            SetItemViolations setItems,
            boolean renamable) {
        this.values = values;
        this.binder = binder;
        this.reported = reported;
        this.setItems = setItems;
        this.renamable = renamable;
    }

    /**
     * Checks the completed value {@code node} at {@code path}, bound by {@code shape}, whole: an object of a union
     * whose type id is one of its members, or a container the binding reads whole ({@code Map<Integer, Idea>}).
     */
    void check(Shape shape, PartialValue node, JsonPointer path, List<Violation> found) {
        Object value = binder.bind(shape, node);
        if (value != Shape.ABSENT && value != null) {
            found.addAll(checkBound(value, shape, node, path));
        }
    }

    /** Returns the violations of {@code value}, bound by {@code shape} from {@code node} at {@code path}, marked. */
    List<Violation> checkBound(Object value, Shape shape, PartialValue node, JsonPointer path) {
        return reported.inWholeCheck(written(values.validate(value, shape, path, node), path, node, shape));
    }

    /**
     * Checks a completed item of a set of structures (beans, unions, containers) whole, as the final validation checks
     * a set's items, instead of as a bean, union or container: what the item counts for in the final validation (see
     * {@link SetItemViolations}), known by its value, so that an item equal to one reported is not reported again, and
     * its violations held back while it was open are reported now.
     */
    void checkSetItem(Shape shape, PartialValue node, JsonPointer path, List<Violation> found) {
        Object item = binder.bind(shape, node);
        if (item != Shape.ABSENT && item != null) {
            List<Violation> inItem = written(values.validate(item, shape, path, node), path, node, shape);
            found.addAll(setItems.wholeItem(path, item, inItem));
        }
    }

    /**
     * Returns violations found in the bound value at {@code path}, with the names below it as the document writes
     * them; {@code node} is the value at {@code path}, bound by {@code shape}.
     */
    List<Violation> written(List<Violation> violations, JsonPointer path, PartialValue node, Shape shape) {
        return renamable && !violations.isEmpty()
                ? WrittenNames.rename(violations, path.depth(), node, shape)
                : violations;
    }
}
