package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Describes a class Jackson writes and reads as an array of its property values ({@code @JsonFormat(shape = ARRAY)},
 * on the class or by the mapper's config) as that array: {@code prefixItems} in the order Jackson writes the
 * properties, one schema per position, nothing after them. A position whose property is not required may be null, as
 * Jackson writes null there. The object schema it is built from is victools' (and our other providers'), so each
 * position keeps its property's constraints and description.
 *
 * <p>JSON Schema 2020-12's {@code prefixItems} is plain JSON Schema, which Anthropic takes and Gemini lists; OpenAI's
 * strict mode does not, and {@link OpenAiStrictSchema} rejects it.
 */
final class ArrayShapeDefinitionProvider implements CustomDefinitionProviderV2 {
    private final ObjectMapper mapper;

    ArrayShapeDefinitionProvider(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
        Class<?> raw = javaType.getErasedType();
        if (!JacksonTypes.isCallerClass(raw)) {
            return null;
        }
        JavaType type = JacksonTypes.javaType(mapper.getTypeFactory(), javaType);
        BeanDescription description = mapper._serializationContext().introspectBeanDescription(type);
        if (description.supplier().findExpectedFormat(raw).getShape() != JsonFormat.Shape.ARRAY) {
            return null;
        }
        ObjectNode object = context.createStandardDefinition(javaType, this);
        JsonNode properties = object.path("properties");
        Set<String> required = new HashSet<>();
        object.path("required").forEach(name -> required.add(name.asString()));
        ObjectNode definition = context.getGeneratorConfig().createObjectNode();
        if (object.has("description")) {
            definition.set("description", object.get("description"));
        }
        definition.put("type", "array");
        ArrayNode positions = definition.putArray("prefixItems");
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (properties.get(property.getName()) instanceof ObjectNode schema) {
                positions.add(required.contains(property.getName()) ? schema : Nullability.nullable(schema));
            }
        }
        definition.put("items", false);
        definition.put("minItems", positions.size());
        definition.put("maxItems", positions.size());
        return new CustomDefinition(
                definition, CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
    }
}
