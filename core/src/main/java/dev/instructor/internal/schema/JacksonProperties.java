package dev.instructor.internal.schema;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.CreatorProperty;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.AnnotatedMethod;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.util.SimpleLookupCache;

/**
 * The properties Jackson reads for a class, asked of the mapper's own deserializer: their names (after
 * {@code @JsonProperty}, {@code @JsonNaming} and the mapper's naming strategy), which of the class's fields and getters
 * stand for them, and the value type of an any-setter. The deserializer has already applied every rule about what is
 * read: access modes, ignorals ({@code @JsonIgnore}, {@code @JsonIgnoreProperties} with {@code allowSetters},
 * {@code @JsonIncludeProperties}, {@code @JsonIgnoreType}), creators, builders, back references and unwrapping.
 *
 * <p>Thread-safe; one instance per generator, caching one answer per type (two threads may both work one out).
 */
final class JacksonProperties {
    private final ObjectMapper mapper;
    private final JacksonPolymorphism polymorphism;
    /**
     * Bounded as Jackson bounds its own caches: the default generator is shared for the life of the class loader, and
     * an unbounded map would keep every type it ever described, and its class, reachable.
     */
    private final SimpleLookupCache<JavaType, Optional<Reading>> readings = new SimpleLookupCache<>(16, 1000);

    JacksonProperties(ObjectMapper mapper, JacksonPolymorphism polymorphism) {
        this.mapper = mapper;
        this.polymorphism = polymorphism;
    }

    /** How Jackson reads {@code type} as an object, or empty when it does not read it property by property. */
    Optional<Reading> of(ResolvedType type) {
        return of(JacksonTypes.javaType(mapper.getTypeFactory(), type));
    }

    /** How Jackson reads {@code javaType} as an object, as {@link #of(ResolvedType)} says. */
    Optional<Reading> of(JavaType javaType) {
        Optional<Reading> known = readings.get(javaType);
        if (known == null) {
            known = read(javaType);
            readings.put(javaType, known);
        }
        return known;
    }

    private Optional<Reading> read(JavaType type) {
        DeserializationContext context = mapper._deserializationContext();
        ValueDeserializer<Object> deserializer;
        try {
            deserializer = context.findNonContextualValueDeserializer(type);
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty(); // Jackson cannot read the type at all; nothing to agree with
        }
        if (!(deserializer instanceof BeanDeserializerBase bean)) {
            boolean container = deserializer.logicalType() == LogicalType.Map
                    || deserializer.logicalType() == LogicalType.Collection
                    || deserializer.logicalType() == LogicalType.Array;
            return container ? Optional.of(Reading.NOTHING) : Optional.empty();
        }
        BeanDescription reading = context.introspectBeanDescriptionForCreation(type);
        BeanDescription writing = mapper._serializationContext().introspectBeanDescription(type);
        rejectPropertyTypeInfo(type.getRawClass(), reading);
        Map<String, String> names = new HashMap<>();
        Map<String, String> getters = new HashMap<>();
        for (BeanDescription description : new BeanDescription[] {reading, writing}) {
            for (BeanPropertyDefinition definition : description.findProperties()) {
                if (definition.hasField()) {
                    names.putIfAbsent(definition.getField().getName(), definition.getName());
                }
                names.putIfAbsent(definition.getInternalName(), definition.getName());
                if (definition.hasGetter()) {
                    getters.putIfAbsent(
                            definition.getName(), definition.getGetter().getName());
                }
            }
        }
        Map<String, SettableBeanProperty> properties = new LinkedHashMap<>();
        for (Iterator<SettableBeanProperty> it = bean.properties(); it.hasNext(); ) {
            SettableBeanProperty property = it.next();
            if (isRead(context.getConfig(), reading, property, names)) {
                properties.put(property.getName(), property);
            }
        }
        boolean missingCreatorPropertiesFail =
                context.isEnabled(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
        // Under FAIL_ON_NULL_CREATOR_PROPERTIES Jackson fails on a creator property left out (its absent value is
        // null) or null, so one it leaves out when writing may not be: none is omittable.
        Set<String> omittable = context.isEnabled(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                ? Set.of()
                : omittable(writing);
        return Optional.of(new Reading(
                properties, names, getters, omittable, anyValueType(reading), missingCreatorPropertiesFail));
    }

    /** Checked on the description: the deserializer does not list a property with an external type id. */
    private void rejectPropertyTypeInfo(Class<?> owner, BeanDescription reading) {
        for (BeanPropertyDefinition definition : reading.findProperties()) {
            for (AnnotatedMember member : new AnnotatedMember[] {
                definition.getField(),
                definition.getGetter(),
                definition.getSetter(),
                definition.getConstructorParameter()
            }) {
                if (member != null) {
                    polymorphism.rejectPropertyTypeInfo(
                            owner, definition.getName(), member, valueType(definition.getPrimaryType()));
                }
            }
        }
    }

    /**
     * Whether Jackson reads {@code property} from a member of that name. The deserializer keeps a few it does not: an
     * ignored creator parameter (passed null), a back reference (set from the parent), a creator parameter that
     * takes the any-properties, and a creator parameter of a type Jackson ignores ({@code @JsonIgnoreType}), which
     * it would read but never writes; and a creator parameter Jackson injects ({@code @JacksonInject}) without
     * {@code useInput = TRUE}, which Jackson 3.1 sets from the mapper's injectable values whatever the member says. An
     * object id is read only when it is one of the class's own properties ({@code PropertyGenerator}); a generated one
     * is {@link IdentityDefinitionProvider}'s.
     */
    private static boolean isRead(
            DeserializationConfig config,
            BeanDescription reading,
            SettableBeanProperty property,
            Map<String, String> names) {
        if (property.getMember() == null) {
            return names.containsValue(property.getName());
        }
        return !property.isIgnorable()
                && !isBackReference(reading, property.getName())
                && !Boolean.TRUE.equals(config.getAnnotationIntrospector().hasAnySetter(config, property.getMember()))
                && !isIgnoredType(config, property.getType())
                && !isInjectedOnly(property);
    }

    private static boolean isInjectedOnly(SettableBeanProperty property) {
        JacksonInject.Value injection = property.getInjectionDefinition();
        return property instanceof CreatorProperty && injection != null && injection.getUseInput() != Boolean.TRUE;
    }

    /** The type a property's {@code @JsonTypeInfo} applies to: its content's, for a collection, map or array. */
    private static Class<?> valueType(JavaType type) {
        return type.isContainerType() ? valueType(type.getContentType()) : type.getRawClass();
    }

    private static boolean isIgnoredType(DeserializationConfig config, JavaType type) {
        Boolean overridden = config.getConfigOverride(type.getRawClass()).getIsIgnoredType();
        if (overridden != null) {
            return overridden;
        }
        AnnotatedClass annotated = config.classIntrospectorInstance().introspectClassAnnotations(type);
        return Boolean.TRUE.equals(config.getAnnotationIntrospector().isIgnorableType(config, annotated));
    }

    private static boolean isBackReference(BeanDescription description, String name) {
        List<BeanPropertyDefinition> backReferences = description.findBackReferences();
        for (BeanPropertyDefinition definition :
                backReferences == null ? List.<BeanPropertyDefinition>of() : backReferences) {
            if (definition.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The properties Jackson may leave out when writing, by their inclusion rule ({@code @JsonInclude} on the
     * property or its class, or the mapper's default): anything but {@code ALWAYS}.
     */
    private Set<String> omittable(BeanDescription writing) {
        SerializationConfig config = mapper.serializationConfig();
        Class<?> type = writing.getBeanClass();
        JsonInclude.Value classDefault = writing.findPropertyInclusion(config.getDefaultPropertyInclusion(type));
        Set<String> omittable = new HashSet<>();
        for (BeanPropertyDefinition definition : writing.findProperties()) {
            if (definition.getAccessor() == null) {
                continue; // never written, so never left out
            }
            JsonInclude.Value inclusion = config.getDefaultInclusion(type, definition.getRawPrimaryType(), classDefault)
                    .withOverrides(definition.findInclusion());
            JsonInclude.Include rule = inclusion.getValueInclusion();
            if (rule != JsonInclude.Include.ALWAYS && rule != JsonInclude.Include.USE_DEFAULTS) {
                omittable.add(definition.getName());
            }
        }
        return omittable;
    }

    /** The value type of the map or method that takes the members no property claims, if there is one. */
    private static JavaType anyValueType(BeanDescription description) {
        AnnotatedMember anySetter = description.findAnySetterAccessor();
        if (anySetter == null) {
            return null;
        }
        if (anySetter instanceof AnnotatedMethod method && method.getParameterCount() == 2) {
            return method.getParameterType(1);
        }
        return anySetter.getType().getContentType();
    }

    /**
     * What Jackson reads for one class.
     *
     * @param properties the properties Jackson reads, by name, in Jackson's order
     * @param names the property name of each field (and implicit name) Jackson links to a property
     * @param getters the getter method of each property that has one
     * @param omittable the properties Jackson may leave out when it writes the class
     * @param anyValueType the value type of the any-setter, or null when unknown members are not collected
     * @param missingCreatorPropertiesFail whether Jackson fails on any creator property missing from the object
     *     ({@code FAIL_ON_MISSING_CREATOR_PROPERTIES}), an {@code Optional} or one it leaves out when writing too
     */
    record Reading(
            Map<String, SettableBeanProperty> properties,
            Map<String, String> names,
            Map<String, String> getters,
            Set<String> omittable,
            JavaType anyValueType,
            boolean missingCreatorPropertiesFail) {
        /** A container: Jackson reads none of its fields. */
        static final Reading NOTHING = new Reading(Map.of(), Map.of(), Map.of(), Set.of(), null, false);

        Reading {
            properties = Collections.unmodifiableMap(properties);
        }

        /** The name Jackson reads the field {@code fieldName} under, or null when it does not read it. */
        String propertyOfField(String fieldName) {
            String name = names.get(fieldName);
            return name != null && properties.containsKey(name) ? name : null;
        }
    }
}
