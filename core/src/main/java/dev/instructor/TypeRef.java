package dev.instructor;

import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

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
 * @param <T> the captured type
 */
public abstract class TypeRef<T> {
    private final Type type;
    private final AnnotatedType annotatedType;

    /**
     * Captures the type argument of the anonymous subclass being created.
     *
     * @throws IllegalStateException when instantiated without a type argument ({@code new TypeRef() {}})
     */
    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType)) {
            throw new IllegalStateException("TypeRef needs a type argument, as in new TypeRef<List<Idea>>() {}");
        }
        this.type = ((ParameterizedType) superclass).getActualTypeArguments()[0];
        AnnotatedType annotated = getClass().getAnnotatedSuperclass();
        this.annotatedType = annotated instanceof AnnotatedParameterizedType parameterized
                ? parameterized.getAnnotatedActualTypeArguments()[0]
                : null;
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
