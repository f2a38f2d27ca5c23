package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Schemas for Jackson's own trees, which Jackson reads from any JSON of their kind: a {@code JsonNode} is any value,
 * an {@code ObjectNode} an object with any members, an {@code ArrayNode} an array of any items. victools would take
 * them for beans without properties, an object that allows no member at all.
 */
final class JsonTreeDefinitionProvider implements CustomDefinitionProviderV2 {
    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
        Class<?> type = javaType.getErasedType();
        ObjectNode definition = context.getGeneratorConfig().createObjectNode();
        if (type == ObjectNode.class) {
            definition.put("type", "object").putObject("additionalProperties");
        } else if (type == ArrayNode.class) {
            definition.put("type", "array").putObject("items");
        } else if (type != JsonNode.class) {
            return null; // a value node, which Jackson has no deserializer for
        }
        return new CustomDefinition(
                definition, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.YES);
    }
}
