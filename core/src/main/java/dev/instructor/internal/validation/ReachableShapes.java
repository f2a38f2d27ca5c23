package dev.instructor.internal.validation;

import dev.instructor.internal.binding.ListShape;
import dev.instructor.internal.binding.MapShape;
import dev.instructor.internal.binding.ObjectProperty;
import dev.instructor.internal.binding.ObjectShape;
import dev.instructor.internal.binding.OptionalShape;
import dev.instructor.internal.binding.Shape;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Questions asked once per response type of every shape a value of it may hold: its properties' shapes, list
 * elements, map values and an {@code Optional}'s content, each shape once, so that a self-referential type ends.
 * A union's subtypes are not walked, as they are known only once a value names one; a test that must hold for them
 * says so of the union itself.
 */
final class ReachableShapes {
    private ReachableShapes() {}

    /** Returns true when {@code test} holds for {@code root} or a shape reachable from it. */
    static boolean any(Shape root, Predicate<Shape> test) {
        Set<Shape> seen = new HashSet<>();
        Deque<Shape> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Shape shape = pending.pop();
            if (!seen.add(shape)) {
                continue;
            }
            if (test.test(shape)) {
                return true;
            }
            if (shape instanceof ObjectShape object) {
                for (ObjectProperty property : object.properties()) {
                    pushUnlessNull(pending, property.shape());
                }
            } else if (shape instanceof ListShape list) {
                pushUnlessNull(pending, list.element());
            } else if (shape instanceof MapShape map) {
                pushUnlessNull(pending, map.content());
            } else if (shape instanceof OptionalShape optional) {
                pushUnlessNull(pending, optional.content());
            }
        }
        return false;
    }

    private static void pushUnlessNull(Deque<Shape> pending, Shape shape) {
        if (shape != null) {
            pending.push(shape);
        }
    }
}
