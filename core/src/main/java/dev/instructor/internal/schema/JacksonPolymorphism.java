package dev.instructor.internal.schema;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.jsontype.NamedType;

/**
 * Answers, from a Jackson mapper's own introspection, how a class is written polymorphically: which type-info
 * settings apply and which type id each concrete subtype carries. Asking the mapper (rather than reading annotations
 * directly) keeps the schema in step with the binding: mix-ins, registered subtypes and Jackson 3's discovery of a
 * sealed type's permitted subclasses are all seen.
 */
final class JacksonPolymorphism {
    private final DeserializationConfig config;

    JacksonPolymorphism(ObjectMapper mapper) {
        this.config = mapper.deserializationConfig();
    }

    /** The type-info settings Jackson applies to {@code type}, empty when it reads and writes it monomorphically. */
    Optional<JsonTypeInfo.Value> typeInfo(Class<?> type) {
        JsonTypeInfo.Value info = config.getAnnotationIntrospector().findPolymorphicTypeInfo(config, annotated(type));
        if (info == null || info.getIdType() == JsonTypeInfo.Id.NONE) {
            return Optional.empty();
        }
        return Optional.of(info);
    }

    /**
     * Rejects {@code @JsonTypeInfo} on a property ({@code member}, named {@code property}, of {@code owner}) where it
     * differs from its type's own: the schema describes each type once, with the type info of the type, and an
     * {@code EXTERNAL_PROPERTY} id sits outside the value altogether.
     */
    void rejectPropertyTypeInfo(Class<?> owner, String property, AnnotatedMember member, Class<?> valueType) {
        JsonTypeInfo.Value own = config.getAnnotationIntrospector().findPolymorphicTypeInfo(config, member);
        if (own == null || own.equals(typeInfo(valueType).orElse(null))) {
            return;
        }
        throw new IllegalArgumentException("@JsonTypeInfo(include = " + own.getInclusionType() + ") on the property "
                + property + " of " + owner.getName() + " has no JSON Schema form: type info is described per type,"
                + " not per property; put @JsonTypeInfo on " + valueType.getName() + " (include = PROPERTY)");
    }

    /**
     * The concrete subtypes Jackson reads for {@code base}, each once (a subtype with several names is listed under
     * each), in Jackson's order, or in declaration order for a sealed type. The {@code defaultImpl} of {@code info}
     * counts too, last: Jackson writes it with its own type id and reads any id it does not know into it.
     */
    List<Class<?>> concreteSubtypes(Class<?> base, JsonTypeInfo.Value info) {
        Set<Class<?>> subtypes = new LinkedHashSet<>();
        for (NamedType named : config.getSubtypeResolver().collectAndResolveSubtypesByTypeId(config, annotated(base))) {
            Class<?> candidate = named.getType();
            if (base.isAssignableFrom(candidate) && isConcrete(candidate)) {
                subtypes.add(candidate);
            }
        }
        Class<?> defaultImpl = info.getDefaultImpl();
        if (defaultImpl != null && base.isAssignableFrom(defaultImpl) && isConcrete(defaultImpl)) {
            subtypes.add(defaultImpl);
        }
        List<Class<?>> ordered = new ArrayList<>(subtypes);
        if (base.isSealed()) {
            // Jackson lists named types first; the declaration order reads better and is stable.
            List<Class<?>> declared = permittedInOrder(base, new ArrayList<>());
            ordered.sort(Comparator.comparingInt(declared::indexOf));
        }
        return ordered;
    }

    /** The type id Jackson writes for the concrete class {@code type}. */
    String typeId(Class<?> type, JsonTypeInfo.Value info) {
        for (NamedType named : config.getSubtypeResolver().collectAndResolveSubtypesByTypeId(config, annotated(type))) {
            if (named.getType() == type) {
                return typeId(type, named, info);
            }
        }
        return typeId(type, new NamedType(type), info);
    }

    private static List<Class<?>> permittedInOrder(Class<?> type, List<Class<?>> into) {
        into.add(type);
        if (type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                permittedInOrder(permitted, into);
            }
        }
        return into;
    }

    static boolean isConcrete(Class<?> type) {
        return !type.isInterface() && !Modifier.isAbstract(type.getModifiers());
    }

    private static String typeId(Class<?> base, NamedType named, JsonTypeInfo.Value info) {
        Class<?> type = named.getType();
        return switch (info.getIdType()) {
            // Jackson's default name drops the package but keeps enclosing classes ("Outer$Inner").
            case NAME -> named.hasName() ? named.getName() : withoutPackage(type.getName());
            case SIMPLE_NAME -> named.hasName() ? named.getName() : type.getSimpleName();
            case CLASS -> type.getName();
            case MINIMAL_CLASS -> minimalClassName(base, type);
            default ->
                throw new IllegalArgumentException("Type ids of kind " + info.getIdType() + " (on " + base.getName()
                        + ") cannot be written into a JSON Schema; use JsonTypeInfo.Id.NAME");
        };
    }

    private static String withoutPackage(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String minimalClassName(Class<?> base, Class<?> type) {
        String basePackage = base.getName().substring(0, base.getName().lastIndexOf('.') + 1);
        String name = type.getName();
        return name.startsWith(basePackage) ? name.substring(basePackage.length() - 1) : name;
    }

    private AnnotatedClass annotated(Class<?> type) {
        return config.classIntrospectorInstance().introspectClassAnnotations(config.constructType(type));
    }
}
