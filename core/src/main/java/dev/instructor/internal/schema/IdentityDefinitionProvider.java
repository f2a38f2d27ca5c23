package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.ObjectIdGenerator;
import com.fasterxml.jackson.annotation.ObjectIdGenerators;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.ObjectIdInfo;
import tools.jackson.databind.jsonFormatVisitors.JsonArrayFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import tools.jackson.databind.jsonFormatVisitors.JsonMapFormatVisitor;
import tools.jackson.databind.jsonFormatVisitors.JsonObjectFormatVisitor;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Describes a class with an object identity ({@code @JsonIdentityInfo}) as Jackson writes and reads it: the object in
 * full, or the id of one given in full before. With a generated id the object carries it as its first property,
 * required, as Jackson fails on an object without one; the id's type is the one the generator declares
 * ({@code ObjectIdGenerator<T>}), as Jackson reads ids as that type: an integer for {@code IntSequenceGenerator}, a
 * UUID for {@code UUIDGenerator}, any string for {@code StringIdGenerator}, and a caller's generator's {@code T}. With
 * {@code PropertyGenerator} the id is one of the object's own properties; where Jackson writes that property as an
 * object or array, it reads no reference back (an object reads as a new, empty one), so the object is in full only,
 * and where such a property is a creator parameter Jackson 3.1 reads it empty, so the type is rejected. {@code @JsonIdentityReference(alwaysAsId =
 * true)} changes nothing: Jackson writes only ids then, but reads both forms, and an id resolves only to an object
 * given in full.
 *
 * <p>In a union ({@code @JsonTypeInfo}), the object is the member's as {@link PolymorphicTypes} wraps it, with the
 * generated id among the member's own properties: after the type-id property, or inside the wrapper object or array,
 * where Jackson writes it ({@code {"kind": "image", "@id": 1, ...}}, {@code {"chip": {"@id": ..., ...}}}); a later
 * occurrence is the id alone. Jackson resolves such an id through the union's base type only when the identity is
 * the base's: with {@code @JsonIdentityInfo} on a member alone, it reads the id only where a value is declared as
 * that member, and where one is declared as the union it fails on the id (which it writes there all the same). So in
 * the union such a member ({@link UnionMember}, marked by {@link UnionMembers}) is the object alone, with its id,
 * and the id alone only where declared as the member.
 *
 * <p>The identity is asked of the mapper's own introspection, so mix-ins count. A generator declared with
 * {@code Object} as its id type is left alone, as its ids have no known type; one whose ids Jackson writes as an
 * object or array is rejected with {@link IllegalArgumentException}, as Jackson cannot read such an id back as a
 * reference.
 */
final class IdentityDefinitionProvider implements CustomDefinitionProviderV2 {
    private final ObjectMapper mapper;
    private final PolymorphicTypes polymorphicTypes;

    IdentityDefinitionProvider(ObjectMapper mapper, PolymorphicTypes polymorphicTypes) {
        this.mapper = mapper;
        this.polymorphicTypes = polymorphicTypes;
    }

    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
        Class<?> raw = javaType.getErasedType();
        if (raw.isPrimitive() || raw.isArray() || raw.isEnum() || raw.getName().startsWith("java.")) {
            return null;
        }
        BeanDescription description = describe(javaType);
        ObjectIdInfo identity = description.getObjectIdInfo();
        if (identity == null) {
            return null;
        }
        ObjectNode object = context.createStandardDefinition(javaType, this);
        ObjectNode id = withId(object, javaType, description, identity, context);
        if (id == null) {
            return null;
        }
        if (javaType instanceof UnionMember member
                && !hasIdentity(context.getTypeContext().resolve(member.union()))) {
            // victools applies the type id's override again to this result: its own properties, so that it wraps them
            // once (and puts the type-id property first, where that is one).
            return new CustomDefinition(
                    polymorphicTypes.ownObject(object, javaType),
                    CustomDefinition.DefinitionType.STANDARD,
                    CustomDefinition.AttributeInclusion.NO);
        }
        ObjectNode definition = context.getGeneratorConfig().createObjectNode();
        ArrayNode branches = definition.putArray("anyOf");
        branches.add(object);
        branches.add(id.put(
                "description",
                "Refers to the " + raw.getSimpleName() + " with this "
                        + identity.getPropertyName().getSimpleName() + ", given in full earlier in the answer"));
        return new CustomDefinition(
                definition, CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
    }

    /**
     * Puts a generated id into {@code object}, the schema of {@code javaType} in full, and returns the schema of the
     * id alone, a new node; null where the id has no known type (and {@code object} is left as it was).
     */
    private ObjectNode withId(
            ObjectNode object,
            ResolvedType javaType,
            BeanDescription description,
            ObjectIdInfo identity,
            SchemaGenerationContext context) {
        Class<?> raw = javaType.getErasedType();
        Class<? extends ObjectIdGenerator<?>> generator = identity.getGeneratorType();
        String name = identity.getPropertyName().getSimpleName();
        // A union member's own properties sit inside the wrapper its type id may put around them.
        ObjectNode own = polymorphicTypes.ownObject(object, javaType);
        ObjectNode id;
        if (generator == ObjectIdGenerators.PropertyGenerator.class) {
            if (!(own.path("properties").get(name) instanceof ObjectNode property)
                    || !readsReferences(raw, description, name)) {
                return null;
            }
            // Not a deep copy: victools fills a reference to a caller's type only at the end, in the node it handed
            // out, so a copy made now stays empty (accepts anything). An empty node is such a reference: the id
            // type's own definition, made anew, is filled as well; otherwise a shallow copy shares the nested ones.
            id = property.isEmpty()
                    ? idPropertyType(description, name, context)
                    : PolymorphicTypes.shallowCopy(property);
            if (id == null) {
                return null;
            }
            id.remove("description");
        } else {
            checkScalarIds(raw, generator, name);
            id = generatedId(generator, context);
            ObjectNode inObject = generatedId(generator, context); // one node per use, each filled in the end
            if (id == null || inObject == null) {
                return null;
            }
            // Jackson writes the id first, after the type id if that is a property.
            add(own, name, inObject, polymorphicTypes.discriminator(javaType).isPresent() ? 1 : 0);
        }
        return id;
    }

    /** Whether Jackson gives {@code javaType} an object identity ({@code @JsonIdentityInfo}, a mix-in's too). */
    boolean hasIdentity(ResolvedType javaType) {
        Class<?> raw = javaType.getErasedType();
        return !raw.isPrimitive()
                && !raw.getName().startsWith("java.")
                && describe(javaType).getObjectIdInfo() != null;
    }

    private BeanDescription describe(ResolvedType javaType) {
        return mapper._serializationContext()
                .introspectBeanDescription(JacksonTypes.javaType(mapper.getTypeFactory(), javaType));
    }

    /** A new definition of the type of the property {@code name} that holds the id; null if Jackson has none. */
    private ObjectNode idPropertyType(BeanDescription description, String name, SchemaGenerationContext context) {
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (property.getName().equals(name) && property.getPrimaryType() != null) {
                return context.createDefinition(
                        JacksonTypes.resolvedType(context.getTypeContext(), property.getPrimaryType()));
            }
        }
        return null;
    }

    /**
     * Whether Jackson reads a reference to an object whose id is its property {@code name}: only where it writes the
     * id as a string or number. An id it writes as an object or array it reads back as a new object (from an object,
     * with none of its properties set) or not at all; it reads the object in full, so that alone is offered. Fails
     * where the id is a creator parameter: Jackson 3.1 binds such an id empty (its properties null), so no answer
     * reads.
     */
    private boolean readsReferences(Class<?> type, BeanDescription description, String name) {
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (!property.getName().equals(name) || property.getPrimaryType() == null) {
                continue;
            }
            if (!isStructured(property.getPrimaryType())) {
                return true;
            }
            if (property.hasConstructorParameter()) {
                throw new IllegalArgumentException(type.getName() + " has @JsonIdentityInfo with its property \""
                        + name + "\" as id, a "
                        + property.getPrimaryType().getRawClass().getName()
                        + " Jackson writes as a JSON object or array; Jackson 3.1 reads such an id through a creator"
                        + " (record component) as empty, so no answer binds; use a string or number as the id, or"
                        + " let Jackson set the property through a setter or field");
            }
            return false;
        }
        return true;
    }

    /**
     * Fails for a generator whose ids Jackson writes as a JSON object or array (a record, a list): Jackson 3.1 then
     * fails to read a reference to an object given before, so the id the schema offers for it could not bind.
     */
    private void checkScalarIds(Class<?> type, Class<?> generator, String property) {
        JavaType[] declared =
                mapper.getTypeFactory().findTypeParameters(mapper.constructType(generator), ObjectIdGenerator.class);
        if (declared.length != 1 || declared[0].getRawClass() == Object.class) {
            return;
        }
        if (isStructured(declared[0])) {
            throw new IllegalArgumentException(type.getName() + " has @JsonIdentityInfo with " + generator.getName()
                    + ", whose ids (" + declared[0].getRawClass().getName() + ", in property \"" + property
                    + "\") Jackson writes as a JSON object or array and cannot read back as a reference; use a"
                    + " generator of strings or numbers");
        }
    }

    /** Whether Jackson writes a value of {@code type} as a JSON object, array or map. */
    private boolean isStructured(JavaType type) {
        boolean[] structured = new boolean[1];
        mapper.acceptJsonFormatVisitor(type, new JsonFormatVisitorWrapper.Base() {
            @Override
            public JsonObjectFormatVisitor expectObjectFormat(JavaType type) {
                structured[0] = true;
                return null;
            }

            @Override
            public JsonArrayFormatVisitor expectArrayFormat(JavaType type) {
                structured[0] = true;
                return null;
            }

            @Override
            public JsonMapFormatVisitor expectMapFormat(JavaType type) {
                structured[0] = true;
                return null;
            }
        });
        return structured[0];
    }

    /** The schema of the ids {@code generator} makes, by its declared id type; null where that is {@code Object}. */
    private ObjectNode generatedId(Class<?> generator, SchemaGenerationContext context) {
        JavaType[] declared =
                mapper.getTypeFactory().findTypeParameters(mapper.constructType(generator), ObjectIdGenerator.class);
        if (declared.length != 1 || declared[0].getRawClass() == Object.class) {
            return null;
        }
        return context.createDefinition(JacksonTypes.resolvedType(context.getTypeContext(), declared[0]));
    }

    /** Puts the generated id among {@code object}'s properties and its required ones, at {@code position}. */
    private static void add(ObjectNode object, String name, ObjectNode schema, int position) {
        ObjectNode properties = object.objectNode();
        ArrayNode required = object.arrayNode();
        if (object.get("properties") instanceof ObjectNode existing) {
            existing.properties().forEach(property -> {
                if (properties.size() == position) {
                    properties.set(name, schema);
                }
                properties.set(property.getKey(), property.getValue());
            });
        }
        if (!properties.has(name)) {
            properties.set(name, schema);
        }
        object.path("required").forEach(property -> {
            if (required.size() == position) {
                required.add(name);
            }
            required.add(property);
        });
        if (!contains(required, name)) {
            required.add(name);
        }
        ObjectNode copy = PolymorphicTypes.shallowCopy(object);
        object.removeAll();
        object.put("type", "object");
        object.set("properties", properties);
        object.set("required", required);
        copy.properties().forEach(entry -> {
            if (!object.has(entry.getKey())) {
                object.set(entry.getKey(), entry.getValue());
            }
        });
    }

    private static boolean contains(ArrayNode names, String name) {
        for (JsonNode present : names) {
            if (present.asString().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
