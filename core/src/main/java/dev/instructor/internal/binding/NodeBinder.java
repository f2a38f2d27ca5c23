package dev.instructor.internal.binding;

import dev.instructor.json.PartialValue;

/**
 * Binds single snapshot nodes outside a stream's {@link PartialBinding}, without memo: for checks that need the Java
 * value of one completed field or item. Not thread-safe.
 */
public final class NodeBinder {
    private final BindContext context;

    /** Creates a binder using Jackson contexts from {@code factory}'s mapper. */
    public NodeBinder(ShapeFactory factory) {
        this.context = new BindContext(factory);
    }

    /** Returns {@code node} bound by {@code shape}, or {@link Shape#ABSENT} when it cannot be bound. */
    public Object bind(Shape shape, PartialValue node) {
        context.beginPass();
        try {
            return shape.bind(node, new Slot(), context);
        } catch (SkipPartial skip) {
            return Shape.ABSENT;
        }
    }
}
