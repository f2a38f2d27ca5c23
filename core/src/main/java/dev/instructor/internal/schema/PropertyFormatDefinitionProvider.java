package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomPropertyDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.MethodScope;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Calendar;
import java.util.Date;
import java.util.Optional;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Describes a property as Jackson writes and reads it under its {@code @JsonFormat} (on the property, or the mapper's
 * config for its type), where that differs from its type's usual form: a number or boolean with
 * {@code shape = STRING} is a string of digits, an enum with {@code shape = NUMBER} its ordinal, a date, time or
 * duration with {@code shape = NUMBER} a timestamp or an array of its fields ({@link TemporalShapes}), and a date or
 * time with a {@code pattern} a string in that
 * pattern (as a regular expression where {@link DatePatterns} can translate it, else in words) instead of an ISO
 * format; an object with {@code shape = ARRAY} the array of its values, and one whose class has that shape, with
 * {@code shape = OBJECT}, the object ({@link ArrayShapeDefinitionProvider#forProperty}). For a collection or an
 * optional, the format applies to its elements, as it does in Jackson.
 */
final class PropertyFormatDefinitionProvider {
    private static final String INTEGER = "^-?[0-9]+$";
    private static final String DECIMAL = "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$";

    private final ObjectMapper mapper;
    private final PropertyRules rules;
    private final ArrayShapeDefinitionProvider shapes;
    private final TemporalShapes temporal;

    PropertyFormatDefinitionProvider(ObjectMapper mapper, PropertyRules rules, ArrayShapeDefinitionProvider shapes) {
        this.mapper = mapper;
        this.rules = rules;
        this.shapes = shapes;
        this.temporal = new TemporalShapes(mapper);
    }

    CustomPropertyDefinition forField(FieldScope field, SchemaGenerationContext context) {
        return provide(field, context);
    }

    CustomPropertyDefinition forMethod(MethodScope method, SchemaGenerationContext context) {
        return provide(method, context);
    }

    private CustomPropertyDefinition provide(MemberScope<?, ?> member, SchemaGenerationContext context) {
        ResolvedType type = member.getType();
        if (type == null
                || (!member.isFakeContainerItemScope()
                        && context.getTypeContext().isContainerType(type))) {
            return null; // the elements get the format
        }
        Optional<SettableBeanProperty> property = rules.property(member);
        if (property.isEmpty()) {
            return null;
        }
        JsonFormat.Value format = property.get()
                .findPropertyFormat(
                        mapper.deserializationConfig(), property.get().getType().getRawClass());
        ObjectNode schema = shapes.forProperty(type, format.getShape(), context);
        if (schema == null) {
            schema = schema(type.getErasedType(), format, context);
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

    private static String description(MemberScope<?, ?> member, SchemaGenerationContext context) {
        if (member.isFakeContainerItemScope()) {
            return null; // the description is the collection's
        }
        return member instanceof FieldScope field
                ? context.getGeneratorConfig().resolveDescription(field)
                : context.getGeneratorConfig().resolveDescription((MethodScope) member);
    }

    private ObjectNode schema(Class<?> type, JsonFormat.Value format, SchemaGenerationContext context) {
        ObjectNode schema = context.getGeneratorConfig().createObjectNode();
        JsonFormat.Shape shape = format.getShape();
        if (shape == JsonFormat.Shape.STRING && isIntegral(type)) {
            return schema.put("type", "string").put("pattern", INTEGER);
        }
        if (shape == JsonFormat.Shape.STRING && isDecimal(type)) {
            return schema.put("type", "string").put("pattern", DECIMAL);
        }
        if (shape == JsonFormat.Shape.STRING && (type == boolean.class || type == Boolean.class)) {
            schema.put("type", "string").putArray("enum").add("true").add("false");
            return schema;
        }
        if (shape.isNumeric() && temporal.describe(type, format, schema) != null) {
            return schema;
        }
        if (shape.isNumeric() && type.isEnum() && !hasJsonValue(type)) {
            ArrayNode ordinals = schema.put("type", "integer").putArray("enum");
            for (int i = 0; i < type.getEnumConstants().length; i++) {
                ordinals.add(i);
            }
            return schema;
        }
        if (format.hasPattern() && !shape.isNumeric() && isDateOrTime(type)) {
            schema.put("type", "string");
            DatePatterns.regex(format.getPattern()).ifPresent(regex -> schema.put("pattern", regex));
            return schema.put("description", "In the date-time pattern " + format.getPattern() + ".");
        }
        return null;
    }

    private boolean hasJsonValue(Class<?> type) {
        return mapper._serializationContext()
                        .introspectBeanDescription(mapper.constructType(type))
                        .findJsonValueAccessor()
                != null;
    }

    private static boolean isIntegral(Class<?> type) {
        return type == int.class
                || type == long.class
                || type == short.class
                || type == byte.class
                || type == Integer.class
                || type == Long.class
                || type == Short.class
                || type == Byte.class
                || type == BigInteger.class;
    }

    private static boolean isDecimal(Class<?> type) {
        return type == double.class
                || type == float.class
                || type == Double.class
                || type == Float.class
                || type == BigDecimal.class;
    }

    private static boolean isDateOrTime(Class<?> type) {
        return TemporalAccessor.class.isAssignableFrom(type)
                || Date.class.isAssignableFrom(type)
                || Calendar.class.isAssignableFrom(type);
    }
}
