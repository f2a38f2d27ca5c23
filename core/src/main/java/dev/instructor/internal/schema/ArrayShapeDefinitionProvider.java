package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.node.ObjectNode;

/**
 * Describes a class Jackson writes and reads as an array of its property values ({@code @JsonFormat(shape = ARRAY)},
 * on the class or by the mapper's config) as that array: {@code prefixItems} in the order Jackson writes the
 * properties, one schema per position, titled with the property's name, then, not required, any it writes after
 * them without reading them (computed getters), nothing after those ({@link PositionalArrays}). The object schema it is built from is victools' (and our other providers'), so each
 * position keeps its property's constraints and description.
 *
 * <p>A property's own {@code @JsonFormat} overrides its class's shape either way, as it does in Jackson
 * ({@link #forProperty}).
 *
 * <p>JSON Schema 2020-12's {@code prefixItems} is plain JSON Schema, which Anthropic takes and Gemini lists; OpenAI's
 * strict mode does not, and {@link OpenAiStrictSchema} flattens it into {@code items}.
 */
final class ArrayShapeDefinitionProvider implements CustomDefinitionProviderV2 {
    private final ObjectMapper mapper;
    private final PolymorphicTypes polymorphicTypes;

    ArrayShapeDefinitionProvider(ObjectMapper mapper, PolymorphicTypes polymorphicTypes) {
        this.mapper = mapper;
        this.polymorphicTypes = polymorphicTypes;
    }

    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
        BeanDescription description = bean(javaType);
        if (description == null || classShape(description) != JsonFormat.Shape.ARRAY) {
            return null;
        }
        if (description.getObjectIdInfo() != null) {
            // Jackson writes such an object with its id as an object, and then fails to read it back as an array.
            throw new IllegalArgumentException(javaType.getErasedType().getName()
                    + " has both @JsonFormat(shape = ARRAY) and @JsonIdentityInfo, which Jackson writes as an object"
                    + " and cannot read back; drop one of them");
        }
        // A union member's properties sit inside its type id's wrapper; the array takes the wrapper's place, and the
        // type id goes around the array as Jackson writes it (PolymorphicTypes).
        ObjectNode object = polymorphicTypes.ownObject(context.createStandardDefinition(javaType, this), javaType);
        ObjectNode definition = positional(object, description, context);
        return new CustomDefinition(
                definition, CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
    }

    /**
     * The schema of a property of type {@code javaType} whose {@code @JsonFormat} gives it the shape {@code shape},
     * where that overrides its class's: the array of its values for {@code ARRAY} (Jackson writes and reads the
     * property so even where the class is an object), the object for {@code OBJECT} on a class with
     * {@code shape = ARRAY} (Jackson then writes and reads an object, and fails on an array). Null when the property's
     * shape is its class's, and for an object that is not one plain object schema (a union, an identity): the
     * property keeps its type's definition then.
     */
    ObjectNode forProperty(ResolvedType javaType, JsonFormat.Shape shape, SchemaGenerationContext context) {
        BeanDescription description =
                shape == JsonFormat.Shape.ARRAY || shape == JsonFormat.Shape.OBJECT ? bean(javaType) : null;
        if (description == null || shape == classShape(description)) {
            return null;
        }
        if (shape == JsonFormat.Shape.OBJECT) {
            return classShape(description) == JsonFormat.Shape.ARRAY
                    ? context.createStandardDefinition(javaType, this)
                    : null;
        }
        ObjectNode object = context.createStandardDefinition(javaType, this);
        return Subschemas.isObject(object) && object.has("properties")
                ? positional(object, description, context)
                : null;
    }

    /** Jackson's view of {@code javaType} as a bean, or null for a type this provider leaves alone. */
    private BeanDescription bean(ResolvedType javaType) {
        if (!JacksonTypes.isCallerClass(javaType.getErasedType())) {
            return null;
        }
        JavaType type = JacksonTypes.javaType(mapper.getTypeFactory(), javaType);
        return mapper._serializationContext().introspectBeanDescription(type);
    }

    private static JsonFormat.Shape classShape(BeanDescription description) {
        return description
                .supplier()
                .findExpectedFormat(description.getBeanClass())
                .getShape();
    }

    /**
     * The array of {@code object}'s values in the order Jackson writes them, with a position, not required, for each
     * property it writes after them without reading it. One it writes between them has none: Jackson reads the
     * positions as its readable properties, so it takes the value written there for the next property (its own
     * output reads back wrong), and the schema keeps to what it reads.
     */
    private static ObjectNode positional(
            ObjectNode object, BeanDescription description, SchemaGenerationContext context) {
        JsonNode readable = object.path("properties");
        List<BeanPropertyDefinition> properties = description.findProperties();
        int last = -1;
        for (int i = 0; i < properties.size(); i++) {
            if (readable.has(properties.get(i).getName())) {
                last = i;
            }
        }
        Map<String, ObjectNode> writtenOnly = new LinkedHashMap<>();
        for (BeanPropertyDefinition property : properties.subList(last + 1, properties.size())) {
            if (property.couldSerialize() && property.getPrimaryType() != null) {
                ResolvedType type = JacksonTypes.resolvedType(context.getTypeContext(), property.getPrimaryType());
                ObjectNode schema = context.createDefinitionReference(type);
                writtenOnly.put(property.getName(), type.isPrimitive() ? schema : Nullability.nullableInPlace(schema));
            }
        }
        return PositionalArrays.ofProperties(object, writingOrder(description), writtenOnly);
    }

    /** The names of the properties Jackson writes for the bean {@code description}, in the order it writes them. */
    private static List<String> writingOrder(BeanDescription description) {
        List<String> order = new ArrayList<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            order.add(property.getName());
        }
        return order;
    }
}
