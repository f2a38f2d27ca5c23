package dev.instructor.internal.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomPropertyDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.MethodScope;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Describes the objects a property holds without the members its own {@code @JsonIgnoreProperties} ignores: Jackson
 * drops them from the property's value, and from the items of its collection or array, so the model is not asked for
 * them there. Such an object is described in place, as only this property sees it so; the class's own definition,
 * shared by its other uses, keeps every member.
 */
final class IgnoredMembersDefinitionProvider {
    private final DeserializationConfig config;
    private final PropertyRules rules;

    IgnoredMembersDefinitionProvider(ObjectMapper mapper, PropertyRules rules) {
        this.config = mapper.deserializationConfig();
        this.rules = rules;
    }

    CustomPropertyDefinition forField(FieldScope field, SchemaGenerationContext context) {
        return provide(field, context);
    }

    CustomPropertyDefinition forMethod(MethodScope method, SchemaGenerationContext context) {
        return provide(method, context);
    }

    private CustomPropertyDefinition provide(MemberScope<?, ?> member, SchemaGenerationContext context) {
        if (member.getType() == null
                || context.getTypeContext().isContainerType(member.getType())
                || member.getType().isInstanceOf(java.util.Map.class)
                || member.getType().isInstanceOf(Optional.class)) {
            return null; // a collection's items come back here as the member's item scope
        }
        Set<String> ignored = ignored(member);
        if (ignored.isEmpty()) {
            return null;
        }
        ObjectNode schema = context.createStandardDefinition(member.getType(), null);
        if (!(schema.get("properties") instanceof ObjectNode properties)) {
            return null; // not described member by member (a union, a value)
        }
        properties.remove(ignored);
        if (schema.get("required") instanceof ArrayNode required) {
            for (int i = required.size() - 1; i >= 0; i--) {
                if (ignored.contains(required.get(i).asString())) {
                    required.remove(i);
                }
            }
        }
        return new CustomPropertyDefinition(schema, CustomDefinition.AttributeInclusion.YES);
    }

    /** The member names the property's own {@code @JsonIgnoreProperties} makes Jackson ignore when it reads. */
    private Set<String> ignored(MemberScope<?, ?> member) {
        Optional<SettableBeanProperty> property = rules.property(member);
        if (property.isEmpty() || property.get().getMember() == null) {
            return Set.of();
        }
        JsonIgnoreProperties.Value ignorals = config.getAnnotationIntrospector()
                .findPropertyIgnoralByName(config, property.get().getMember());
        return ignorals == null ? Set.of() : ignorals.findIgnoredForDeserialization();
    }
}
