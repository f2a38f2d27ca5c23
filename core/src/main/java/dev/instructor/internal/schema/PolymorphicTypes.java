package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SubtypeResolver;
import com.github.victools.jsonschema.generator.TypeAttributeOverrideV2;
import com.github.victools.jsonschema.generator.TypeScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes Jackson polymorphism into the schema: an abstract base becomes {@code anyOf} over its concrete subtypes
 * (as a victools subtype resolver), and each concrete subtype's object schema carries its type id as a {@code const}
 * property, listed first and required (as a type attribute override, which victools applies last to a finished
 * definition).
 *
 * <p>The discriminator goes first because the model writes properties in schema order: a streaming reader then
 * learns which subtype it is reading before any other field arrives, and Jackson finds the id without buffering.
 * Supported are {@code include = PROPERTY / EXISTING_PROPERTY / WRAPPER_OBJECT / WRAPPER_ARRAY} (the last as a
 * {@code [id, value]} pair in {@code prefixItems}, which OpenAI's strict mode flattens) and {@code use = DEDUCTION};
 * the external-property form is rejected with a message, as no schema of the value alone can hold its type id.
 */
final class PolymorphicTypes implements SubtypeResolver, TypeAttributeOverrideV2 {
    private final JacksonPolymorphism polymorphism;

    PolymorphicTypes(JacksonPolymorphism polymorphism) {
        this.polymorphism = polymorphism;
    }

    @Override
    public List<ResolvedType> findSubtypes(ResolvedType declaredType, SchemaGenerationContext context) {
        Class<?> type = declaredType.getErasedType();
        if (!isCandidate(type) || JacksonPolymorphism.isConcrete(type)) {
            return null;
        }
        Optional<JsonTypeInfo.Value> info = polymorphism.typeInfo(type);
        if (info.isEmpty()) {
            if (type.isSealed()) {
                throw new IllegalArgumentException(type.getName() + " is sealed but has no @JsonTypeInfo, so Jackson"
                        + " cannot tell its subtypes apart when reading; annotate it with"
                        + " @JsonTypeInfo(use = JsonTypeInfo.Id.NAME) (type id in \"@type\") or Id.DEDUCTION");
            }
            return null;
        }
        checkInclusion(type, info.get());
        List<Class<?>> subtypes = polymorphism.concreteSubtypes(type, info.get());
        if (subtypes.isEmpty()) {
            throw new IllegalArgumentException(type.getName() + " has @JsonTypeInfo but Jackson knows no concrete"
                    + " subtype of it; list them in @JsonSubTypes, seal the type, or register them on the mapper");
        }
        List<ResolvedType> resolved = new ArrayList<>();
        for (Class<?> subtype : subtypes) {
            resolved.add(context.getTypeContext().resolveSubtype(declaredType, subtype));
        }
        return resolved;
    }

    @Override
    public void overrideTypeAttributes(ObjectNode definition, TypeScope scope, SchemaGenerationContext context) {
        Class<?> type = scope.getType().getErasedType();
        if (!isCandidate(type)) {
            return;
        }
        if (!JacksonPolymorphism.isConcrete(type)) {
            // victools leaves out the type's own attributes when it lists subtypes; the description still helps.
            if (definition.has("anyOf") && !definition.has("description")) {
                String description = context.getGeneratorConfig().resolveDescriptionForType(scope);
                if (description != null) {
                    definition.put("description", description);
                }
            }
            return;
        }
        boolean positional = isPositional(definition);
        if (!definition.has("properties") && !positional && !isEmptyObject(definition)) {
            return;
        }
        Optional<JsonTypeInfo.Value> info = typeInfo(scope.getType());
        if (info.isEmpty() || info.get().getIdType() == JsonTypeInfo.Id.DEDUCTION) {
            return;
        }
        checkInclusion(type, info.get());
        String id = polymorphism.typeId(type, info.get());
        if (info.get().getInclusionType() == JsonTypeInfo.As.WRAPPER_OBJECT) {
            wrapInObject(definition, id);
        } else if (positional || info.get().getInclusionType() == JsonTypeInfo.As.WRAPPER_ARRAY) {
            // Jackson writes a member with shape = ARRAY as [id, [values]] for a type id property too.
            wrapInArray(definition, id);
        } else {
            addDiscriminator(definition, propertyName(info.get()), id);
        }
    }

    /**
     * The object schema of {@code type}'s own properties within {@code definition}: inside the wrapper this override
     * puts around a {@code WRAPPER_OBJECT} or {@code WRAPPER_ARRAY} subtype, else {@code definition} itself. A custom
     * definition built on victools' standard one gets it with the override already applied, and the override runs again
     * on the result: such a definition must be built on this, or the subtype would be wrapped twice.
     */
    ObjectNode ownObject(ObjectNode definition, ResolvedType javaType) {
        Class<?> type = javaType.getErasedType();
        if (!isCandidate(type) || !JacksonPolymorphism.isConcrete(type)) {
            return definition;
        }
        Optional<JsonTypeInfo.Value> info = typeInfo(javaType);
        if (info.isEmpty() || info.get().getIdType() == JsonTypeInfo.Id.DEDUCTION) {
            return definition;
        }
        JsonNode own = null;
        if (info.get().getInclusionType() == JsonTypeInfo.As.WRAPPER_OBJECT) {
            JsonNode properties = definition.path("properties");
            own = properties.size() == 1 ? properties.get(polymorphism.typeId(type, info.get())) : null;
        } else if (info.get().getInclusionType() == JsonTypeInfo.As.WRAPPER_ARRAY) {
            own = definition.path("prefixItems").get(1);
        }
        return own instanceof ObjectNode object ? object : definition;
    }

    /**
     * The name of the type-id property that {@code type}'s object lists first, when Jackson writes its type id as a
     * property of the object ({@code include = PROPERTY} or {@code EXISTING_PROPERTY}); empty otherwise.
     */
    Optional<String> discriminator(ResolvedType javaType) {
        Class<?> type = javaType.getErasedType();
        if (!isCandidate(type) || !JacksonPolymorphism.isConcrete(type)) {
            return Optional.empty();
        }
        return typeInfo(javaType)
                .filter(info -> info.getIdType() != JsonTypeInfo.Id.DEDUCTION)
                .filter(info -> info.getInclusionType() == JsonTypeInfo.As.PROPERTY
                        || info.getInclusionType() == JsonTypeInfo.As.EXISTING_PROPERTY)
                .map(PolymorphicTypes::propertyName);
    }

    /**
     * The type info Jackson reads {@code javaType} with: a union's own for its member as the union lists it
     * ({@link UnionMember}), as Jackson reads the union's type id around each member whatever the member declares;
     * the type's own elsewhere.
     */
    private Optional<JsonTypeInfo.Value> typeInfo(ResolvedType javaType) {
        return polymorphism.typeInfo(
                javaType instanceof UnionMember member ? member.union() : javaType.getErasedType());
    }

    /** Skips JDK types up front: they are never user-declared polymorphic types, and this runs for every type. */
    private static boolean isCandidate(Class<?> type) {
        return !type.isPrimitive() && !type.isArray() && !type.getName().startsWith("java.");
    }

    /**
     * Whether {@code definition} is an object without properties that takes no other member: a member such as
     * {@code record Quit()}, told apart by its type id alone, which it still needs.
     */
    private static boolean isEmptyObject(ObjectNode definition) {
        return Subschemas.isObject(definition)
                && !definition.has("properties")
                && definition.path("additionalProperties").isBoolean()
                && !definition.get("additionalProperties").asBoolean();
    }

    /** Rewrites {@code definition} in place with the discriminator as first property and first required name. */
    private static void addDiscriminator(ObjectNode definition, String property, String id) {
        if (!definition.has("properties")) {
            // An object without properties: they go after its type, as in any object.
            ObjectNode copy = shallowCopy(definition);
            definition.removeAll();
            definition.set("type", copy.remove("type"));
            definition.putObject("properties");
            definition.setAll(copy);
        }
        ObjectNode properties = (ObjectNode) definition.get("properties");
        ObjectNode reordered = properties.objectNode();
        reordered.putObject(property).put("type", "string").put("const", id);
        for (Map.Entry<String, JsonNode> p : properties.properties()) {
            // EXISTING_PROPERTY: the declared property gives way to the constant.
            if (!p.getKey().equals(property)) {
                reordered.set(p.getKey(), p.getValue());
            }
        }
        ArrayNode required = definition.arrayNode().add(property);
        definition.path("required").forEach(name -> {
            if (!name.asString().equals(property)) {
                required.add(name);
            }
        });
        ObjectNode copy = shallowCopy(definition);
        definition.removeAll();
        for (Map.Entry<String, JsonNode> entry : copy.properties()) {
            switch (entry.getKey()) {
                case "properties" -> definition.set("properties", reordered);
                case "required" -> {}
                default -> definition.set(entry.getKey(), entry.getValue());
            }
            if (entry.getKey().equals("properties")) {
                definition.set("required", required);
            }
        }
    }

    private static void wrapInObject(ObjectNode definition, String id) {
        ObjectNode inner = shallowCopy(definition);
        definition.removeAll();
        definition.put("type", "object");
        definition.putObject("properties").set(id, inner);
        definition.putArray("required").add(id);
        definition.put("additionalProperties", false);
    }

    /**
     * Whether {@code definition} is a class's array of its values ({@link ArrayShapeDefinitionProvider}): nothing
     * after its positions, which no other array of a concrete subtype says.
     */
    private static boolean isPositional(ObjectNode definition) {
        return definition.path("type").asString("").equals("array")
                && definition.path("items").isBoolean()
                && definition.has("maxItems");
    }

    /** Rewrites {@code definition} as Jackson's {@code [id, value]} pair. */
    private static void wrapInArray(ObjectNode definition, String id) {
        ObjectNode value = shallowCopy(definition);
        definition.removeAll();
        definition.put("type", "array");
        ArrayNode positions = definition.putArray("prefixItems");
        positions.addObject().put("type", "string").put("const", id);
        positions.add(value);
        definition.put("items", false);
        definition.put("minItems", 2);
        definition.put("maxItems", 2);
    }

    /**
     * A new node holding {@code definition}'s own keyword values, not copies of them: victools fills a nested type's
     * reference only at the end, in the node it handed out, so a deep copy would leave the reference empty.
     */
    static ObjectNode shallowCopy(ObjectNode definition) {
        return definition.objectNode().setAll(definition);
    }

    private static String propertyName(JsonTypeInfo.Value info) {
        String name = info.getPropertyName();
        return name == null || name.isEmpty() ? info.getIdType().getDefaultPropertyName() : name;
    }

    private static void checkInclusion(Class<?> type, JsonTypeInfo.Value info) {
        if (info.getIdType() == JsonTypeInfo.Id.DEDUCTION) {
            return;
        }
        switch (info.getInclusionType()) {
            case PROPERTY, EXISTING_PROPERTY, WRAPPER_OBJECT, WRAPPER_ARRAY -> {}
            default ->
                throw new IllegalArgumentException("@JsonTypeInfo(include = " + info.getInclusionType() + ") on "
                        + type.getName() + " has no JSON Schema form a provider accepts; use As.PROPERTY");
        }
    }
}
