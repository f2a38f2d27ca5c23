package dev.instructor;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A super type token: captures a generic type such as {@code List<Idea>} that a {@code Class} cannot express.
 *
 * <pre>{@code
 * ResponseModel<List<Idea>> ideas = ResponseModel.of(new TypeRef<List<Idea>>() {});
 * }</pre>
 *
 * @param <T> the captured type
 */
public abstract class TypeRef<T> {
    private final Type type;

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
    }

    /** Returns the captured type. */
    public final Type type() {
        return type;
    }

    @Override
    public String toString() {
        return "TypeRef<" + type.getTypeName() + ">";
    }
}
