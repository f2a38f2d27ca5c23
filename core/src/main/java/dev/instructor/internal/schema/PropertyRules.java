package dev.instructor.internal.schema;

import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.MethodScope;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import tools.jackson.databind.deser.CreatorProperty;
import tools.jackson.databind.deser.SettableBeanProperty;

/**
 * The victools member hooks that follow Jackson's reading ({@link JacksonProperties}): a field is a property when
 * Jackson reads it, under the name Jackson reads it by; a property is required when it is primitive, marked
 * {@code @JsonProperty(required = true)}, or a creator's parameter (a record component, say) whose type is not an
 * {@code Optional}, since Jackson has no value of its own for a missing creator parameter.
 *
 * <p>For a class Jackson does not read property by property (a custom deserializer), victools' own view stands.
 */
final class PropertyRules {
    private final JacksonProperties jackson;

    PropertyRules(JacksonProperties jackson) {
        this.jackson = jackson;
    }

    /** Whether Jackson does not read {@code field} as a property. */
    boolean isIgnored(FieldScope field) {
        return reading(field)
                .map(reading -> reading.propertyOfField(field.getDeclaredName()) == null)
                .orElse(false);
    }

    /** The name Jackson reads {@code field} by, or null to keep the field's name. */
    String name(FieldScope field) {
        return reading(field)
                .map(reading -> reading.propertyOfField(field.getDeclaredName()))
                .orElse(null);
    }

    /** Whether the property {@code member} stands for must be present in an answer. */
    boolean isRequired(MemberScope<?, ?> member) {
        if (member.getType() != null && member.getType().isPrimitive()) {
            return true;
        }
        SettableBeanProperty property = property(member);
        return property != null
                && isRequired(property, isOptional(member.getType().getErasedType()));
    }

    /** Whether Jackson needs {@code property} in an answer to build the value as written. */
    static boolean isRequired(SettableBeanProperty property, boolean optional) {
        return property.getType().isPrimitive()
                || property.isRequired()
                || (property instanceof CreatorProperty && !optional);
    }

    static boolean isOptional(Class<?> type) {
        return type == Optional.class
                || type == OptionalInt.class
                || type == OptionalLong.class
                || type == OptionalDouble.class;
    }

    private SettableBeanProperty property(MemberScope<?, ?> member) {
        Optional<JacksonProperties.Reading> reading = reading(member);
        if (reading.isEmpty()) {
            return null;
        }
        Map<String, SettableBeanProperty> properties = reading.get().properties();
        if (member instanceof FieldScope field) {
            String name = reading.get().propertyOfField(field.getDeclaredName());
            return name == null ? null : properties.get(name);
        }
        if (member instanceof MethodScope method) {
            for (Map.Entry<String, String> getter : reading.get().getters().entrySet()) {
                if (getter.getValue().equals(method.getDeclaredName())) {
                    return properties.get(getter.getKey());
                }
            }
        }
        return null;
    }

    private Optional<JacksonProperties.Reading> reading(MemberScope<?, ?> member) {
        return jackson.of(member.getDeclarationDetails().getSchemaTargetType());
    }
}
