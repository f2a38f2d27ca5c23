package dev.instructor;

import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;

/**
 * A super type token: captures a generic type such as {@code List<Idea>} that a {@code Class} cannot express.
 *
 * <pre>{@code
 * ResponseModel<List<Idea>> ideas = ResponseModel.of(new TypeRef<List<Idea>>() {});
 * }</pre>
 *
 * <p>A root list, set, array or map may carry {@code @Size} or {@code @NotEmpty} as a type-use annotation, as a list
 * property does: {@code new TypeRef<@Size(max = 5) List<Idea>>() {}} asks the model for at most five items, and an
 * answer with more fails while it streams. Write the type argument in the {@code new} expression: with the diamond
 * ({@code new TypeRef<>() {}}) Java compiles the class without the annotation, and the bound is lost. Other Bean
 * Validation constraints inside a type token are rejected when the {@link ResponseModel} is built: declare them on a
 * record's or bean's properties.
 *
 * <p>The type must be concrete where the token is created: inside a generic method, {@code new TypeRef<List<T>>() {}}
 * captures the type variable {@code T}, not the caller's type, as erasure leaves nothing else, and is rejected.
 * Create the token where the type is known and pass it in.
 *
 * @param <T> the captured type
 */
public abstract class TypeRef<T> {
    private final Type type;
    private final AnnotatedType annotatedType;

    /**
     * Captures the type argument of the anonymous subclass being created.
     *
     * @throws IllegalStateException when instantiated without a type argument ({@code new TypeRef() {}}), or with one
     *     that holds a type variable ({@code new TypeRef<List<T>>() {}} in a generic method)
     */
    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType)) {
            throw new IllegalStateException("TypeRef needs a type argument, as in new TypeRef<List<Idea>>() {}");
        }
        this.type = ((ParameterizedType) superclass).getActualTypeArguments()[0];
        TypeVariable<?> variable = typeVariableIn(type);
        if (variable != null) {
            // Jackson would read it as its bound, Object for most: the model asked for any value, maps bound, and a
            // ClassCastException where the caller reads an item.
            throw new IllegalStateException("TypeRef<" + type.getTypeName() + "> holds the type variable "
                    + variable.getName() + ", which erasure leaves unknown at run time; create the TypeRef where the "
                    + "type is concrete, as in new TypeRef<List<Idea>>() {}, and pass it in");
        }
        AnnotatedType annotated = getClass().getAnnotatedSuperclass();
        this.annotatedType = annotated instanceof AnnotatedParameterizedType parameterized
                ? parameterized.getAnnotatedActualTypeArguments()[0]
                : null;
    }

    /** Returns the first type variable in {@code type}, or null when it has none. */
    private static TypeVariable<?> typeVariableIn(Type type) {
        if (type instanceof TypeVariable<?> variable) {
            return variable;
        }
        for (Type part : partsOf(type)) {
            TypeVariable<?> found = typeVariableIn(part);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Returns what {@code type} is made of: a generic type's arguments and owner, an array's items, its bounds. */
    private static List<Type> partsOf(Type type) {
        List<Type> parts = new ArrayList<>();
        if (type instanceof ParameterizedType parameterized) {
            parts.addAll(List.of(parameterized.getActualTypeArguments()));
            if (parameterized.getOwnerType() != null) {
                parts.add(parameterized.getOwnerType());
            }
        } else if (type instanceof GenericArrayType array) {
            parts.add(array.getGenericComponentType());
        } else if (type instanceof WildcardType wildcard) {
            parts.addAll(List.of(wildcard.getUpperBounds()));
            parts.addAll(List.of(wildcard.getLowerBounds()));
        }
        return parts;
    }

    /** Returns the captured type. */
    public final Type type() {
        return type;
    }

    /**
     * Returns the captured type with its type-use annotations ({@code @Size List<Idea>}), or null where the JVM keeps
     * none.
     */
    public final AnnotatedType annotatedType() {
        return annotatedType;
    }

    @Override
    public String toString() {
        return "TypeRef<" + type.getTypeName() + ">";
    }
}
