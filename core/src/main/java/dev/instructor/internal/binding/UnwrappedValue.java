package dev.instructor.internal.binding;

import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.util.NameTransformer;

/**
 * A {@code @JsonUnwrapped} property of a bean: its value's members are written in the bean's own object, renamed by the
 * annotation's prefix and suffix. Jackson reads such a value from the members no other property takes, so the binder
 * leaves it to Jackson; validation still has to look inside it, under the names the model wrote.
 */
public final class UnwrappedValue {
    private final AnnotatedMember accessor;
    private final NameTransformer names;
    private final Shape shape;

    UnwrappedValue(AnnotatedMember accessor, NameTransformer names, Shape shape) {
        this.accessor = accessor;
        this.names = names;
        this.shape = shape;
    }

    /** Returns the unwrapped value held by {@code bean}, read as Jackson's serializer would read it. */
    public Object valueIn(Object bean) {
        accessor.fixAccess(true);
        return accessor.getValue(bean);
    }

    /** Returns the shape of the unwrapped value: an object shape unless Jackson does not read it as a bean. */
    public Shape shape() {
        return shape;
    }

    /** Returns how the names of the value's members are written in the enclosing object. */
    public NameTransformer names() {
        return names;
    }
}
