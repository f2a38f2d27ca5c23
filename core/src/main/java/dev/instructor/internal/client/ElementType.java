package dev.instructor.internal.client;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Objects;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

/**
 * Checks that {@code elements(E.class)} or {@code elements(new TypeRef<E>() {})} fits the response model: a collection
 * of {@code E} — {@code List<E>}, {@code Set<E>}, {@code Iterable<E>}, a concrete collection such as
 * {@code ArrayList<E>}, or a class extending one (a class also fits a collection of a subclass).
 */
final class ElementType {
    /** Only resolves type variables and supertypes here, which needs no mapper's configuration. */
    private static final TypeFactory TYPES = TypeFactory.createDefaultInstance();

    private final Type type;

    ElementType(Type type) {
        this.type = type;
    }

    void check(Type element) {
        Objects.requireNonNull(element, "elementType");
        JavaType argument = elementOfModel();
        if (argument != null && fits(TYPES.constructType(element), element, argument)) {
            return;
        }
        String name = element instanceof Class<?> c ? c.getSimpleName() : element.getTypeName();
        throw new IllegalArgumentException("elements(" + name + ") needs a response model that is a collection of "
                + name + ", such as List<" + name + "> or Set<" + name + ">, not " + type.getTypeName());
    }

    private static boolean fits(JavaType wanted, Type element, JavaType argument) {
        return argument.equals(wanted)
                || element instanceof Class<?> raw
                        && argument.getBindings().isEmpty()
                        && raw.isAssignableFrom(argument.getRawClass());
    }

    /** Returns the element type of a collection model, or null for any other model. */
    private JavaType elementOfModel() {
        JavaType model = TYPES.constructType(type);
        // Iterable itself, which Jackson reads as a list, but no other: a class of the user's that is iterable and
        // no collection (a page of items) is read as an object, and the run would hand out none of its items.
        if (model.getRawClass() != Iterable.class && !Collection.class.isAssignableFrom(model.getRawClass())) {
            return null;
        }
        JavaType[] parameters = model.findTypeParameters(Iterable.class);
        return parameters.length == 1 ? parameters[0] : null;
    }
}
