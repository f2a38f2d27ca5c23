package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.classmate.ResolvedTypeWithMembers;
import com.fasterxml.classmate.members.ResolvedField;
import com.fasterxml.classmate.members.ResolvedMethod;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.introspect.AnnotatedField;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.AnnotatedMethod;

/**
 * Describes a value object, a class Jackson writes through its {@code @JsonValue} accessor ({@code record
 * Email(@JsonValue String value)}), as the schema of that accessor's type: the JSON Jackson writes and reads for it is
 * the accessor's value, a string for an email, not an object. Enums have their own provider.
 *
 * <p>The accessor is found by the mapper's own introspection, so mix-ins count; its type is then resolved with the
 * class's type arguments ({@code @JsonValue List<T> items()}).
 */
final class JsonValueDefinitionProvider implements CustomDefinitionProviderV2 {
    private final ObjectMapper mapper;

    JsonValueDefinitionProvider(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
        Class<?> raw = javaType.getErasedType();
        if (!JacksonTypes.isCallerClass(raw)) {
            return null;
        }
        AnnotatedMember accessor = mapper._serializationContext()
                .introspectBeanDescription(mapper.constructType(raw))
                .findJsonValueAccessor();
        if (accessor == null) {
            return null;
        }
        ResolvedType valueType = resolvedType(javaType, accessor, context);
        if (valueType == null || valueType.getErasedType() == raw) {
            return null;
        }
        return new CustomDefinition(
                context.createDefinitionReference(valueType),
                CustomDefinition.DefinitionType.INLINE,
                CustomDefinition.AttributeInclusion.YES);
    }

    /** Returns the type of {@code accessor} as a member of {@code javaType}, its type arguments applied. */
    private static ResolvedType resolvedType(
            ResolvedType javaType, AnnotatedMember accessor, SchemaGenerationContext context) {
        ResolvedTypeWithMembers members = context.getTypeContext().resolveWithMembers(javaType);
        if (accessor instanceof AnnotatedMethod) {
            for (ResolvedMethod method : members.getMemberMethods()) {
                if (method.getName().equals(accessor.getName()) && method.getArgumentCount() == 0) {
                    return method.getReturnType();
                }
            }
        } else if (accessor instanceof AnnotatedField) {
            for (ResolvedField field : members.getMemberFields()) {
                if (field.getName().equals(accessor.getName())) {
                    return field.getType();
                }
            }
        }
        return null;
    }
}
