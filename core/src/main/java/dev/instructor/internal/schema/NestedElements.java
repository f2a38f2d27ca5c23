package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomPropertyDefinition;
import com.github.victools.jsonschema.generator.CustomPropertyDefinitionProvider;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.MethodScope;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the type-use constraints of values held two or more containers deep in a property
 * ({@code List<List<@Size(max = 3) String>>}, {@code Map<String, List<@NotBlank String>>}), and of what an
 * {@code Optional} map value holds ({@code Map<String, Optional<@Size(max = 5) String>>}), which Bean Validation
 * checks as it checks a property's. victools reads the annotations of a property and of its own type argument only: a
 * deeper value, or an Optional it does not flatten, is described by its type alone.
 *
 * <p>The property's schema is victools' own, walked together with the property's annotated type: a list's or set's
 * {@code items}, a map's {@code additionalProperties} and keys ({@link MapKeyConstraints}), through {@code Optional}s;
 * the constraints of each value met below the first level are written as victools writes a property's
 * ({@link ElementConstraints}). Arrays are not followed: Bean Validation does not check type arguments inside an
 * array ({@code List<@Size(max = 2) String>[]}). Only properties with such constraints are described here, in place;
 * others keep victools' schema as it was.
 */
final class NestedElements {
    /** The providers to register, and to skip when asking victools for a property's own schema. */
    final CustomPropertyDefinitionProvider<FieldScope> fields = this::forField;

    final CustomPropertyDefinitionProvider<MethodScope> methods = this::forMethod;

    private CustomPropertyDefinition forField(FieldScope field, SchemaGenerationContext context) {
        if (field.isFakeContainerItemScope()
                || !reachesDeeper(field.getRawMember().getAnnotatedType(), 0, false)) {
            return null;
        }
        return walked(
                context.createStandardDefinition(field, fields),
                field,
                field.getRawMember().getAnnotatedType(),
                context);
    }

    private CustomPropertyDefinition forMethod(MethodScope method, SchemaGenerationContext context) {
        AnnotatedType declared = method.getRawMember().getAnnotatedReturnType();
        if (method.isFakeContainerItemScope() || method.isVoid() || !reachesDeeper(declared, 0, false)) {
            return null;
        }
        JsonNode schema = context.createStandardDefinition(method, methods);
        return schema instanceof ObjectNode object ? walked(object, method, declared, context) : null;
    }

    private static CustomPropertyDefinition walked(
            ObjectNode schema, MemberScope<?, ?> member, AnnotatedType declared, SchemaGenerationContext context) {
        new Walk(member, context).value(schema, declared, member.getDeclaredType(), 0, false);
        return new CustomPropertyDefinition(schema, CustomDefinition.AttributeInclusion.NO);
    }

    /**
     * Returns true when {@code type}, a value {@code depth} containers deep (a map's value when {@code mapValue}),
     * holds a constraint that victools leaves out: one on a value below the first level, on a map's key there, or on
     * what an Optional map value holds.
     */
    static boolean reachesDeeper(AnnotatedType type, int depth, boolean mapValue) {
        boolean optional = isOptional(type);
        AnnotatedType value = optional ? argument(type, 0) : type;
        if (value == null) {
            return false;
        }
        boolean annotated = value.getAnnotations().length > 0;
        if (annotated && (depth >= 2 || (depth == 1 && mapValue && optional))) {
            return true;
        }
        if (isMap(value)) {
            AnnotatedType key = argument(value, 0);
            boolean keyWritten = depth >= 2 || (depth == 1 && mapValue);
            return (keyWritten && key != null && key.getAnnotations().length > 0)
                    || reachesDeeper(argument(value, 1), depth + 1, true);
        }
        return isIterable(value) && reachesDeeper(argument(value, 0), depth + 1, false);
    }

    /** One property's walk. */
    private record Walk(MemberScope<?, ?> member, SchemaGenerationContext context) {
        void value(ObjectNode node, AnnotatedType type, ResolvedType resolved, int depth, boolean mapValue) {
            boolean optional = isOptional(type);
            AnnotatedType value = optional ? argument(type, 0) : type;
            ResolvedType valueType = optional && resolved.getErasedType() == Optional.class
                    ? resolved.getTypeParameters().get(0)
                    : resolved;
            if (value == null || valueType == null) {
                return;
            }
            if (depth >= 2 || (depth == 1 && mapValue && optional)) {
                new ElementConstraints(value).write(node, member.withOverriddenType(valueType), context);
            }
            if (isMap(value)) {
                map(node, value, valueType, depth, mapValue);
                return;
            }
            ResolvedType itemType = context.getTypeContext().getContainerItemType(valueType);
            if (!isIterable(value) || itemType == null) {
                return;
            }
            for (ObjectNode part : parts(node)) {
                if (part.get("items") instanceof ObjectNode items) {
                    value(items, argument(value, 0), itemType, depth + 1, false);
                }
            }
        }

        private void map(ObjectNode node, AnnotatedType map, ResolvedType mapType, int depth, boolean mapValue) {
            if (depth >= 2 || (depth == 1 && mapValue)) {
                MapKeyConstraints.describeKeys(node, argument(map, 0));
            }
            ResolvedType valuesType = context.getTypeContext().getTypeParameterFor(mapType, Map.class, 1);
            if (valuesType == null) {
                return;
            }
            List<ObjectNode> values = new ArrayList<>();
            for (ObjectNode part : parts(node)) {
                if (part.get("additionalProperties") instanceof ObjectNode schema) {
                    values.add(schema);
                    markObject(part, depth);
                }
            }
            if (values.isEmpty() && reachesDeeper(argument(map, 1), depth + 1, true)) {
                // A map held below the property is described by reference to its type's definition, filled in only
                // when generation ends: its values are described here, beside the reference, with their constraints.
                ObjectNode schema = context.createDefinitionReference(valuesType);
                node.set("additionalProperties", schema);
                markObject(node, depth);
                values.add(schema);
            }
            for (ObjectNode schema : values) {
                value(schema, argument(map, 1), valuesType, depth + 1, true);
            }
        }

        /**
         * Says that {@code part}, which describes a map's values, is an object, as the definition it sits beside or is
         * merged with says: a schema without a type keeps no {@code additionalProperties} (see TypeSchemaGenerator),
         * and two parts of one map must agree to be merged. The property's own map is victools' and has its type.
         */
        private static void markObject(ObjectNode part, int depth) {
            if (depth >= 1 && !part.has("type")) {
                part.put("type", "object");
            }
        }

        /** Returns {@code node} and the schemas it is made of: a nullable value's, a map's split by victools. */
        private static List<ObjectNode> parts(ObjectNode node) {
            List<ObjectNode> parts = new ArrayList<>();
            parts.add(node);
            for (String combination : List.of("allOf", "anyOf")) {
                for (JsonNode part : node.path(combination)) {
                    if (part instanceof ObjectNode object) {
                        parts.add(object);
                    }
                }
            }
            return parts;
        }
    }

    private static boolean isOptional(AnnotatedType type) {
        return rawClass(type) == Optional.class;
    }

    private static boolean isMap(AnnotatedType type) {
        Class<?> raw = rawClass(type);
        return raw != null && Map.class.isAssignableFrom(raw) && arguments(type) == 2;
    }

    private static boolean isIterable(AnnotatedType type) {
        Class<?> raw = rawClass(type);
        return raw != null && Iterable.class.isAssignableFrom(raw) && arguments(type) == 1;
    }

    private static Class<?> rawClass(AnnotatedType type) {
        return type != null
                        && type.getType() instanceof ParameterizedType parameterized
                        && parameterized.getRawType() instanceof Class<?> raw
                ? raw
                : null;
    }

    private static int arguments(AnnotatedType type) {
        return type instanceof AnnotatedParameterizedType parameterized
                ? parameterized.getAnnotatedActualTypeArguments().length
                : 0;
    }

    /** Returns the annotated type argument {@code index} of {@code type}, or null when its type does not show one. */
    private static AnnotatedType argument(AnnotatedType type, int index) {
        if (type instanceof AnnotatedParameterizedType parameterized) {
            AnnotatedType[] arguments = parameterized.getAnnotatedActualTypeArguments();
            return index < arguments.length ? arguments[index] : null;
        }
        return null;
    }
}
