package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.node.ObjectNode;

/**
 * Describes a class Jackson writes and reads as an array of its property values ({@code @JsonFormat(shape = ARRAY)},
 * on the class or by the mapper's config) as that array: {@code prefixItems} in the order Jackson writes the
 * properties, one schema per position, titled with the property's name, nothing after them
 * ({@link PositionalArrays}). The object schema it is built from is victools' (and our other providers'), so each
 * position keeps its property's constraints and description.
 *
 * <p>JSON Schema 2020-12's {@code prefixItems} is plain JSON Schema, which Anthropic takes and Gemini lists; OpenAI's
 * strict mode does not, and {@link OpenAiStrictSchema} flattens it into {@code items}.
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
        ObjectNode definition = PositionalArrays.ofProperties(object, writingOrder(description));
        return new CustomDefinition(
                definition, CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
    }

    /** The names of the properties Jackson writes for the bean {@code description}, in the order it writes them. */
    static List<String> writingOrder(BeanDescription description) {
        List<String> order = new ArrayList<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            order.add(property.getName());
        }
        return order;
    }
}
