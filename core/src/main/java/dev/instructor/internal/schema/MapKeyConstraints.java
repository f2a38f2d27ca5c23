package dev.instructor.internal.schema;

import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the Jakarta constraints on the keys of a {@code Map<String, V>} property ({@code Map<@Size(max = 3) String,
 * V>}) as the map's {@code propertyNames}, since Bean Validation checks every key: {@code @Size} as lengths,
 * {@code @NotEmpty} and {@code @NotBlank} as a length of at least one, a {@code @Pattern} that ECMA-262 reads as Java
 * does (and has no flags) as a pattern. Only the default group's, as for the other constraints. Dialects that take no
 * {@code propertyNames} move it into the description.
 *
 * <p>On a map that is the property, or an item of the property's list or array, or in an {@code Optional} there;
 * {@link NestedElements} writes those of a map held deeper (in a map, or a list in a list).
 */
final class MapKeyConstraints {
    private MapKeyConstraints() {}

    /** Adds to {@code node}, the schema of {@code member}, the {@code propertyNames} its map's keys are held to. */
    static void describe(ObjectNode node, MemberScope<?, ?> member, SchemaGenerationContext context) {
        if (!Map.class.isAssignableFrom(member.getType().getErasedType()) || node.has("propertyNames")) {
            return;
        }
        AnnotatedType key = keyType(member);
        if (key != null) {
            describeKeys(node, key);
        }
    }

    /** Adds to {@code node}, the schema of a map, the {@code propertyNames} the annotated {@code key} type holds to. */
    static void describeKeys(ObjectNode node, AnnotatedType key) {
        if (key.getType() != String.class || node.has("propertyNames")) {
            return;
        }
        ObjectNode names = node.objectNode();
        Size size = checked(key, Size.class, Size::groups);
        if (size != null) {
            if (size.min() > 0) {
                names.put("minLength", size.min());
            }
            if (size.max() < Integer.MAX_VALUE) {
                names.put("maxLength", size.max());
            }
        }
        boolean notEmpty = checked(key, NotEmpty.class, NotEmpty::groups) != null
                || checked(key, NotBlank.class, NotBlank::groups) != null;
        if (notEmpty && names.path("minLength").asInt(0) < 1) {
            names.put("minLength", 1);
        }
        Pattern pattern = checked(key, Pattern.class, Pattern::groups);
        String ecma = pattern == null || pattern.flags().length > 0
                ? null
                : FullMatchValidationModule.ecmaPattern(pattern.regexp());
        if (ecma != null) {
            names.put("pattern", ecma);
        }
        if (!names.isEmpty()) {
            node.set("propertyNames", names);
        }
    }

    /** Returns the annotated key type of the map {@code member} holds, or null when it cannot be read. */
    private static AnnotatedType keyType(MemberScope<?, ?> member) {
        AnnotatedType declared = JacksonTypeContext.declaredType(member);
        if (declared == null) {
            return null;
        }
        // An Optional<Map<K, V>> property is its map, victools flattening the Optional; so is an Optional item.
        declared = JacksonTypeContext.withoutOptional(declared);
        if (member.isFakeContainerItemScope()) {
            AnnotatedType item = itemType(declared);
            if (item == null) {
                return null;
            }
            declared = JacksonTypeContext.withoutOptional(item);
        }
        return declared instanceof AnnotatedParameterizedType map && map.getAnnotatedActualTypeArguments().length == 2
                ? map.getAnnotatedActualTypeArguments()[0]
                : null;
    }

    /**
     * Returns the annotated item type of the list or array {@code container}, or null when its type does not show it
     * (a class that extends a list).
     */
    private static AnnotatedType itemType(AnnotatedType container) {
        if (container instanceof AnnotatedArrayType array) {
            return array.getAnnotatedGenericComponentType();
        }
        return container instanceof AnnotatedParameterizedType list
                        && list.getAnnotatedActualTypeArguments().length == 1
                ? list.getAnnotatedActualTypeArguments()[0]
                : null;
    }

    /** Returns the annotation of {@code type} on {@code key} if the default group checks it, else null. */
    private static <A extends Annotation> A checked(AnnotatedType key, Class<A> type, Function<A, Class<?>[]> groups) {
        return UnexpressedConstraints.ifDefaultGroup(key.getAnnotation(type), groups);
    }
}
