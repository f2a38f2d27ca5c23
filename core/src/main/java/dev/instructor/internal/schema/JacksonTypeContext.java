package dev.instructor.internal.schema;

import com.fasterxml.classmate.AnnotationConfiguration;
import com.fasterxml.classmate.AnnotationInclusion;
import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.MethodScope;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfig;
import com.github.victools.jsonschema.generator.TypeContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.ParameterizedType;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * victools' type context, with two differences.
 *
 * <p>{@code Iterable} itself is a container, as Jackson reads it: from an array, as a {@code Collection} of its items.
 * victools takes only arrays and {@code Collection}s for containers, and would describe an {@code Iterable} as an
 * object with no properties. A class that merely implements {@code Iterable} stays what victools makes of it, as
 * Jackson binds such a class as a bean.
 *
 * <p>An item's type-use constraints are found through the {@code Optional}s victools flattens, as Bean Validation
 * finds them: those of {@code List<Optional<@Size(max = 2) String>>}'s strings, and of
 * {@code Optional<List<@Size(max = 2) String>>}'s. victools reads only the annotations of the member's own type
 * argument, which there are the {@code Optional}'s or the list's.
 */
final class JacksonTypeContext extends TypeContext {
    JacksonTypeContext(SchemaGeneratorConfig config) {
        super(
                new AnnotationConfiguration.StdConfiguration(AnnotationInclusion.INCLUDE_AND_INHERIT_IF_INHERITED),
                config);
    }

    @Override
    public boolean isContainerType(ResolvedType type) {
        return type.getErasedType() == Iterable.class || super.isContainerType(type);
    }

    @Override
    public Stream<Annotation> getTypeParameterAnnotations(AnnotatedType container, Integer index) {
        if (index == null) {
            // No item index: victools asks for what a flattened Optional property holds, which is the Optional's own
            // type argument (Optional<@Size(max = 2) List<String>>), not that value's item.
            return super.getTypeParameterAnnotations(container, null);
        }
        // The member's own Optional is flattened: its item is the item of what the Optional holds.
        Stream<Annotation> item = super.getTypeParameterAnnotations(withoutOptional(container), index);
        AnnotatedType argument = typeArgument(withoutOptional(container), index);
        AnnotatedType content = argument == null ? null : optionalContent(argument);
        // So is an Optional item: its constraints are those of what it holds, as Bean Validation unwraps it.
        return content == null ? item : Stream.concat(item, Stream.of(content.getAnnotations()));
    }

    /**
     * Returns the type {@code member} declares, with its type-use annotations (a field's type, a getter's return
     * type), or null for any other kind of member.
     */
    static AnnotatedType declaredType(MemberScope<?, ?> member) {
        if (member instanceof FieldScope field) {
            return field.getRawMember().getAnnotatedType();
        }
        if (member instanceof MethodScope method) {
            return method.getRawMember().getAnnotatedReturnType();
        }
        return null;
    }

    /** Returns what the {@code Optional} {@code type} holds, or {@code type} itself when it is no Optional. */
    static AnnotatedType withoutOptional(AnnotatedType type) {
        AnnotatedType content = optionalContent(type);
        return content == null ? type : content;
    }

    /** Returns the annotated type an {@code Optional<T>} holds, or null when {@code type} is no Optional. */
    private static AnnotatedType optionalContent(AnnotatedType type) {
        return type.getType() instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class
                ? typeArgument(type, 0)
                : null;
    }

    private static AnnotatedType typeArgument(AnnotatedType type, int index) {
        if (type instanceof AnnotatedParameterizedType parameterized) {
            AnnotatedType[] arguments = parameterized.getAnnotatedActualTypeArguments();
            return index < arguments.length ? arguments[index] : null;
        }
        return null;
    }
}
