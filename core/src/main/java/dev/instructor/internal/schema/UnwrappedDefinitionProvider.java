package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.classmate.ResolvedTypeWithMembers;
import com.fasterxml.classmate.members.ResolvedMember;
import com.fasterxml.classmate.members.ResolvedMethod;
import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.github.victools.jsonschema.generator.AnnotationHelper;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaKeyword;
import dev.instructor.Description;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Describes a type with {@code @JsonUnwrapped} properties as Jackson reads it: one flat object holding the type's own
 * properties and those of each unwrapped value, renamed by the annotation's prefix and suffix.
 *
 * <p>The unwrapped member's description and its type's ({@code @Description}, {@code @JsonClassDescription}) would
 * be lost with the object that carried them; they are appended to the description of each property flattened out of
 * it instead. Not to the enclosing object's description: a sentence there would have to name the flattened
 * properties, and under nested unwrapping (a value unwrapping another, each with its prefix) those names are not
 * known until the outermost level, while a property's own description travels with it through every renaming.
 *
 * <p>Why not victools' own handling: it puts each unwrapped value in an {@code allOf} branch next to the type's
 * {@code additionalProperties: false}, which rejects the branch's properties, while each branch's own
 * {@code additionalProperties: false} rejects the type's. No answer with members of both can match, and strict
 * providers do not take {@code allOf} at all. It also leaves a prefixed branch's {@code required} unprefixed.
 */
final class UnwrappedDefinitionProvider implements CustomDefinitionProviderV2 {
    private final PolymorphicTypes polymorphicTypes;
    private final JacksonProperties properties;

    UnwrappedDefinitionProvider(PolymorphicTypes polymorphicTypes, JacksonProperties properties) {
        this.properties = properties;
        this.polymorphicTypes = polymorphicTypes;
    }

    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
        List<Unwrapped> unwrapped = unwrappedMembers(javaType, context);
        if (unwrapped.isEmpty()) {
            return null;
        }
        ObjectNode definition = polymorphicTypes.ownObject(context.createStandardDefinition(javaType, this), javaType);
        // The providers after this one include victools' own, whose allOf this definition replaces.
        definition.remove(context.getKeyword(SchemaKeyword.TAG_ALLOF));
        String propertiesKeyword = context.getKeyword(SchemaKeyword.TAG_PROPERTIES);
        String requiredKeyword = context.getKeyword(SchemaKeyword.TAG_REQUIRED);
        ObjectNode properties = objectAt(definition, propertiesKeyword);
        Set<String> required = new LinkedHashSet<>();
        definition.path(requiredKeyword).forEach(name -> required.add(name.asString()));
        for (Unwrapped member : unwrapped) {
            ResolvedType type = member.type();
            if (type == null) {
                continue; // a method that takes or gives no value: not a property Jackson reads
            }
            if (member.renames()) {
                rejectNestedObjects(javaType, member, type);
            }
            ObjectNode inner = context.createStandardDefinition(type, null);
            JsonNode innerProperties = inner.get(propertiesKeyword);
            if (innerProperties == null) {
                continue; // not an object with properties of its own: nothing Jackson would unwrap
            }
            String described = member.description(context);
            for (Map.Entry<String, JsonNode> property : innerProperties.properties()) {
                if (described != null && property.getValue() instanceof ObjectNode schema) {
                    // A value unwrapped twice over: the inner value's sentence was noted first, and reads first.
                    ConstraintText.appendLater(schema, described);
                }
                properties.set(member.rename(property.getKey()), property.getValue());
            }
            inner.path(requiredKeyword).forEach(name -> required.add(member.rename(name.asString())));
        }
        if (!required.isEmpty()) {
            ArrayNode names = definition.putArray(requiredKeyword);
            required.forEach(names::add);
        }
        return new CustomDefinition(
                definition, CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
    }

    /**
     * Rejects an unwrapped value with a prefix or suffix whose type has a property Jackson reads as an object of its
     * own (a record or bean, not a list, map or {@code Optional} of one): Jackson 3.1 renames that object's members
     * too when it reads ({@code "home_geo": {"home_lat": 1}}) but not when it writes ({@code "home_geo": {"lat": 1}}),
     * so it cannot read its own output, nor an answer any schema could describe consistently.
     */
    private void rejectNestedObjects(ResolvedType owner, Unwrapped member, ResolvedType type) {
        Optional<JacksonProperties.Reading> reading = properties.of(type);
        if (reading.isEmpty()) {
            return;
        }
        for (SettableBeanProperty property : reading.get().properties().values()) {
            Optional<JacksonProperties.Reading> nested = properties.of(property.getType());
            if (nested.isPresent() && nested.get() != JacksonProperties.Reading.NOTHING) {
                throw new IllegalArgumentException(owner.getErasedType().getName() + "." + member.name()
                        + " is @JsonUnwrapped with a prefix or suffix, and its value's property \""
                        + property.getName() + "\" is an object: Jackson reads that object's members renamed too but"
                        + " writes them as they are, so no answer binds; unwrap without a prefix or suffix, or hold"
                        + " the object in a List or Optional");
            }
        }
    }

    /** The type's fields and methods marked {@code @JsonUnwrapped} (and enabled), in declaration order. */
    private static List<Unwrapped> unwrappedMembers(ResolvedType javaType, SchemaGenerationContext context) {
        ResolvedTypeWithMembers members = context.getTypeContext().resolveWithMembers(javaType);
        List<Unwrapped> found = new ArrayList<>();
        for (ResolvedMember<?> field : members.getMemberFields()) {
            unwrapping(field).ifPresent(annotation -> found.add(new Unwrapped(field, annotation)));
        }
        for (ResolvedMember<?> method : members.getMemberMethods()) {
            unwrapping(method).ifPresent(annotation -> found.add(new Unwrapped(method, annotation)));
        }
        return found;
    }

    private static Optional<JsonUnwrapped> unwrapping(ResolvedMember<?> member) {
        return AnnotationHelper.resolveAnnotation(member, JsonUnwrapped.class, annotation -> annotation
                        .annotationType()
                        .isAnnotationPresent(JacksonAnnotationsInside.class))
                .filter(JsonUnwrapped::enabled);
    }

    private static ObjectNode objectAt(ObjectNode node, String name) {
        JsonNode child = node.get(name);
        return child instanceof ObjectNode object ? object : node.putObject(name);
    }

    /** A member holding an unwrapped value, and the prefix and suffix its value's names get in the enclosing object. */
    private record Unwrapped(ResolvedMember<?> member, JsonUnwrapped annotation) {
        /** The unwrapped value's type: a field's or getter's, or a setter's parameter's. */
        ResolvedType type() {
            if (member instanceof ResolvedMethod method && method.getArgumentCount() == 1) {
                return method.getArgumentType(0);
            }
            return member.getType();
        }

        String rename(String name) {
            return annotation.prefix() + name + annotation.suffix();
        }

        /** Whether the member's value's names are written otherwise than they are. */
        boolean renames() {
            return !annotation.prefix().isEmpty() || !annotation.suffix().isEmpty();
        }

        String name() {
            return member.getName();
        }

        /** The member's description, then its type's, as sentences; null if neither has one. */
        String description(SchemaGenerationContext context) {
            List<String> sentences = new ArrayList<>();
            if (member.getRawMember() instanceof AnnotatedElement element) {
                Description own = element.getAnnotation(Description.class);
                JsonPropertyDescription jackson = element.getAnnotation(JsonPropertyDescription.class);
                if (own != null || jackson != null) {
                    sentences.add(own != null ? own.value() : jackson.value());
                }
            }
            String typeDescription = context.getGeneratorConfig()
                    .resolveDescriptionForType(context.getTypeContext().createTypeScope(type()));
            if (typeDescription != null) {
                sentences.add(typeDescription);
            }
            ObjectNode text = JsonNodeFactory.instance.objectNode();
            sentences.forEach(sentence -> ConstraintText.appendSentence(text, sentence));
            return text.path("description").asString(null);
        }
    }
}
