package dev.instructor.internal.binding;

import dev.instructor.json.PartialValue;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationContextExt;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.jsontype.TypeDeserializer;

/**
 * Reads a complete value from its JSON text exactly as Jackson binds it: for what the binder does not mirror itself
 * (coercions of another kind of value, custom deserializers, type ids it cannot resolve). Called once per completed
 * value at most, thanks to the slot memo.
 */
@FunctionalInterface
interface TextReader {
    /**
     * Returns the value of {@code json}.
     *
     * @throws JacksonException when Jackson rejects it
     */
    Object read(String json);

    /** Returns a reader with {@code reader}, the type's root deserializer (a union's type handling included). */
    static TextReader of(ObjectReader reader) {
        return reader::readValue;
    }

    /**
     * Returns a reader with {@code deserializer}: a property's own, or a union subtype's without its type handling. As
     * an {@code ObjectReader} does, it rejects text after the value under {@code FAIL_ON_TRAILING_TOKENS}: a value
     * Jackson reads only in part (an array of one string read as a string) leaves the final binding's parser inside
     * it, and that fails at the end of the document.
     */
    static TextReader of(ObjectMapper mapper, JavaType type, ValueDeserializer<Object> deserializer) {
        return of(mapper, type, deserializer, mapper.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
    }

    /** Returns a reader with {@code deserializer} that rejects text after the value whatever the mapper says. */
    static TextReader whole(ObjectMapper mapper, JavaType type, ValueDeserializer<Object> deserializer) {
        return of(mapper, type, deserializer, true);
    }

    private static TextReader of(
            ObjectMapper mapper, JavaType type, ValueDeserializer<Object> deserializer, boolean wholeOnly) {
        return json -> {
            try (JsonParser parser = mapper.createParser(json)) {
                DeserializationContextExt context = mapper._deserializationContext();
                context.assignParser(parser);
                parser.nextToken();
                Object value = context.readRootValue(parser, type, deserializer, null);
                if (wholeOnly && parser.nextToken() != null) {
                    throw MismatchedInputException.from(parser, type, "trailing token after the value");
                }
                return value;
            }
        };
    }

    /** Returns a reader with a property's {@code deserializer} and its own type handling ({@code @JsonTypeInfo}). */
    static TextReader of(ObjectMapper mapper, ValueDeserializer<Object> deserializer, TypeDeserializer types) {
        return json -> {
            try (JsonParser parser = mapper.createParser(json)) {
                DeserializationContextExt context = mapper._deserializationContext();
                context.assignParser(parser);
                parser.nextToken();
                return deserializer.deserializeWithType(parser, context, types);
            }
        };
    }

    /**
     * Returns the value of the complete node {@code value}, read with {@code reader}.
     *
     * @throws SkipPartial when Jackson rejects it, as the final binding will
     */
    static Object readComplete(TextReader reader, PartialValue value, JavaType type) {
        // As written: Jackson resolves a repeated member name as it does in the final binding.
        return readComplete(reader, value.toWrittenJson(), value, type);
    }

    /**
     * Returns the value of {@code json}, which holds the complete node {@code value}, read with {@code reader}.
     *
     * @throws SkipPartial when Jackson rejects it, as the final binding will
     */
    static Object readComplete(TextReader reader, String json, PartialValue value, JavaType type) {
        try {
            return reader.read(json);
        } catch (JacksonException e) {
            throw new SkipPartial("cannot read " + Shape.describe(value) + " as " + type.toCanonical() + ": "
                    + e.getOriginalMessage());
        } catch (RuntimeException e) {
            // Escaped Jackson unwrapped (a deserializer's own failure at the root): the final binding fails on it too.
            throw new SkipPartial("cannot read " + Shape.describe(value) + " as " + type.toCanonical() + ": " + e);
        }
    }
}
