package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.binding.NodeBinder;
import dev.instructor.internal.binding.ObjectProperty;
import dev.instructor.internal.binding.ObjectShape;
import dev.instructor.internal.binding.OptionalShape;
import dev.instructor.internal.binding.Shape;
import dev.instructor.internal.binding.ShapeFactory;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.JsonType;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialString;
import dev.instructor.json.PartialValue;
import java.util.List;
import java.util.function.Function;

/**
 * The checks of a property's container elements while it streams ({@code List<@NotBlank String>}, {@code Map<String,
 * @Min(1) Integer>}, at any depth), through {@link ContainerElements}: a completed element against the constraints on
 * it and on what it holds, an open string, list or map element against its {@code @Size(max)} or {@code @Length(max)}.
 * Bean Validation names no index for the item of a set or an {@code Iterable}: such an element's violations are marked
 * as its item's ({@link ReportedViolations}), and their paths as named from the property down ({@link
 * SetItemViolations#inDocumentUpTo}).
 */
final class ElementChecks {
    private final ValueValidation values;
    private final BeanValidation beans;
    private final NodeBinder binder;
    private final ShapeFactory factory;
    private final Function<Object, String> keys;
    private final ReportedViolations reported;
    /** Null when no set of structures nor union is reachable. */
    private final SetItemViolations setItems;

    private final PassedValues passed;

    ElementChecks(
            ValueValidation values,
            BeanValidation beans,
            NodeBinder binder,
            ShapeFactory factory,
            Function<Object, String> keys,
            ReportedViolations reported,
            SetItemViolations setItems,
            PassedValues passed) {
        this.values = values;
        this.beans = beans;
        this.binder = binder;
        this.factory = factory;
        this.keys = keys;
        this.reported = reported;
        this.setItems = setItems;
        this.passed = passed;
    }

    /** Returns how {@code property}'s container elements are checked one by one, or null; decided once per model. */
    ContainerElements of(ObjectShape owner, ObjectProperty property) {
        return values.elements(owner, property, GrowingBound.KINDS);
    }

    /**
     * Returns true when {@code shape} is an object with a property whose container elements are checked one by one,
     * with a size upper bound on a string element if {@code bounded}.
     */
    boolean anyIn(Shape shape, boolean bounded) {
        if (shape instanceof ObjectShape object) {
            for (ObjectProperty property : object.properties()) {
                ContainerElements elements = of(object, property);
                if (elements != null && (!bounded || elements.anyBound())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Checks a completed container element of {@code property} ({@code List<@NotBlank String>}), {@code below} being
     * its path from the property, against the constraints on it and on what it holds, as the final validation will.
     * A null element only when Jackson holds it as written (see {@link NullItems#keepsNull}).
     */
    void checkCompleted(
            ObjectShape owner,
            ObjectProperty property,
            Shape shape,
            PartialValue node,
            JsonPointer path,
            List<String> below,
            List<Violation> found) {
        ContainerElements checks = of(owner, property);
        if (checks == null || !checks.checksAt(below.size())) {
            return;
        }
        Object value = binder.bind(shape, node);
        if (value != Shape.ABSENT && !checks.passesQuickly(value, below.size())) {
            Object holding = checks.holding(value, below, false);
            List<Violation> inElement =
                    beans.validateElement(owner, property, holding, path, below.size(), null, null, null, keys);
            // Known by the set's item, itself when complete: the path names no item (see ReportedViolations).
            found.addAll(marked(checks, below.size(), path, value, inElement));
        }
    }

    /**
     * Measures an open string, list or map {@code below} levels under the property it is a container element of (or
     * the content of an {@code Optional} property, 0 levels under it) against its {@code @Size(max)} or
     * {@code @Length(max)}; {@code shape} is the one the node is bound by.
     *
     * @return the bound of an open string, the end of the open path, or -1 for none
     */
    int checkOpen(
            PartialValue snapshot,
            int depth,
            PartialValue node,
            Shape shape,
            ContainerElements checks,
            ObjectShape owner,
            ObjectProperty property,
            int below,
            List<Violation> found) {
        JsonType type = node.type();
        if (type == JsonType.STRING) {
            return checkOpenText(snapshot, depth, (PartialString) node, checks, owner, property, below, found);
        }
        int max = checks.maxItems(below);
        if (max < 0 || type != JsonType.ARRAY && type != JsonType.OBJECT) {
            return -1;
        }
        int size = type == JsonType.OBJECT ? ((PartialObject) node).size() : ((PartialArray) node).size();
        if (size <= max) {
            return -1;
        }
        // Measured as a property's value is, by the shape that binds it: not a list whose null items are skipped.
        GrowingBound bound = GrowingBound.of(shape instanceof OptionalShape o ? o.content() : shape, max, factory);
        if (bound.max(type) < 0) {
            return -1;
        }
        JsonPointer path = passed.newlyPassed(snapshot, depth);
        if (path == null) {
            return -1;
        }
        Object measured = bound.measured(node, size);
        List<String> segments = path.segments();
        Object holding = checks.holdingMeasured(measured, segments.subList(segments.size() - below, segments.size()));
        found.addAll(marked(
                checks,
                below,
                path,
                null,
                beans.validateElement(
                        owner,
                        property,
                        holding,
                        path,
                        below,
                        GrowingBound.KINDS,
                        checks.bounds(below),
                        measured,
                        keys)));
        return -1;
    }

    /** Measures an open string element, as {@link #checkOpen} does, and returns its bound. */
    private int checkOpenText(
            PartialValue snapshot,
            int depth,
            PartialString node,
            ContainerElements checks,
            ObjectShape owner,
            ObjectProperty property,
            int below,
            List<Violation> found) {
        int max = checks.maxLength(below);
        if (max < 0 || node.length() <= max) {
            return max;
        }
        JsonPointer path = passed.newlyPassed(snapshot, depth);
        if (path == null) {
            return max;
        }
        String text = node.value();
        List<String> segments = path.segments();
        Object holding = checks.holding(text, segments.subList(segments.size() - below, segments.size()), true);
        found.addAll(marked(
                checks,
                below,
                path,
                null,
                beans.validateElement(
                        owner, property, holding, path, below, GrowingBound.KINDS, checks.bounds(below), text, keys)));
        return max;
    }

    /**
     * Returns {@code violations}, found in the element at {@code path} {@code below} levels under its property, marked
     * as the violations of a set's item when a set holds the element ({@code value}, when it is that item complete),
     * else as those of an {@code Iterable}'s item where their paths do not lead to it: their paths name no item.
     */
    private List<Violation> marked(
            ContainerElements checks, int below, JsonPointer path, Object value, List<Violation> violations) {
        if (violations.isEmpty()) {
            return violations;
        }
        if (setItems != null) {
            // Named by Bean Validation from the property down, which names no item of a set below it.
            setItems.inDocumentUpTo(violations, path.depth() - below);
        }
        int setItem = checks.setItemDepth(below);
        if (setItem >= 0) {
            reported.inSetItem(violations, path.toString(), setItem == below ? value : null);
        } else {
            inIterableItem(path, violations);
        }
        return violations;
    }

    /**
     * Marks the violations of the element at {@code path} whose paths do not lead to it as those of the item of an
     * {@code Iterable}: Bean Validation names no index for it, yet each item counts, repeats too.
     */
    private void inIterableItem(JsonPointer path, List<Violation> violations) {
        for (Violation violation : violations) {
            if (!path.isPrefixOf(violation.path())) {
                reported.inIterableItem(List.of(violation), path.toString());
            }
        }
    }
}
