package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.ObjectIdGenerator;
import com.fasterxml.jackson.annotation.ObjectIdGenerators;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import java.util.Map;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.introspect.ObjectIdInfo;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Describes a class with an object identity ({@code @JsonIdentityInfo}) as Jackson writes and reads it: the object in
 * full, or the id of one given in full before. With a generated id ({@code IntSequenceGenerator},
 * {@code UUIDGenerator}, {@code StringIdGenerator}) the object carries it as its first property, required, as
 * Jackson fails on an object without one; with {@code PropertyGenerator} the id is one of the object's own
 * properties. {@code @JsonIdentityReference(alwaysAsId = true)} changes nothing: Jackson writes only ids then, but
 * reads both forms, and an id resolves only to an object given in full.
 *
 * <p>The identity is asked of the mapper's own introspection, so mix-ins count. A custom id generator is left alone,
 * as its ids have no known type.
 */
final class IdentityDefinitionProvider implements CustomDefinitionProviderV2 {
    private static final Map<Class<?>, String> GENERATED = Map.of(
            ObjectIdGenerators.IntSequenceGenerator.class, "integer",
            ObjectIdGenerators.UUIDGenerator.class, "string",
            ObjectIdGenerators.StringIdGenerator.class, "string");

    private final ObjectMapper mapper;

    IdentityDefinitionProvider(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
        Class<?> raw = javaType.getErasedType();
        if (raw.isPrimitive() || raw.isArray() || raw.isEnum() || raw.getName().startsWith("java.")) {
            return null;
        }
        BeanDescription description = mapper._serializationContext()
                .introspectBeanDescription(JacksonTypes.javaType(mapper.getTypeFactory(), javaType));
        ObjectIdInfo identity = description.getObjectIdInfo();
        if (identity == null) {
            return null;
        }
        Class<? extends ObjectIdGenerator<?>> generator = identity.getGeneratorType();
        String name = identity.getPropertyName().getSimpleName();
        ObjectNode object = context.createStandardDefinition(javaType, this);
        ObjectNode id;
        if (generator == ObjectIdGenerators.PropertyGenerator.class) {
            JsonNode own = object.path("properties").get(name);
            if (!(own instanceof ObjectNode property)) {
                return null;
            }
            id = property.deepCopy();
            id.remove("description");
        } else if (GENERATED.containsKey(generator)) {
            id = context.getGeneratorConfig().createObjectNode().put("type", GENERATED.get(generator));
            if (generator == ObjectIdGenerators.UUIDGenerator.class) {
                id.put("format", "uuid");
            }
            addFirst(object, name, id.deepCopy());
        } else {
            return null;
        }
        ObjectNode definition = context.getGeneratorConfig().createObjectNode();
        ArrayNode branches = definition.putArray("anyOf");
        branches.add(object);
        branches.add(id.put(
                "description",
                "Refers to the " + raw.getSimpleName() + " with this " + name
                        + ", given in full earlier in the answer"));
        return new CustomDefinition(
                definition, CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
    }

    /** Puts the generated id first among {@code object}'s properties, and first among its required ones. */
    private static void addFirst(ObjectNode object, String name, ObjectNode schema) {
        ObjectNode properties = object.objectNode();
        properties.set(name, schema);
        if (object.get("properties") instanceof ObjectNode existing) {
            properties.setAll(existing);
        }
        ArrayNode required = object.arrayNode().add(name);
        object.path("required").forEach(required::add);
        ObjectNode copy = PolymorphicTypes.shallowCopy(object);
        object.removeAll();
        object.put("type", "object");
        object.set("properties", properties);
        object.set("required", required);
        copy.properties().forEach(entry -> {
            if (!object.has(entry.getKey())) {
                object.set(entry.getKey(), entry.getValue());
            }
        });
    }
}
