package dev.instructor.internal.client;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Checks that {@code elements(E.class)} fits the response model: a {@code List<E>} or {@code Set<E>}. */
final class ElementType {
    private final Type type;

    ElementType(Type type) {
        this.type = type;
    }

    void check(Class<?> element) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getRawType() instanceof Class<?> raw
                && (raw == List.class || raw == Set.class || raw == Collection.class)
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> argument
                && element.isAssignableFrom(argument)) {
            return;
        }
        throw new IllegalArgumentException("elements(" + element.getSimpleName() + ") needs a response model of List<"
                + element.getSimpleName() + "> or Set<" + element.getSimpleName() + ">, not " + type.getTypeName());
    }
}
