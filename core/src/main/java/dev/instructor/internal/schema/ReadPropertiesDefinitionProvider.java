package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.classmate.ResolvedTypeWithMembers;
import com.fasterxml.classmate.members.ResolvedField;
import com.fasterxml.classmate.members.ResolvedMethod;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.MethodScope;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Completes an object's schema with what Jackson reads beyond the fields victools describes: properties without a
 * field of their name ({@code getURL()/setURL()}, which Jackson 3 calls {@code URL}; a creator's parameters named
 * unlike the fields they fill; a setter alone) and the members an any-setter collects ({@code additionalProperties}).
 *
 * <p>Such a property is described through its getter when it has one, so that the getter's annotations (descriptions,
 * constraints, {@code Optional}) count as a field's would; otherwise by the type Jackson reads it as.
 */
final class ReadPropertiesDefinitionProvider implements CustomDefinitionProviderV2 {
    private final JacksonProperties jackson;
    private final PolymorphicTypes polymorphicTypes;

    ReadPropertiesDefinitionProvider(JacksonProperties jackson, PolymorphicTypes polymorphicTypes) {
        this.jackson = jackson;
        this.polymorphicTypes = polymorphicTypes;
    }

    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
        Class<?> raw = javaType.getErasedType();
        if (!JacksonTypes.isCallerClass(raw)) {
            return null;
        }
        Optional<JacksonProperties.Reading> reading = jackson.of(javaType);
        if (reading.isEmpty()
                || (!hasFieldlessProperty(javaType, reading.get(), context)
                        && reading.get().anyValueType() == null)) {
            return null;
        }
        ObjectNode definition = polymorphicTypes.ownObject(context.createStandardDefinition(javaType, this), javaType);
        // Taken out and put back last, so the object reads as victools writes one: properties, required, the rest.
        JsonNode closed = definition.remove("additionalProperties");
        ObjectNode properties = definition.has("properties")
                ? (ObjectNode) definition.get("properties")
                : definition.putObject("properties");
        ArrayNode required = definition.has("required") ? (ArrayNode) definition.get("required") : null;
        for (SettableBeanProperty property : reading.get().properties().values()) {
            if (!properties.has(property.getName())) {
                MethodScope getter = getter(javaType, reading.get(), property.getName(), context);
                properties.set(
                        property.getName(),
                        getter == null ? typeSchema(property, context) : getterSchema(getter, context));
                if (isRequired(property, getter, reading.get(), context)) {
                    required = required == null ? definition.putArray("required") : required;
                    required.add(property.getName());
                }
            }
        }
        JsonNode anyValueType = reading.get().anyValueType() == null
                ? closed
                : context.createDefinitionReference(JacksonTypes.resolvedType(
                        context.getTypeContext(), reading.get().anyValueType()));
        if (anyValueType != null) {
            definition.set("additionalProperties", anyValueType);
        }
        return new CustomDefinition(
                definition, CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
    }

    private static boolean isRequired(
            SettableBeanProperty property,
            MethodScope getter,
            JacksonProperties.Reading reading,
            SchemaGenerationContext context) {
        if (getter != null) {
            return context.getGeneratorConfig().isRequired(getter);
        }
        return PropertyRules.isRequired(
                property, PropertyRules.isOptional(property.getType().getRawClass()), reading);
    }

    private static boolean hasFieldlessProperty(
            ResolvedType javaType, JacksonProperties.Reading reading, SchemaGenerationContext context) {
        List<String> fromFields = new ArrayList<>();
        for (ResolvedField field :
                context.getTypeContext().resolveWithMembers(javaType).getMemberFields()) {
            if (field.isTransient()) {
                continue; // victools leaves it out, though Jackson reads its property through getter and setter
            }
            String name = reading.propertyOfField(field.getName());
            if (name != null) {
                fromFields.add(name);
            }
        }
        for (Map.Entry<String, SettableBeanProperty> property :
                reading.properties().entrySet()) {
            if (!fromFields.contains(property.getKey())) {
                return true;
            }
        }
        return false;
    }

    private static MethodScope getter(
            ResolvedType javaType,
            JacksonProperties.Reading reading,
            String property,
            SchemaGenerationContext context) {
        String name = reading.getters().get(property);
        if (name == null) {
            return null;
        }
        ResolvedTypeWithMembers members = context.getTypeContext().resolveWithMembers(javaType);
        for (ResolvedMethod method : members.getMemberMethods()) {
            if (method.getName().equals(name) && method.getArgumentCount() == 0) {
                return context.getTypeContext()
                        .createMethodScope(method, new MemberScope.DeclarationDetails(javaType, members));
            }
        }
        return null;
    }

    /** The getter's schema as victools gives a field's: unwrapped optional, nullable, with its annotations. */
    private static ObjectNode getterSchema(MethodScope getter, SchemaGenerationContext context) {
        SchemaGeneratorConfig config = context.getGeneratorConfig();
        MethodScope scope = getter;
        List<ResolvedType> overrides = config.resolveTargetTypeOverrides(getter);
        if (overrides != null && overrides.size() == 1) {
            scope = getter.withOverriddenType(overrides.get(0));
        }
        ObjectNode schema = (ObjectNode) context.createStandardDefinitionReference(scope, null);
        return config.isNullable(getter) ? context.makeNullable(schema) : schema;
    }

    private static ObjectNode typeSchema(SettableBeanProperty property, SchemaGenerationContext context) {
        return context.createDefinitionReference(
                JacksonTypes.resolvedType(context.getTypeContext(), property.getType()));
    }
}
