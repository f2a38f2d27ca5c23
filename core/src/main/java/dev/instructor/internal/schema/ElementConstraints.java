package dev.instructor.internal.schema;

import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import jakarta.validation.Constraint;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * The keywords and sentences victools' Jakarta module (as {@link FullMatchValidationModule} shapes it) and
 * {@link UnexpressedConstraints} write for a property's constraints, read instead from the type-use annotations of a
 * value held in containers, which no member scope of victools' stands for ({@link NestedElements}). Only the default
 * group's constraints, as everywhere.
 */
final class ElementConstraints extends FullMatchValidationModule {
    private final AnnotatedType element;

    /** The constraints annotating {@code element}, the annotated type of a value in a container. */
    ElementConstraints(AnnotatedType element) {
        this.element = element;
    }

    /** Reads the element's annotations, composed constraints included, wherever victools would read the member's. */
    @Override
    protected <A extends Annotation> A getAnnotationFromFieldOrGetter(
            MemberScope<?, ?> member, Class<A> type, Function<A, Class<?>[]> groups) {
        A found = member.getContext()
                .getAnnotationFromList(type, Arrays.asList(element.getAnnotations()), annotation -> annotation
                        .annotationType()
                        .isAnnotationPresent(Constraint.class));
        return UnexpressedConstraints.ifDefaultGroup(found, groups);
    }

    /**
     * Writes on {@code node}, the schema of the element, what its constraints say: {@code typed} is a member scope of
     * the element's type, which the keywords depend on (a length for text, a count for a list or map).
     */
    void write(ObjectNode node, MemberScope<?, ?> typed, SchemaGenerationContext context) {
        putMissing(node, "minLength", resolveStringMinLength(typed));
        putMissing(node, "maxLength", resolveStringMaxLength(typed));
        putMissing(node, "format", resolveStringFormat(typed));
        putMissing(node, "pattern", resolveStringPattern(typed));
        putMissing(node, "minimum", resolveNumberInclusiveMinimum(typed));
        putMissing(node, "exclusiveMinimum", resolveNumberExclusiveMinimum(typed));
        putMissing(node, "maximum", resolveNumberInclusiveMaximum(typed));
        putMissing(node, "exclusiveMaximum", resolveNumberExclusiveMaximum(typed));
        putMissing(node, "minItems", resolveArrayMinItems(typed));
        putMissing(node, "maxItems", resolveArrayMaxItems(typed));
        List<Object> values = resolveEnum(typed);
        if (values != null && values.size() == 1 && !node.has("const")) {
            node.put("const", (Boolean) values.get(0)); // @AssertTrue or @AssertFalse, the only ones victools reads
        }
        overrideInstanceAttributes(node, typed, context); // a map's entry counts, a set's bound in words
        UnexpressedConstraints.describeFound(node, new UnexpressedConstraints.Lookup() {
            @Override
            public <A extends Annotation> A find(Class<A> type, Function<A, Class<?>[]> groups) {
                return getAnnotationFromFieldOrGetter(typed, type, groups);
            }
        });
    }

    private static void putMissing(ObjectNode node, String keyword, Object value) {
        if (value == null || node.has(keyword)) {
            return;
        }
        if (value instanceof Integer count) {
            node.put(keyword, count);
        } else if (value instanceof BigDecimal number) {
            node.put(keyword, number);
        } else {
            node.put(keyword, value.toString());
        }
    }
}
