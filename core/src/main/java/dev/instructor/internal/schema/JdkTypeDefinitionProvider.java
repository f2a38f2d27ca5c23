package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.TypeContext;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * Schemas for JDK types that victools describes differently from how Jackson writes or reads them: {@code byte} (an
 * integer, not a string), {@code byte[]} (a base64 string, not an array), {@code OptionalInt}/{@code
 * OptionalLong}/{@code OptionalDouble} (a nullable number, not an object), {@code Optional<T>} and
 * {@code AtomicReference<T>} outside a property, such as at the root or as a list element (a nullable {@code T}, as
 * Jackson reads them; victools flattens them only for properties, and takes an AtomicReference for a bean),
 * and the strings Jackson reads more narrowly than their JSON Schema format: a {@code char} (one character), a {@code
 * LocalTime} (no offset, so not the format {@code time}, which needs one), a {@code YearMonth} ({@code 2024-03}), a
 * {@code MonthDay} ({@code --12-25}, not {@code 12-25}), a {@code ZoneOffset} ({@code Z} or {@code +02:00}, not
 * {@code UTC}), a {@code Currency} (its ISO 4217 code, {@code EUR}, not {@code euro}), a {@code Duration} (no years, months or weeks) and a {@code Period} (no hours, minutes or seconds).
 * The last two keep the format {@code duration} and add a pattern. A {@code Map.Entry} is a map of one member, as
 * Jackson reads it, not an object of none.
 */
final class JdkTypeDefinitionProvider implements CustomDefinitionProviderV2 {
    private static final String LOCAL_TIME = "([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?";

    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
        Class<?> type = javaType.getErasedType();
        if (type == char.class || type == Character.class) {
            return inline(string(context).put("minLength", 1).put("maxLength", 1));
        }
        if (type == LocalTime.class) {
            return inline(string(context).put("pattern", "^" + LOCAL_TIME + "$"));
        }
        if (type == LocalDateTime.class) {
            return inline(string(context).put("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}T" + LOCAL_TIME + "$"));
        }
        if (type == YearMonth.class) {
            return inline(string(context).put("pattern", "^-?[0-9]+-(0[1-9]|1[0-2])$"));
        }
        if (type == MonthDay.class) {
            return inline(string(context).put("pattern", "^--(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"));
        }
        if (type == Currency.class) {
            return inline(string(context).put("pattern", "^[A-Z]{3}$"));
        }
        if (type == ZoneOffset.class) {
            return inline(string(context).put("pattern", "^(Z|[+-][0-9]{2}(:?[0-5][0-9]){0,2})$"));
        }
        if (type == Duration.class) {
            return inline(string(context)
                    .put("format", "duration")
                    .put("pattern", "^-?P([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]+)?S)?)?$"));
        }
        if (type == Period.class) {
            return inline(string(context)
                    .put("format", "duration")
                    .put("pattern", "^-?P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?$"));
        }
        if (type == byte.class || type == Byte.class) {
            // victools takes a byte for a string; Jackson writes it as a number and reads one. Attributes included,
            // so that the Jakarta bounds of a byte stay keywords.
            return new CustomDefinition(
                    context.getGeneratorConfig().createObjectNode().put("type", "integer"),
                    CustomDefinition.DefinitionType.INLINE,
                    CustomDefinition.AttributeInclusion.YES);
        }
        if (type == byte[].class) {
            return inline(context.getGeneratorConfig()
                    .createObjectNode()
                    .put("type", "string")
                    .put("contentEncoding", "base64"));
        }
        if (type == Map.Entry.class) {
            return inline(entry(javaType, context));
        }
        if (type == OptionalInt.class || type == OptionalLong.class) {
            return inline(nullable("integer", context));
        }
        if (type == OptionalDouble.class) {
            return inline(nullable("number", context));
        }
        if (type == Optional.class || type == AtomicReference.class) {
            ResolvedType content = javaType.getTypeParameters().isEmpty()
                    ? context.getTypeContext().resolve(Object.class)
                    : javaType.getTypeParameters().get(0);
            ObjectNode reference = context.createDefinitionReference(content);
            // A type victools has not defined yet gets an empty node it fills only at the end: makeNullable finds no
            // type to widen in it, and the inline definition would copy its fields now, leaving {} (any value).
            // Put in a union, the node itself stays in the tree and is filled.
            return inline(
                    reference.isEmpty() ? Nullability.nullableInPlace(reference) : context.makeNullable(reference));
        }
        return null;
    }

    /** A map's schema, keys and values as a {@code Map<K, V>}'s, of exactly one member. */
    private static ObjectNode entry(ResolvedType javaType, SchemaGenerationContext context) {
        List<ResolvedType> parameters = javaType.getTypeParameters();
        TypeContext types = context.getTypeContext();
        ResolvedType map = parameters.size() == 2
                ? types.resolve(Map.class, parameters.get(0), parameters.get(1))
                : types.resolve(Map.class, Object.class, Object.class);
        // Not copied: the value's schema may be a node victools fills only at the end (see the Optional case).
        return context.createStandardDefinition(map, null)
                .put("minProperties", 1)
                .put("maxProperties", 1);
    }

    private static ObjectNode string(SchemaGenerationContext context) {
        return context.getGeneratorConfig().createObjectNode().put("type", "string");
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
