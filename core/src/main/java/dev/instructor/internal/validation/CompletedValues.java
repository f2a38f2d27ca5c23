package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.binding.BareValues;
import dev.instructor.internal.binding.ListShape;
import dev.instructor.internal.binding.MapShape;
import dev.instructor.internal.binding.ObjectProperty;
import dev.instructor.internal.binding.ObjectShape;
import dev.instructor.internal.binding.OptionalShape;
import dev.instructor.internal.binding.PolymorphicShape;
import dev.instructor.internal.binding.Shape;
import dev.instructor.internal.binding.ShapeFactory;
import dev.instructor.internal.binding.ValueShape;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.JsonType;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JavaType;

/**
 * Bean Validation of the values an update completed: each completed path is located by walking the snapshot and the
 * type model together, and the value found is handed to the checks that apply to it. A member of a bean goes to its
 * property's constraints ({@link BeanChecks}), a container element to those on it ({@link ElementChecks}), a null
 * item to the schema ({@link NullItems}); a completed bean to what its members' checks cannot see, and an object of a
 * union, an item of a set of structures or a container the binding reads whole is checked whole ({@link
 * WholeValues}). Nothing is checked for properties without constraints.
 *
 * <p>A completed container element of a property is only walked to when the type has constraints on container
 * elements; other values pay a few local assignments on the walk.
 */
final class CompletedValues {
    private final Shape root;
    private final String wrapperKey;
    private final ShapeFactory factory;
    /** Null when no set of structures nor union is reachable. */
    private final SetItemViolations setItems;

    private final BeanChecks beans;
    private final ElementChecks elements;
    private final NullItems nullItems;
    private final WholeValues whole;
    /** Whether some property of the type has constraints on its container elements, checked one by one. */
    private final boolean anyElements;

    CompletedValues(
            Shape root,
            String wrapperKey,
            ShapeFactory factory,
            SetItemViolations setItems,
            BeanChecks beans,
            ElementChecks elements,
            NullItems nullItems,
            WholeValues whole,
            boolean anyElements) {
        this.root = root;
        this.wrapperKey = wrapperKey;
        this.factory = factory;
        this.setItems = setItems;
        this.beans = beans;
        this.elements = elements;
        this.nullItems = nullItems;
        this.whole = whole;
        this.anyElements = anyElements;
    }

    /** Checks the value completed at {@code path}, a pointer in the document's terms. */
    void check(PartialValue snapshot, JsonPointer path, List<Violation> found) {
        int before = found.size();
        checkValue(snapshot, path, found);
        if (setItems != null && found.size() > before) {
            // Below the completed value, the paths are those its checks name: no item of a set among them.
            setItems.inDocumentUpTo(found.subList(before, found.size()), path.depth());
        }
    }

    private void checkValue(PartialValue snapshot, JsonPointer path, List<Violation> found) {
        List<String> segments = path.segments();
        int from = 0;
        if (wrapperKey != null) {
            if (segments.isEmpty() || !segments.get(0).equals(wrapperKey)) {
                return; // the wrapper object itself
            }
            from = 1;
        }
        PartialValue node = BareValues.valueIn(snapshot, wrapperKey);
        Shape shape = root;
        ObjectShape owner = null;
        ObjectProperty property = null;
        // The nearest property above the completed value: it is that property's container element if containers lie
        // between (only walked for, when the type has constraints on container elements).
        ObjectShape elementOwner = null;
        ObjectProperty elementProperty = null;
        int elementFrom = 0;
        Shape container = null; // the shape of the value holding the completed one
        for (int i = from; i < segments.size() && node != null && shape != null; i++) {
            String segment = segments.get(i);
            Shape resolved = shape.resolve(node);
            owner = resolved instanceof ObjectShape ? (ObjectShape) resolved : null;
            property = owner == null ? null : owner.property(segment);
            if (property != null && !BeanChecks.isKept(owner, node, segment, property)) {
                return; // not the member Jackson binds, or not known yet: checked once the object completes
            }
            if (owner != null) {
                elementOwner = owner;
                elementProperty = property;
                elementFrom = i + 1;
            }
            container = resolved instanceof OptionalShape optional ? optional.content() : resolved;
            shape = readWhole(container)
                    ? factory.shapeFor(container.type().getContentType())
                    : shape.child(node, segment);
            node = Shape.childValue(node, segment);
        }
        if (node == null || shape == null) {
            return;
        }
        Shape resolved = shape.resolve(node);
        Shape declared = shape instanceof OptionalShape ? ((OptionalShape) shape).content() : shape;
        if (setItems != null && SetItemViolations.isSetOfStructures(container) && isStructure(resolved, node)) {
            whole.checkSetItem(shape, node, path, found);
        } else if (resolved instanceof ObjectShape && node.type() == JsonType.OBJECT) {
            if (declared instanceof PolymorphicShape) {
                // Its members that completed before the type id could not be located in the type model.
                whole.check(declared, node, path, found);
            } else {
                beans.checkBean((ObjectShape) resolved, (PartialObject) node, path, found);
            }
        } else if (resolved instanceof ListShape list && node.type() == JsonType.ARRAY) {
            nullItems.checkContainer(list, list.element(), node, path, found);
        } else if (resolved instanceof MapShape map && node.type() == JsonType.OBJECT) {
            nullItems.checkContainer(map, map.content(), node, path, found);
        } else if (resolved instanceof ValueShape
                && ValueValidation.holdsBeans(resolved)
                && (node.type() == JsonType.OBJECT || node.type() == JsonType.ARRAY)) {
            // A container the binding reads whole (Map<Integer, Idea>, ArrayBlockingQueue<Idea>): nothing inside it was
            // checked as it completed, so it is checked now as the final validation checks it.
            whole.check(resolved, node, path, found);
        }
        if (property != null) {
            beans.checkMember(owner, property, shape, node, path, found);
        } else if (node.type() != JsonType.NULL || NullItems.keepsNull(container)) {
            if (node.type() == JsonType.NULL) {
                nullItems.checkItem(container, shape, node, path, found);
            }
            if (anyElements && elementProperty != null) {
                elements.checkCompleted(
                        elementOwner,
                        elementProperty,
                        shape,
                        node,
                        path,
                        segments.subList(elementFrom, segments.size()),
                        found);
            }
        }
    }

    /** Returns true when {@code node}, bound by {@code resolved}, is a bean, a list, a set or a map as written. */
    private static boolean isStructure(Shape resolved, PartialValue node) {
        JsonType type = node.type();
        if (type == JsonType.OBJECT) {
            return resolved instanceof ObjectShape
                    || resolved instanceof MapShape
                    || resolved instanceof ValueShape && ValueValidation.holdsBeans(resolved);
        }
        return type == JsonType.ARRAY
                && (resolved instanceof ListShape
                        || resolved instanceof ValueShape && ValueValidation.holdsBeans(resolved));
    }

    /**
     * Returns true for a list, array or map the binding reads whole ({@code Map<Integer, Idea>}, {@code Map<UUID,
     * Idea>}) as its type reads, whose items are still checked as they complete, as those of a {@code List<Idea>} are:
     * through the shape of its content type. Not a set, whose items the final validation reports on the set itself, nor
     * a container a property reads its own way (that shape is not its type's).
     */
    private boolean readWhole(Shape container) {
        JavaType type = container.type();
        return container instanceof ValueShape
                && (type.isMapLikeType() || type.isArrayType() || type.isCollectionLikeType())
                && !Set.class.isAssignableFrom(type.getRawClass())
                && type.getContentType() != null
                && !type.getContentType().isPrimitive()
                && factory.shapeFor(type) == container;
    }
}
