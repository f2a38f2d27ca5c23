package dev.instructor.internal.binding;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JavaType;

/**
 * Looks through the shapes of a response type for a value Jackson can never make (see {@link
 * ShapeFactory#requireBindable}), wherever the type holds one: a property, an item of a list, set or array, a value of
 * a map, the content of an {@code Optional}. A map or collection that Jackson reads whole ({@code Map<Colour, V>}) is
 * looked into through its content type, unless a property reads it with a deserializer of its own.
 *
 * <p>Breadth first, so that the shortest path to such a value is the one named, and each shape once, so that a
 * self-referential type ends. A union is looked into through each concrete member an answer may name: an answer that
 * names one whose values Jackson cannot make fails as surely as any other such value. (An abstract member is not
 * offered in the schema, so the model cannot name it.)
 */
final class UnbindableValues {
    /** A value no answer can fill: where it is, written as {@link #path} describes, and its type. */
    record Found(String path, JavaType type) {}

    private record Step(Shape shape, String path) {}

    private UnbindableValues() {}

    /**
     * Returns the first value under {@code root} that {@code shapes} says Jackson makes none of, or null.
     *
     * <p>A path joins JSON property names with dots and writes {@code []} for an item of a list, set or array and
     * {@code {}} for a value of a map: {@code drawings[].figure}; a union's member adds its type id in parentheses:
     * {@code pieces[](holder).figures[]}. The content of an {@code Optional} is its own path.
     */
    static Found find(Shape root, ShapeFactory shapes) {
        Set<Shape> seen = new HashSet<>();
        Deque<Step> pending = new ArrayDeque<>();
        pending.add(new Step(root, ""));
        while (!pending.isEmpty()) {
            Step step = pending.poll();
            Shape shape = step.shape();
            if (shape == null || !seen.add(shape)) {
                continue;
            }
            if (shapes.makesNoValue(shape)) {
                return new Found(step.path(), shape.type());
            }
            if (shape instanceof ObjectShape object) {
                for (ObjectProperty property : object.properties()) {
                    String name = step.path().isEmpty() ? property.name() : step.path() + "." + property.name();
                    if (shapes.makesNoValue(property)) {
                        return new Found(name, property.shape().type());
                    }
                    pending.add(new Step(property.shape(), name));
                }
            } else if (shape instanceof ListShape list) {
                pending.add(new Step(list.element(), step.path() + "[]"));
            } else if (shape instanceof MapShape map) {
                pending.add(new Step(map.content(), step.path() + "{}"));
            } else if (shape instanceof PolymorphicShape union) {
                // Each member an answer may name: (id) after the union's path, where the member's values start.
                for (String id : shapes.memberIds(union)) {
                    pending.add(new Step(union.member(id), step.path() + "(" + id + ")"));
                }
            } else if (shape instanceof OptionalShape optional) {
                pending.add(new Step(optional.content(), step.path()));
            } else if (shape instanceof ValueShape
                    && readsWhole(shape.type())
                    && shapes.shapeFor(shape.type()) == shape) {
                JavaType type = shape.type();
                String item = type.isMapLikeType() ? "{}" : "[]";
                pending.add(new Step(shapes.shapeFor(type.getContentType()), step.path() + item));
            }
        }
        return null;
    }

    /** Whether {@code type} is a container of values that Jackson makes one by one (not of primitives). */
    private static boolean readsWhole(JavaType type) {
        return type.isContainerType()
                && type.getContentType() != null
                && !type.getContentType().isPrimitive();
    }
}
