package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Describes a value outside any property (the root, a root collection's elements, a root optional's content) in the
 * format the mapper's config for its type gives it ({@code withConfigOverride(Instant.class, o ->
 * o.setFormat(...))}), as Jackson applies that format to every value of the type, not only to properties. Properties
 * get their format, the override merged with their own {@code @JsonFormat}, from {@link PropertyFormatDefinitionProvider},
 * which keeps this provider out of their way where their own format undoes the override.
 */
final class TypeFormatDefinitionProvider implements CustomDefinitionProviderV2 {
    private final ObjectMapper mapper;
    private final FormattedValues values;

    TypeFormatDefinitionProvider(ObjectMapper mapper, FormattedValues values) {
        this.mapper = mapper;
        this.values = values;
    }

    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
        Class<?> raw = javaType.getErasedType();
        if (raw.isArray() || context.getTypeContext().isContainerType(javaType)) {
            return null;
        }
        JsonFormat.Value format = mapper.deserializationConfig().getDefaultPropertyFormat(raw);
        if (format == null || format.equals(JsonFormat.Value.empty())) {
            return null;
        }
        ObjectNode schema = values.describe(raw, format, context);
        return schema == null
                ? null
                : new CustomDefinition(
                        schema, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.YES);
    }

    /** Whether this provider describes {@code javaType} otherwise than victools and the providers after it would. */
    boolean applies(ResolvedType javaType, SchemaGenerationContext context) {
        return provideCustomSchemaDefinition(javaType, context) != null;
    }
}
