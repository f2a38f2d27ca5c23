package dev.instructor.internal.schema;

import com.github.victools.jsonschema.generator.MemberScope;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedType;
import java.util.Optional;

/**
 * The type-use annotations on what an {@code Optional} property holds ({@code Optional<@Size(max = 5) String>}):
 * victools flattens the Optional into its content's schema but reads only the property's own annotations, while Bean
 * Validation checks these on the value when present.
 */
final class OptionalContents {
    private OptionalContents() {}

    /** Returns the annotation of {@code type} on the content of {@code member}'s {@code Optional}, or null. */
    static <A extends Annotation> A annotation(MemberScope<?, ?> member, Class<A> type) {
        if (member.getDeclaredType().getErasedType() != Optional.class) {
            return null;
        }
        AnnotatedType declared = JacksonTypeContext.declaredType(member);
        if (declared == null) {
            return null;
        }
        AnnotatedType content = JacksonTypeContext.withoutOptional(declared);
        return content == declared ? null : content.getAnnotation(type);
    }
}
