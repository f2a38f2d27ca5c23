package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import tools.jackson.databind.node.ObjectNode;

/**
 * Schemas for JDK types that victools describes differently from how Jackson writes them: {@code byte[]} (a base64
 * string, not an array), {@code OptionalInt}/{@code OptionalLong}/{@code OptionalDouble} (a nullable number, not an
 * object), and {@code Optional<T>} outside a property, such as at the root or as a list element (a nullable
 * {@code T}; victools flattens optionals only for properties).
 */
final class JdkTypeDefinitionProvider implements CustomDefinitionProviderV2 {
    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
        Class<?> type = javaType.getErasedType();
        if (type == byte[].class) {
            return inline(context.getGeneratorConfig()
                    .createObjectNode()
                    .put("type", "string")
                    .put("contentEncoding", "base64"));
        }
        if (type == OptionalInt.class || type == OptionalLong.class) {
            return inline(nullable("integer", context));
        }
        if (type == OptionalDouble.class) {
            return inline(nullable("number", context));
        }
        if (type == Optional.class) {
            ResolvedType content = javaType.getTypeParameters().isEmpty()
                    ? context.getTypeContext().resolve(Object.class)
                    : javaType.getTypeParameters().get(0);
            return inline(context.makeNullable(context.createDefinitionReference(content)));
        }
        return null;
    }

    private static ObjectNode nullable(String type, SchemaGenerationContext context) {
        ObjectNode node = context.getGeneratorConfig().createObjectNode();
        node.putArray("type").add(type).add("null");
        return node;
    }

    private static CustomDefinition inline(ObjectNode definition) {
        return new CustomDefinition(
                definition, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO);
    }
}
