package dev.instructor.internal.schema;

import jakarta.validation.constraints.Null;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.deser.SettableBeanProperty;

/**
 * The properties of a class that the generated schema lists as {@code required} and that Jackson leaves null when the
 * model omits them or writes {@code null}: the reference-typed ones among those {@link PropertyRules} requires (a record
 * component that is not an {@code Optional}, {@code @JsonProperty(required = true)}, ...). Primitives are left out
 * (Jackson itself rejects a missing or null primitive), and so are {@code Object} and {@code JsonNode}, whose schema
 * {@code {}} accepts {@code null}, and a property that must be null ({@code @Null}), whose schema accepts it too.
 * Final validation reports a null in one of these, so that an answer is held to the schema the model was given.
 *
 * <p>Thread-safe; answers are cached per type, as the schema generator caches them.
 */
public final class RequiredProperties {
    private final JacksonProperties jackson;

    /** Reads the properties as {@code mapper} does, as the schema generator for that mapper does. */
    public RequiredProperties(ObjectMapper mapper) {
        this.jackson = new JacksonProperties(mapper, new JacksonPolymorphism(mapper));
    }

    /**
     * Returns the JSON names of the required reference-typed properties of {@code type}, in Jackson's order; empty
     * when Jackson does not read {@code type} property by property, or when the schema generator rejects it.
     */
    public Set<String> of(JavaType type) {
        Optional<JacksonProperties.Reading> reading;
        try {
            reading = jackson.of(type);
        } catch (IllegalArgumentException e) {
            return Set.of(); // the schema generator rejects the type; nothing was promised for it
        }
        if (reading.isEmpty()) {
            return Set.of();
        }
        Set<String> required = new LinkedHashSet<>();
        for (SettableBeanProperty property : reading.get().properties().values()) {
            Class<?> raw = property.getType().getRawClass();
            if (!raw.isPrimitive()
                    && !acceptsAnything(raw)
                    && !mustBeNull(property)
                    && PropertyRules.isRequired(property, PropertyRules.isOptional(raw), reading.get())) {
                required.add(property.getName());
            }
        }
        return Collections.unmodifiableSet(required);
    }

    /** Whether {@code property} carries {@code @Null} for the default group, which makes its schema accept null. */
    private static boolean mustBeNull(SettableBeanProperty property) {
        return UnexpressedConstraints.ifDefaultGroup(property.getAnnotation(Null.class), Null::groups) != null;
    }

    /** Whether the schema of a value of {@code raw} is {@code {}}, which {@code null} satisfies. */
    private static boolean acceptsAnything(Class<?> raw) {
        return raw == Object.class || raw == JsonNode.class; // an ObjectNode's is an object, an ArrayNode's an array
    }
}
