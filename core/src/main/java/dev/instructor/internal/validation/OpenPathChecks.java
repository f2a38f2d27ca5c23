package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.binding.BareValues;
import dev.instructor.internal.binding.ObjectProperty;
import dev.instructor.internal.binding.ObjectShape;
import dev.instructor.internal.binding.OptionalShape;
import dev.instructor.internal.binding.PolymorphicShape;
import dev.instructor.internal.binding.Shape;
import dev.instructor.internal.binding.ShapeFactory;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.JsonType;
import dev.instructor.json.OpenPath;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialString;
import dev.instructor.json.PartialValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The upper size bounds that open values have already passed: the chain of open values from the root is followed,
 * and a string, list or map held by a property with {@code @Size(max)} or {@code @Length(max)} ({@link GrowingBound}),
 * or an element with one ({@link ElementChecks}), is measured; each is reported once ({@link PassedValues}).
 *
 * <p>The open path is walked on every update that changed more than the length of the open string (see {@link
 * OpenPath#onlyStringGrew}), at most the document's depth, without allocating: its path is built and Bean Validation
 * called only once a bound is passed. An open value below a property with element bounds costs one lookup of its
 * checks per walk.
 */
final class OpenPathChecks {
    private final Shape root;
    private final String wrapperKey;
    private final ShapeFactory factory;
    private final BeanValidation beans;
    private final ElementChecks elements;
    private final PassedValues passed;
    /** Whether some property bounds the size of a string, list or map element, measured while open. */
    private final boolean anyElementBound;

    private final Map<ObjectProperty, GrowingBound> growingBounds = new HashMap<>();
    /** The snapshot whose open path was walked last, and the size bound of the string at its end (-1 for none). */
    private PartialValue walked;

    private int leafBound = -1;

    private OpenPathChecks(
            Shape root,
            String wrapperKey,
            ShapeFactory factory,
            BeanValidation beans,
            ElementChecks elements,
            PassedValues passed,
            boolean anyElementBound) {
        this.root = root;
        this.wrapperKey = wrapperKey;
        this.factory = factory;
        this.beans = beans;
        this.elements = elements;
        this.passed = passed;
        this.anyElementBound = anyElementBound;
    }

    /**
     * Returns the checks of the open values of a stream of response type {@code root} (null for none), or null when
     * no property of it has a size upper bound, nor a union whose subtypes may have one.
     *
     * @param anyElementBound whether some property bounds the size of a container element
     */
    static OpenPathChecks of(
            Shape root,
            String wrapperKey,
            ShapeFactory factory,
            BeanValidation beans,
            ElementChecks elements,
            PassedValues passed,
            boolean anyElementBound) {
        boolean any = root != null && ReachableShapes.any(root, shape -> hasGrowingBound(shape, beans, elements));
        return any ? new OpenPathChecks(root, wrapperKey, factory, beans, elements, passed, anyElementBound) : null;
    }

    /**
     * Returns true when {@code shape} makes the open path worth walking: an object with a property whose size has an
     * upper bound, or a union, whose subtypes are only known once seen.
     */
    private static boolean hasGrowingBound(Shape shape, BeanValidation beans, ElementChecks elements) {
        if (shape instanceof PolymorphicShape) {
            return true;
        }
        if (shape instanceof ObjectShape object) {
            for (ObjectProperty property : object.properties()) {
                if (beans.maxSize(object, property, GrowingBound.KINDS) >= 0) {
                    return true;
                }
            }
        }
        return elements.anyIn(shape, true);
    }

    /**
     * Adds to {@code found} the violations of the open values in {@code snapshot} that passed a size upper bound with
     * this update; {@code completedNothing} when the update completed no value.
     */
    void check(PartialValue snapshot, boolean completedNothing, List<Violation> found) {
        if (completedNothing
                && walked != null
                && OpenPath.onlyStringGrew(snapshot, walked)
                && !leafPassesBound(snapshot)) {
            // Only the open string grew since the last walk, and not past a bound: the walk would find nothing new.
            walked = snapshot;
        } else {
            walk(snapshot, found);
        }
    }

    /** Returns true when the string being written has passed the bound {@link #walk} found for it. */
    private boolean leafPassesBound(PartialValue snapshot) {
        return leafBound >= 0 && ((PartialString) OpenPath.leaf(snapshot)).length() > leafBound;
    }

    /** Follows the chain of open values from the root, measuring those held by a size-bounded property. */
    private void walk(PartialValue snapshot, List<Violation> found) {
        walked = snapshot;
        leafBound = -1;
        PartialValue node = BareValues.valueIn(snapshot, wrapperKey);
        Shape shape = root;
        ObjectShape owner = null;
        ObjectProperty property = null;
        ObjectShape elementOwner = null;
        ObjectProperty elementProperty = null;
        ContainerElements elementChecks = null;
        boolean elementChecksKnown = false; // looked up at the first open value below the property, once
        int elementDepth = 0;
        int depth = 0;
        while (node != null && shape != null && !node.isComplete()) {
            if (property != null) {
                checkGrowing(snapshot, depth, node, owner, property, found);
                if (node.type() == JsonType.STRING) {
                    leafBound = growingBound(owner, property).max(JsonType.STRING);
                }
            }
            // The property's own value is an element only of an Optional (Optional<@Size(max = 3) String>).
            if (anyElementBound
                    && elementProperty != null
                    && (depth > elementDepth || shape instanceof OptionalShape)) {
                if (!elementChecksKnown) {
                    elementChecks = elements.of(elementOwner, elementProperty);
                    elementChecksKnown = true;
                }
                if (elementChecks != null) {
                    int textBound = elements.checkOpen(
                            snapshot,
                            depth,
                            node,
                            shape,
                            elementChecks,
                            elementOwner,
                            elementProperty,
                            depth - elementDepth,
                            found);
                    if (textBound >= 0 && (leafBound < 0 || textBound < leafBound)) {
                        leafBound = textBound;
                    }
                }
            }
            Shape resolved = shape.resolve(node);
            JsonType type = node.type();
            if (type == JsonType.OBJECT && ((PartialObject) node).size() > 0) {
                PartialObject object = (PartialObject) node;
                String key = object.keyAt(object.size() - 1);
                owner = resolved instanceof ObjectShape ? (ObjectShape) resolved : null;
                property = owner == null ? null : owner.property(key);
                if (property != null && !BeanChecks.isKept(owner, object, key, property)) {
                    return; // checked once the object completes (see CompletedValues)
                }
                if (owner != null) {
                    elementOwner = owner;
                    elementProperty = property;
                    elementChecksKnown = false;
                    elementDepth = depth + 1;
                }
                shape = shape.child(node, key);
                node = object.valueAt(object.size() - 1);
            } else if (type == JsonType.ARRAY && ((PartialArray) node).size() > 0) {
                PartialArray array = (PartialArray) node;
                owner = null;
                property = null;
                shape = shape.childAt(node, array.size() - 1);
                node = array.get(array.size() - 1);
            } else {
                return;
            }
            depth++;
        }
    }

    /** Measures the open value {@code node} of {@code property}, {@code depth} levels down, against its size bound. */
    private void checkGrowing(
            PartialValue snapshot,
            int depth,
            PartialValue node,
            ObjectShape owner,
            ObjectProperty property,
            List<Violation> found) {
        JsonType type = node.type();
        GrowingBound bound = growingBound(owner, property);
        int max = bound.max(type);
        if (max < 0) {
            return;
        }
        int size = type == JsonType.STRING
                ? ((PartialString) node).length()
                : type == JsonType.OBJECT ? ((PartialObject) node).size() : ((PartialArray) node).size();
        if (size <= max) {
            return;
        }
        JsonPointer path = passed.newlyPassed(snapshot, depth);
        if (path == null) {
            return;
        }
        Object measured = bound.measured(node, size);
        found.addAll(
                beans.validateGrowing(owner, property, bound.declared(measured), measured, path, GrowingBound.KINDS));
    }

    private GrowingBound growingBound(ObjectShape owner, ObjectProperty property) {
        GrowingBound bound = growingBounds.get(property);
        if (bound == null) {
            bound = GrowingBound.of(property.shape(), beans.maxSize(owner, property, GrowingBound.KINDS), factory);
            growingBounds.put(property, bound);
        }
        return bound;
    }
}
