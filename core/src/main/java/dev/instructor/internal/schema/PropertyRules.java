package dev.instructor.internal.schema;

import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.MethodScope;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.impl.NullsFailProvider;
import tools.jackson.databind.introspect.AnnotatedParameter;

/**
 * The victools member hooks that follow Jackson's reading ({@link JacksonProperties}): a field is a property when
 * Jackson reads it, under the name Jackson reads it by; a property is required when it is primitive, marked
 * {@code @JsonProperty(required = true)}, or fails on null ({@code @JsonSetter(nulls = FAIL)}), or a creator's
 * parameter (a record component, say) whose type is not an {@code Optional}, since Jackson has no value of its own for
 * a missing creator parameter (unless it injects one, {@code @JacksonInject}); but not when Jackson itself leaves the
 * property out of what it writes ({@code @JsonInclude(NON_NULL)} and the like), since then its absence is a value the
 * class expects.
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
        Optional<JacksonProperties.Reading> reading = reading(member);
        SettableBeanProperty property =
                reading.map(found -> property(found, member)).orElse(null);
        return property != null
                && isRequired(property, isOptional(member.getType().getErasedType()), reading.get());
    }

    /**
     * Whether an answer must hold {@code property}: a primitive, or explicitly required, or one Jackson fails on when
     * null ({@code @JsonSetter(nulls = FAIL)}: OpenAI's strict mode would otherwise ask for null where the property is
     * absent), or a creator parameter that is not {@code optional} and that Jackson does not itself leave out when
     * writing ({@code @JsonInclude}), or any creator parameter where Jackson fails on a missing one.
     */
    static boolean isRequired(SettableBeanProperty property, boolean optional, JacksonProperties.Reading reading) {
        if (property.getType().isPrimitive()
                || property.isRequired()
                || property.getNullValueProvider() instanceof NullsFailProvider) {
            return true;
        }
        return property.getMember() instanceof AnnotatedParameter // a creator's, possibly wrapped for an object id
                && property.getInjectionDefinition() == null // Jackson injects a value when the member is missing
                && (reading.missingCreatorPropertiesFail()
                        || !optional && !reading.omittable().contains(property.getName()));
    }

    /** The property Jackson reads for {@code member}, if Jackson reads it property by property. */
    Optional<SettableBeanProperty> property(MemberScope<?, ?> member) {
        return reading(member).map(reading -> property(reading, member));
    }

    /**
     * Whether {@code type} is a reference Jackson reads an absent or null value into as an empty one: an
     * {@code Optional} of any kind, or an {@code AtomicReference}.
     */
    static boolean isOptional(Class<?> type) {
        return type == Optional.class
                || type == AtomicReference.class
                || type == OptionalInt.class
                || type == OptionalLong.class
                || type == OptionalDouble.class;
    }

    private static SettableBeanProperty property(JacksonProperties.Reading reading, MemberScope<?, ?> member) {
        Map<String, SettableBeanProperty> properties = reading.properties();
        if (member instanceof FieldScope field) {
            String name = reading.propertyOfField(field.getDeclaredName());
            return name == null ? null : properties.get(name);
        }
        if (member instanceof MethodScope method) {
            for (Map.Entry<String, String> getter : reading.getters().entrySet()) {
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
