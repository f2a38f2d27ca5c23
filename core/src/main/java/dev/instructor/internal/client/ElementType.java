package dev.instructor.internal.client;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Checks that {@code elements(E.class)} or {@code elements(new TypeRef<E>() {})} fits the response model: a
 * {@code List<E>} or {@code Set<E>} (a class also fits a list of a subclass).
 */
final class ElementType {
    private final Type type;

    ElementType(Type type) {
        this.type = type;
    }

    void check(Type element) {
        Type argument = elementOfModel();
        if (argument != null
                && (argument.equals(element)
                        || element instanceof Class<?> wanted
                                && argument instanceof Class<?> actual
                                && wanted.isAssignableFrom(actual))) {
            return;
        }
        String name = element instanceof Class<?> c ? c.getSimpleName() : element.getTypeName();
        throw new IllegalArgumentException("elements(" + name + ") needs a response model of List<" + name + "> or Set<"
                + name + ">, not " + type.getTypeName());
    }

    /** Returns the element type of a list or set model, or null for any other model. */
    private Type elementOfModel() {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getRawType() instanceof Class<?> raw
                && (raw == List.class || raw == Set.class || raw == Collection.class)) {
            return parameterized.getActualTypeArguments()[0];
        }
        return null;
    }
}
