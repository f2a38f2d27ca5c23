package dev.instructor.internal.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.victools.jsonschema.generator.FieldScope;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Applies the mapper's own {@link PropertyNamingStrategy} (such as {@code SNAKE_CASE} set on the builder) to property
 * names, as Jackson does: only to implicit names, and not where the class chooses its own with {@code @JsonNaming}.
 * The victools Jackson module knows annotations only, so without this the schema would name properties in camel case
 * while the mapper expects snake case.
 */
final class MapperNaming {
    private final DeserializationConfig config;
    private final PropertyNamingStrategy strategy;

    MapperNaming(ObjectMapper mapper) {
        this.config = mapper.deserializationConfig();
        this.strategy = config.getPropertyNamingStrategy();
    }

    /** The renamed property, or null to keep the name the other resolvers give it. */
    String rename(FieldScope field) {
        if (strategy == null) {
            return null;
        }
        JsonProperty property = field.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
        if (property != null && !property.value().isEmpty()) {
            return null;
        }
        if (field.getDeclaringType().getErasedType().isAnnotationPresent(JsonNaming.class)) {
            return null;
        }
        return strategy.nameForField(config, null, field.getDeclaredName());
    }
}
