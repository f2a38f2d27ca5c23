package dev.instructor.internal.schema;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Calendar;
import java.util.Date;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema of a scalar value in a {@code @JsonFormat} (a property's, or the mapper's config for its type) where
 * Jackson then writes and reads it otherwise than usual: a number or boolean with {@code shape = STRING} is a string of
 * digits (with the sign, spaces and dots Jackson also reads: {@code " +5 "}, {@code ".5"}, and {@code NaN} or
 * {@code Infinity} for a double), an enum with {@code shape = NUMBER} its ordinal, a date, time or duration with {@code
 * shape = NUMBER} a timestamp or an array of its fields ({@link TemporalShapes}), and a date or time with a {@code
 * pattern} a string in that pattern (as a regular expression where {@link DatePatterns} can translate it, else in
 * words).
 */
final class FormattedValues {
    /**
     * What Jackson trims from a number written as a string before reading it ({@code String.trim}: every character up
     * to the space).
     */
    private static final String SPACE = "[\\x00-\\x20]*";
    /** A decimal as Jackson reads it from a string: {@code 5.} and {@code .5e3} too, but not {@code 5.e3}. */
    private static final String DECIMAL_NUMBER =
            "[-+]?(?:[0-9]+\\.|(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?)";

    private static final String INTEGER = "^" + SPACE + "[-+]?[0-9]+" + SPACE + "$";
    private static final String DECIMAL = "^" + SPACE + DECIMAL_NUMBER + SPACE + "$";
    /** A double or float, which Jackson also reads from these names, untrimmed. */
    private static final String FLOATING_POINT =
            "^(?:" + SPACE + DECIMAL_NUMBER + SPACE + "|NaN|[-+]?(?:Infinity|INF))$";

    private final ObjectMapper mapper;
    private final TemporalShapes temporal;

    FormattedValues(ObjectMapper mapper) {
        this.mapper = mapper;
        this.temporal = new TemporalShapes(mapper);
    }

    /**
     * The schema of a value of {@code type} in {@code format} where that differs from the type's usual form; null
     * where it does not.
     */
    ObjectNode describe(Class<?> type, JsonFormat.Value format, SchemaGenerationContext context) {
        ObjectNode schema = context.getGeneratorConfig().createObjectNode();
        if (format.getShape() == JsonFormat.Shape.ARRAY && type.getPackageName().equals("java.time")) {
            // Jackson's java.time serializers take ARRAY as a timestamp shape, like NUMBER (LocalDate [2024,1,2],
            // Instant a number), and ignore any pattern; Date and Calendar stay strings.
            format = format.withShape(JsonFormat.Shape.NUMBER);
        }
        JsonFormat.Shape shape = format.getShape();
        if (shape == JsonFormat.Shape.STRING && isIntegral(type)) {
            return schema.put("type", "string").put("pattern", INTEGER);
        }
        if (shape == JsonFormat.Shape.STRING && isFloatingPoint(type)) {
            return schema.put("type", "string").put("pattern", FLOATING_POINT);
        }
        if (shape == JsonFormat.Shape.STRING && type == BigDecimal.class) {
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
            EnumDefinitionProvider.nameNumbers(schema, type, ordinals);
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

    private static boolean isFloatingPoint(Class<?> type) {
        return type == double.class || type == float.class || type == Double.class || type == Float.class;
    }

    private static boolean isDateOrTime(Class<?> type) {
        return TemporalAccessor.class.isAssignableFrom(type)
                || Date.class.isAssignableFrom(type)
                || Calendar.class.isAssignableFrom(type);
    }
}
