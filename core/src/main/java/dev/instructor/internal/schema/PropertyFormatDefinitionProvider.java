package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomPropertyDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.MethodScope;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.node.ObjectNode;

/**
 * Describes a property as Jackson writes and reads it under its {@code @JsonFormat} (on the property, over the mapper's
 * config for the type of its values: its own, or that of its elements, map values or optional content), where that
 * differs from its type's usual form: a scalar as {@link FormattedValues} describes it; an object with
 * {@code shape = ARRAY} the array of its values, and one whose class has that shape, with {@code shape = OBJECT}, the
 * object ({@link ArrayShapeDefinitionProvider#forProperty}). For a collection, an array of objects, an optional or a
 * map, the format applies to its elements or values, nested ones too, as it does in Jackson; not to a map's keys, nor
 * to the numbers of a primitive array, which Jackson writes as numbers. Where a property's own format undoes its
 * type's config override, the property has the type's usual form, not the one {@link TypeFormatDefinitionProvider}
 * gives the type elsewhere.
 */
final class PropertyFormatDefinitionProvider {
    private final ObjectMapper mapper;
    private final PropertyRules rules;
    private final ArrayShapeDefinitionProvider shapes;
    private final FormattedValues values;
    private final TypeFormatDefinitionProvider typeFormats;
    private final MapKeyNames keyNames;

    PropertyFormatDefinitionProvider(
            ObjectMapper mapper,
            PropertyRules rules,
            ArrayShapeDefinitionProvider shapes,
            FormattedValues values,
            TypeFormatDefinitionProvider typeFormats) {
        this.mapper = mapper;
        this.rules = rules;
        this.shapes = shapes;
        this.values = values;
        this.typeFormats = typeFormats;
        this.keyNames = new MapKeyNames(mapper);
    }

    CustomPropertyDefinition forField(FieldScope field, SchemaGenerationContext context) {
        return provide(field, context);
    }

    CustomPropertyDefinition forMethod(MethodScope method, SchemaGenerationContext context) {
        return provide(method, context);
    }

    private CustomPropertyDefinition provide(MemberScope<?, ?> member, SchemaGenerationContext context) {
        ResolvedType type = member.getType();
        if (type == null) {
            return null;
        }
        Optional<SettableBeanProperty> property = rules.property(member);
        if (property.isEmpty()) {
            return null;
        }
        // The format of the values the member holds, as Jackson finds it for their serializers: the mapper's config
        // for their type (a collection's elements, a map's values, an optional's content), then the property's own.
        JsonFormat.Value format =
                property.get().findPropertyFormat(mapper.deserializationConfig(), valueType(type, context));
        ObjectNode schema;
        if (context.getTypeContext().isContainerType(type) || type.isInstanceOf(Map.class)) {
            schema = container(member, type, format, context);
        } else {
            schema = shapes.forProperty(type, format.getShape(), context);
            if (schema == null) {
                schema = values.describe(type.getErasedType(), format, context);
            }
            if (schema == null && typeFormats.applies(type, context)) {
                // The property's own format undoes its type's config override: the type's form without it.
                schema = context.createStandardDefinition(type, typeFormats);
            }
        }
        if (schema == null) {
            return null;
        }
        String description = description(member, context);
        if (description != null && schema.has("description")) {
            schema.put(
                    "description", description + " " + schema.get("description").asString());
        }
        return new CustomPropertyDefinition(schema, CustomDefinition.AttributeInclusion.YES);
    }

    /** The type of the innermost values of {@code type}: its elements or map values at any depth, or its content. */
    private static Class<?> valueType(ResolvedType type, SchemaGenerationContext context) {
        ResolvedType current = type;
        while (true) {
            List<ResolvedType> parameters = current.isInstanceOf(Map.class)
                    ? current.typeParametersFor(Map.class)
                    : current.isInstanceOf(Optional.class) ? current.typeParametersFor(Optional.class) : null;
            ResolvedType next = parameters != null
                    ? (parameters.isEmpty() ? null : parameters.get(parameters.size() - 1))
                    : context.getTypeContext().getContainerItemType(current);
            if (next == null) {
                return current.getErasedType();
            }
            current = next;
        }
    }

    /**
     * A collection, array or map whose elements or values the property's {@code format} gives a form, at any depth, as
     * Jackson passes a property's format on to them (but not to a map's keys): victools describes a property's own
     * elements through the property, and so through {@link #provide}, but a nested collection's from their type alone,
     * and a map's values twice, once each way (which gives an {@code allOf} of the two). A primitive array keeps its
     * numbers, which Jackson writes as numbers whatever the format. Null where victools' definition is right.
     */
    private ObjectNode container(
            MemberScope<?, ?> member, ResolvedType type, JsonFormat.Value format, SchemaGenerationContext context) {
        if (format.getShape() == JsonFormat.Shape.ANY && !format.hasPattern()) {
            return null;
        }
        if (type.isArray() && type.getArrayElementType().isPrimitive()) {
            return context.createStandardDefinition(type, null);
        }
        ObjectNode schema = context.getGeneratorConfig().createObjectNode();
        if (type.isInstanceOf(Map.class)) {
            ResolvedType values = member.getTypeParameterFor(Map.class, 1);
            if (values == null || values.getErasedType() == Object.class) {
                return null;
            }
            schema.put("type", "object")
                    .set("additionalProperties", element(member.asFakeContainerItemScope(Map.class, 1), context));
            keyNames.overrideTypeAttributes(schema, context.getTypeContext().createTypeScope(type), context);
            return schema;
        }
        if (!member.isFakeContainerItemScope()) {
            return null;
        }
        schema.put("type", "array").set("items", element(member.asFakeContainerItemScope(), context));
        return schema;
    }

    /**
     * The schema of an element or map value, through the property, so with its format; as victools describes a
     * member, with its content where the type is a wrapper such as {@code Optional}, and nullable where it may be null.
     */
    private static JsonNode element(MemberScope<?, ?> element, SchemaGenerationContext context) {
        SchemaGeneratorConfig config = context.getGeneratorConfig();
        if (element instanceof FieldScope field) {
            List<ResolvedType> overrides = config.resolveTargetTypeOverrides(field);
            FieldScope target =
                    overrides == null || overrides.size() != 1 ? field : field.withOverriddenType(overrides.get(0));
            ObjectNode schema = context.createStandardDefinitionReference(target, null);
            return config.isNullable(field) ? context.makeNullable(schema) : schema;
        }
        MethodScope method = (MethodScope) element;
        List<ResolvedType> overrides = config.resolveTargetTypeOverrides(method);
        MethodScope target =
                overrides == null || overrides.size() != 1 ? method : method.withOverriddenType(overrides.get(0));
        JsonNode schema = context.createStandardDefinitionReference(target, null);
        return config.isNullable(method) && schema instanceof ObjectNode object ? context.makeNullable(object) : schema;
    }

    private static String description(MemberScope<?, ?> member, SchemaGenerationContext context) {
        if (member.isFakeContainerItemScope()) {
            return null; // the description is the collection's
        }
        return member instanceof FieldScope field
                ? context.getGeneratorConfig().resolveDescription(field)
                : context.getGeneratorConfig().resolveDescription((MethodScope) member);
    }
}
