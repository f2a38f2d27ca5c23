package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.TypeAttributeOverrideV2;
import com.github.victools.jsonschema.generator.TypeScope;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives a map whose keys are not strings the {@code propertyNames} Jackson reads back: the names an enum's constants
 * take as keys (asked of the mapper, so {@code @JsonProperty} on constants counts, and read back to be sure), digits
 * for integer keys, and the formats of {@code LocalDate} and {@code UUID} keys. Without it any member name is allowed,
 * and a key such as {@code "happy"} for {@code HAPPY} fails the binding. Other key types are left open.
 */
final class MapKeyNames implements TypeAttributeOverrideV2 {
    private final ObjectMapper mapper;

    MapKeyNames(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void overrideTypeAttributes(ObjectNode definition, TypeScope scope, SchemaGenerationContext context) {
        if (!Map.class.isAssignableFrom(scope.getType().getErasedType()) || definition.has("propertyNames")) {
            return;
        }
        ResolvedType keyType = scope.getTypeParameterFor(Map.class, 0);
        if (keyType == null) {
            return;
        }
        ObjectNode names = names(keyType.getErasedType(), definition.objectNode());
        if (names != null) {
            definition.set("propertyNames", names);
        }
    }

    private ObjectNode names(Class<?> key, ObjectNode names) {
        if (key.isEnum()) {
            ArrayNode values = names.putArray("enum");
            ObjectReader reader =
                    mapper.readerFor(mapper.getTypeFactory().constructMapType(Map.class, key, Object.class));
            for (Object constant : key.getEnumConstants()) {
                values.add(enumKey(reader, (Enum<?>) constant));
            }
            return names;
        }
        if (key == Integer.class
                || key == Long.class
                || key == Short.class
                || key == Byte.class
                || key == BigInteger.class) {
            return names.put("pattern", "^[-+]?[0-9]+$"); // Jackson reads a sign, as Integer.parseInt does
        }
        if (key == LocalDate.class) {
            return names.put("format", "date");
        }
        if (key == UUID.class) {
            return names.put("format", "uuid");
        }
        return null;
    }

    /**
     * Returns the key Jackson writes for {@code constant} if it reads that back as the constant, else the first of the
     * constant's value as written, its name and its {@code toString()} that it reads so: Jackson writes keys it does
     * not read ({@code @JsonKey}, {@code WRITE_ENUM_KEYS_USING_INDEX}), and an answer using them fails the binding.
     */
    private String enumKey(ObjectReader reader, Enum<?> constant) {
        String written = mapper.valueToTree(Map.of(constant, 0))
                .propertyNames()
                .iterator()
                .next();
        if (readsAs(reader, written, constant)) {
            return written;
        }
        JsonNode value = mapper.valueToTree(constant);
        for (String candidate :
                new String[] {value.isString() ? value.asString() : null, constant.name(), constant.toString()}) {
            if (candidate != null && readsAs(reader, candidate, constant)) {
                return candidate;
            }
        }
        return written;
    }

    /** Returns whether {@code reader}, of a map keyed by the enum, reads {@code key} as {@code constant}. */
    private boolean readsAs(ObjectReader reader, String key, Enum<?> constant) {
        try {
            Map<?, ?> read = reader.readValue(mapper.writeValueAsString(Map.of(key, 0)));
            return read.containsKey(constant);
        } catch (JacksonException e) {
            return false;
        }
    }
}
