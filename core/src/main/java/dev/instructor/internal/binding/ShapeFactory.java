package dev.instructor.internal.binding;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.AbstractDeserializer;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.bean.BeanDeserializer;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.deser.impl.ObjectIdReader;
import tools.jackson.databind.deser.impl.ObjectIdValueProperty;
import tools.jackson.databind.deser.jdk.StringArrayDeserializer;
import tools.jackson.databind.deser.jdk.StringCollectionDeserializer;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.jsontype.TypeIdResolver;
import tools.jackson.databind.util.ClassUtil;
import tools.jackson.databind.util.NameTransformer;

/**
 * Builds the {@link Shape} tree for a Java type from the user's {@link ObjectMapper}: the deserializers, creators,
 * property names (naming strategy, {@code @JsonProperty}, {@code @JsonAlias}) and type-id resolvers that Jackson
 * itself would use for the final binding. Anything this binder does not look inside becomes a complete-only
 * {@link ValueShape} read by Jackson.
 *
 * <p>Shapes are cached per Java type and registered before their children are built, so self-referential types
 * terminate. Subtypes of unions are built lazily, on first sight of their type id; all building is synchronized.
 */
public final class ShapeFactory {
    private final ObjectMapper mapper;
    private final DeserializationContext context;
    private final Map<JavaType, Shape> shapes = new HashMap<>();
    private final Map<JavaType, ObjectShape> beans = new HashMap<>();
    private final PropertyShapes propertyShapes;

    /** Creates a factory reading Jackson's configuration from {@code mapper}. */
    public ShapeFactory(ObjectMapper mapper) {
        this.mapper = mapper;
        this.context = mapper._deserializationContext();
        this.propertyShapes = new PropertyShapes(this, context);
    }

    /** Returns the Jackson mapper shapes are built from. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Returns true when the mapper's parser rejects a repeated member name (STRICT_DUPLICATE_DETECTION). */
    boolean rejectsRepeatedKeys() {
        return mapper.isEnabled(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * Returns the member name the mapper writes for the map key {@code key}: the key itself for a string, an enum
     * constant's {@code @JsonProperty} or {@code @JsonValue} name for an enum, and so on.
     */
    public String keyName(Object key) {
        if (key instanceof String text) {
            return text;
        }
        JsonNode written = mapper.valueToTree(Collections.singletonMap(key, 0));
        return written.propertyNames().iterator().next();
    }

    /** Returns a new context for one binding session; Jackson contexts are not thread-safe. */
    DeserializationContext newContext() {
        return mapper._deserializationContext();
    }

    /** Returns the shape of {@code type}, building it on first use. */
    public synchronized Shape shapeFor(JavaType type) {
        Shape shape = shapes.get(type);
        if (shape == null) {
            shape = build(type);
        }
        return shape;
    }

    /**
     * Throws when Jackson can bind no value of {@code type}, or of a value it holds: a property at any depth, an item
     * of a collection, array or map, the content of an {@code Optional}, a union's member that an answer may name.
     * Such a value is an interface or abstract class without type info, with no concrete type mapped to it
     * ({@code @JsonDeserialize(as = ...)}, a module's abstract-type mapping) and no creator or deserializer of its
     * own, which Jackson reads with a deserializer that fails on every value; the schema still asks the model for one.
     * Not when the mapper has problem handlers, which may make one. See {@link UnbindableValues}.
     *
     * @throws IllegalArgumentException naming the type, the path to the value, and the ways to make it bindable
     */
    public synchronized void requireBindable(JavaType type) {
        if (context.getConfig().getProblemHandlers() != null) {
            return;
        }
        UnbindableValues.Found found = UnbindableValues.find(shapeFor(type), this);
        if (found != null) {
            String at = found.path().isEmpty() ? "," : " at " + found.path() + ",";
            Class<?> abstractType = found.type().getRawClass();
            // A sealed type needs the type info alone: its permitted subclasses are the members.
            String remedy = abstractType.isSealed()
                    ? " which is sealed but has no type info; annotate it with"
                            + " @JsonTypeInfo(use = JsonTypeInfo.Id.NAME) (type id in \"@type\") or Id.DEDUCTION"
                    : " which is abstract and has no type info; annotate it with @JsonTypeInfo(use ="
                            + " JsonTypeInfo.Id.NAME) and @JsonSubTypes (or seal it), or name its implementation with"
                            + " @JsonDeserialize(as = ...)";
            throw new IllegalArgumentException("cannot bind " + type.toCanonical() + ": Jackson cannot make a "
                    + abstractType.getName() + at + remedy);
        }
    }

    /**
     * Whether {@code shape} is the shape of its type's own, for a type whose deserializer fails on every value; a
     * property that reads the type with a deserializer of its own has a shape of its own.
     */
    boolean makesNoValue(Shape shape) {
        return shape instanceof ValueShape
                && shapes.get(shape.type()) == shape
                && context.findRootValueDeserializer(shape.type()) instanceof AbstractDeserializer;
    }

    /**
     * Whether Jackson reads {@code property} with a deserializer that fails on every value: the type's, made
     * contextual for the property, unless the property names a deserializer, implementation or type info of its own.
     */
    boolean makesNoValue(ObjectProperty property) {
        return property.jackson.getValueTypeDeserializer() == null
                && property.jackson.getValueDeserializer() instanceof AbstractDeserializer;
    }

    /**
     * Returns the type id of each concrete subtype of the union {@code union}, as Jackson writes it: the members an
     * answer may name (a named one under its first name). Empty when Jackson reports no type handling for it.
     */
    synchronized List<String> memberIds(PolymorphicShape union) {
        DeserializationConfig config = context.getConfig();
        JavaType type = union.type();
        TypeDeserializer typeDeserializer = context.findTypeDeserializer(type);
        if (typeDeserializer == null) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        Set<Class<?>> seen = new HashSet<>();
        for (NamedType subtype : config.getSubtypeResolver()
                .collectAndResolveSubtypesByTypeId(
                        config,
                        context.introspectBeanDescriptionForCreation(type).getClassInfo())) {
            Class<?> raw = subtype.getType();
            // Not an abstract one, which the schema does not offer: Jackson reads it with a deserializer that fails.
            if (type.getRawClass().isAssignableFrom(raw) && ClassUtil.isConcrete(raw) && seen.add(raw)) {
                ids.add(
                        subtype.hasName()
                                ? subtype.getName()
                                : typeDeserializer.getTypeIdResolver().idFromValueAndType(context, null, raw));
            }
        }
        return List.copyOf(ids);
    }

    /** Returns the shape of the bean class {@code raw}, if Jackson binds it as a bean; used to walk values. */
    public synchronized ObjectShape beanShape(Class<?> raw) {
        JavaType type = context.constructType(raw);
        ObjectShape cached = beans.get(type);
        if (cached != null) {
            return cached;
        }
        Shape shape = beanOrValue(type);
        return shape instanceof ObjectShape ? (ObjectShape) shape : null;
    }

    private Shape build(JavaType type) {
        JavaType collection = asRead(type);
        if (collection != type) {
            return register(type, shapeFor(collection));
        }
        Class<?> raw = type.getRawClass();
        if ((raw == String.class || raw == CharSequence.class)
                && ClassUtil.isJacksonStdImpl(context.findRootValueDeserializer(type))) {
            return register(type, new StringShape(type, mapper.readerFor(type)));
        }
        if (raw == Optional.class && type.getReferencedType() != null) {
            OptionalShape shape =
                    register(type, new OptionalShape(type, context.findContextualValueDeserializer(type, null)));
            shape.content(shapeFor(type.getReferencedType()));
            return shape;
        }
        ListShape.Kind kind = collectionKind(type);
        // A concrete class (ArrayList, HashSet, TreeMap) that Jackson fills item by item streams as the List, Set or
        // Map it implements does, copied into that class; so does a Map keyed by an enum, which Jackson reads into an
        // EnumMap.
        ConcreteCopies concrete = null;
        if (kind == null && raw != Map.class) {
            concrete = ConcreteCopies.of(type, context.findRootValueDeserializer(type));
        } else if (raw == Map.class && type.getKeyType().isEnumImplType()) {
            concrete = ConcreteCopies.ofEnums(type, context.findRootValueDeserializer(type));
        }
        if (concrete != null && type.isCollectionLikeType()) {
            kind = Set.class.isAssignableFrom(raw) ? ListShape.Kind.SET : ListShape.Kind.LIST;
        }
        if (kind != null) {
            ObjectReader reader = mapper.readerFor(type);
            // Such an item read with trailing tokens checked: one that Jackson reads only in part (an array of one
            // string) leaves its parser inside the item, and the final binding fails or misreads what follows.
            TextReader stringItems = readsStringItems(context.findRootValueDeserializer(type))
                    ? TextReader.of(reader.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS))
                    : null;
            TextReader items = TextReader.of(reader);
            ListShape shape =
                    register(type, new ListShape(type, kind, items, NullItems.ofItems(items), stringItems, concrete));
            shape.element(shapeFor(type.getContentType()));
            return shape;
        }
        EnumKeys enumKeys = concrete != null && type.isMapLikeType() ? EnumKeys.of(type, context, this::keyName) : null;
        if ((raw == Map.class || concrete != null)
                && (type.getKeyType().getRawClass() == String.class && readsKeysAsWritten(type) || enumKeys != null)) {
            TextReader reader = TextReader.of(mapper.readerFor(type));
            String sample = enumKeys == null ? "k" : enumKeys.sample();
            MapShape shape =
                    register(type, new MapShape(type, reader, NullItems.ofValues(reader, sample), concrete, enumKeys));
            shape.content(shapeFor(type.getContentType()));
            return shape;
        }
        // A String that a deserializer of the mapper's modules reads (trimmed, say) is shown once complete too.
        if (raw.isEnum()
                || raw.isPrimitive()
                || raw.isArray()
                || type.isContainerType()
                || raw == Object.class
                || raw == String.class
                || raw == CharSequence.class) {
            return register(type, valueShape(type));
        }
        TypeDeserializer typeDeserializer = context.findTypeDeserializer(type);
        if (typeDeserializer != null) {
            return register(type, polymorphic(type, typeDeserializer, TextReader.of(mapper.readerFor(type))));
        }
        return register(type, beanOrValue(type));
    }

    /**
     * Returns the type Jackson reads a value of {@code type} as: for {@code Iterable<T>}, which Jackson types as a
     * plain class with no content type, the {@code Collection<T>} its own deserializer reads (into an {@code
     * ArrayList}), so that it is streamed item by item as a {@code List<T>} is; {@code type} itself otherwise, and when
     * a module reads {@code Iterable} with a deserializer of its own.
     */
    JavaType asRead(JavaType type) {
        if (type.getRawClass() != Iterable.class
                || type.isContainerType()
                || !ClassUtil.isJacksonStdImpl(context.findRootValueDeserializer(type))) {
            return type;
        }
        return context.getTypeFactory().constructCollectionType(Collection.class, type.containedTypeOrUnknown(0));
    }

    /**
     * Returns whether Jackson reads the keys of the map {@code type} as written: not when a module registers a key
     * deserializer of its own for {@code String}; such a map is shown once complete, read by Jackson.
     */
    private boolean readsKeysAsWritten(JavaType type) {
        KeyDeserializer keys = context.findKeyDeserializer(type.getKeyType(), null);
        return keys == null || ClassUtil.isJacksonStdImpl(keys);
    }

    /**
     * Returns true for Jackson's deserializers of {@code Collection<String>} and {@code String[]}, which read an item
     * that is not a string otherwise than a lone {@code String} is read (see {@link ListShape}).
     */
    static boolean readsStringItems(Object deserializer) {
        return deserializer instanceof StringCollectionDeserializer || deserializer instanceof StringArrayDeserializer;
    }

    private static ListShape.Kind collectionKind(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (type.isArrayType() && !type.getContentType().isPrimitive()) {
            return ListShape.Kind.ARRAY;
        }
        if (!type.isCollectionLikeType()) {
            return null;
        }
        if (raw == List.class || raw == Collection.class) {
            return ListShape.Kind.LIST;
        }
        return raw == Set.class ? ListShape.Kind.SET : null;
    }

    /**
     * Returns the shape of a union; {@code jackson} reads a complete value as Jackson binds it, with the union's type
     * handling.
     */
    Shape polymorphic(JavaType type, TypeDeserializer typeDeserializer, TextReader jackson) {
        TypeIdResolver ids = typeDeserializer.getTypeIdResolver();
        JsonTypeInfo.As inclusion = typeDeserializer.getTypeInclusion();
        if (ids.getMechanism() == JsonTypeInfo.Id.DEDUCTION || !PolymorphicShape.supports(inclusion)) {
            return new ValueShape(type, mapper.readerFor(type));
        }
        Class<?> fallback = typeDeserializer.getDefaultImpl();
        JavaType defaultImpl = fallback == null ? null : context.constructType(fallback);
        Map<Class<?>, String> names = subtypeNames(type);
        return new PolymorphicShape(
                type,
                inclusion,
                typeDeserializer.getPropertyName(),
                typeIdVisible(type),
                jackson,
                id -> {
                    synchronized (this) {
                        JavaType subtype = id.isEmpty() ? defaultImpl : ids.typeFromId(context, id);
                        return subtype == null ? null : subtype(subtype);
                    }
                },
                value -> {
                    String name = names.get(value.getClass());
                    if (name != null) {
                        return name;
                    }
                    synchronized (this) {
                        return ids.idFromValue(context, value);
                    }
                });
    }

    /**
     * Returns the type id of each subtype of the union {@code type} that has a name of its own ({@code @JsonTypeName},
     * or a name given in {@code @JsonSubTypes}). A deserializer's type id resolver maps ids to types only: asked for
     * the id of a value, it knows names from {@code @JsonTypeName} but not those from {@code @JsonSubTypes}.
     */
    private Map<Class<?>, String> subtypeNames(JavaType type) {
        DeserializationConfig config = context.getConfig();
        Map<Class<?>, String> names = new HashMap<>();
        for (NamedType subtype : config.getSubtypeResolver()
                .collectAndResolveSubtypesByTypeId(
                        config,
                        context.introspectBeanDescriptionForCreation(type).getClassInfo())) {
            if (subtype.hasName()) {
                names.putIfAbsent(subtype.getType(), subtype.getName());
            }
        }
        return Map.copyOf(names);
    }

    /**
     * Returns whether the subtypes of the union {@code type} see its type id property, as
     * {@code @JsonTypeInfo(visible)} says (mix-ins included); false, Jackson's default, when the type information comes
     * from elsewhere.
     */
    private boolean typeIdVisible(JavaType type) {
        DeserializationConfig config = context.getConfig();
        JsonTypeInfo.Value info = config.getAnnotationIntrospector()
                .findPolymorphicTypeInfo(
                        config,
                        context.introspectBeanDescriptionForCreation(type).getClassInfo());
        return info != null && info.getIdVisible();
    }

    /**
     * Returns the shape of a union's subtype, which Jackson reads there with its own deserializer: not with the type
     * handling its own {@code @JsonTypeInfo} gives it elsewhere, so an abstract subtype (a union of its own) is never
     * built, though its subtypes may be under their own ids.
     */
    private Shape subtype(JavaType type) {
        Shape shape = beanOrValue(type);
        if (shape instanceof ObjectShape) {
            return shape;
        }
        TextReader reader = TextReader.of(mapper, type, context.findContextualValueDeserializer(type, null));
        return ValueShape.readBy(type, mapper, reader);
    }

    /**
     * Returns the complete-only shape of {@code type}: a number or boolean that a deserializer of the mapper's modules
     * reads is read by it, never by a fast path.
     */
    private ValueShape valueShape(JavaType type) {
        boolean ownDeserializer = ValueShape.hasFastPath(type.getRawClass())
                && !ClassUtil.isJacksonStdImpl(context.findRootValueDeserializer(type));
        return ownDeserializer
                ? ValueShape.readBy(type, mapper, TextReader.of(mapper.readerFor(type)))
                : new ValueShape(type, mapper.readerFor(type));
    }

    /** Builds an object shape from Jackson's bean deserializer, or a complete-only shape when it is not one. */
    private Shape beanOrValue(JavaType type) {
        ObjectShape cached = beans.get(type);
        if (cached != null) {
            return cached;
        }
        // Not the root deserializer: for a union's subtype that one is wrapped in the type-id handling we do here.
        ValueDeserializer<Object> deserializer = context.findContextualValueDeserializer(type, null);
        ObjectShape shape = emptyBean(type, deserializer);
        if (shape == null) {
            return valueShape(type);
        }
        beans.put(type, shape);
        shapes.putIfAbsent(type, shape);
        BeanDeserializerBase bean = (BeanDeserializerBase) deserializer;
        fillBean(shape, bean, TextReader.of(mapper.readerFor(type)), bean.isCaseInsensitive());
        return shape;
    }

    /**
     * Returns an object shape with no properties yet for {@code deserializer}, or null when it is not a bean
     * deserializer whose objects this binder can build.
     */
    ObjectShape emptyBean(JavaType type, ValueDeserializer<Object> deserializer) {
        if (!(deserializer instanceof BeanDeserializer)) {
            return null;
        }
        ValueInstantiator instantiator = ((BeanDeserializerBase) deserializer).getValueInstantiator();
        boolean withArguments = instantiator.canCreateFromObjectWith()
                && instantiator.getFromObjectArguments(context.getConfig()) != null;
        if (!withArguments && !instantiator.canCreateUsingDefault()) {
            return null;
        }
        return new ObjectShape(type, instantiator, TextReader.of(mapper, type, deserializer));
    }

    /**
     * Gives {@code shape} the properties of {@code bean}; {@code complete} reads a whole object where the shape cannot
     * build it, and {@code creatorCaseInsensitive} says how Jackson's creator matches names.
     */
    void fillBean(ObjectShape shape, BeanDeserializerBase bean, TextReader complete, boolean creatorCaseInsensitive) {
        JavaType type = shape.type;
        ValueInstantiator instantiator = bean.getValueInstantiator();
        DeserializationConfig config = context.getConfig();
        SettableBeanProperty[] creatorArguments =
                instantiator.canCreateFromObjectWith() ? instantiator.getFromObjectArguments(config) : null;
        Map<String, String> javaNames = new HashMap<>();
        Map<String, AnnotatedMember> accessors = new HashMap<>();
        BeanDescription description = context.introspectBeanDescriptionForCreation(type);
        for (BeanPropertyDefinition definition : description.findProperties()) {
            javaNames.put(definition.getName(), definition.getInternalName());
            AnnotatedMember accessor = definition.getAccessor();
            if (accessor != null) {
                accessors.put(definition.getName(), accessor);
            }
        }

        // The creator's arguments include a record component that Jackson ignores (@JsonIgnore, @JsonIgnoreProperties):
        // it gets its absent value, whatever the member says. The deserializer's own creator properties leave it out.
        Set<String> creatorNames = new HashSet<>();
        for (Iterator<SettableBeanProperty> it = bean.creatorProperties(); it.hasNext(); ) {
            creatorNames.add(it.next().getName());
        }
        Set<String> ignoredComponents = new HashSet<>();
        Map<String, SettableBeanProperty> jacksonProperties = new LinkedHashMap<>();
        if (creatorArguments != null) {
            for (SettableBeanProperty argument : creatorArguments) {
                if (creatorNames.contains(argument.getName())) {
                    jacksonProperties.put(argument.getName(), argument);
                } else {
                    ignoredComponents.add(argument.getName());
                }
            }
        }
        for (Iterator<SettableBeanProperty> it = bean.properties(); it.hasNext(); ) {
            SettableBeanProperty property = it.next();
            if (!ignoredComponents.contains(property.getName())) {
                jacksonProperties.putIfAbsent(property.getName(), property);
            }
        }

        boolean caseInsensitive = bean.isCaseInsensitive();
        // Names of the creator's properties, when its case sensitivity is not the other properties' (a property's own
        // @JsonFormat changed theirs): Jackson's creator matches a member before the properties do.
        Map<String, ObjectProperty> creatorMatches =
                creatorArguments != null && creatorCaseInsensitive != caseInsensitive ? new HashMap<>() : null;
        Map<String, ObjectProperty> byName = new HashMap<>();
        List<ObjectProperty> properties = new ArrayList<>();
        // An id Jackson generates (@JsonIdentityInfo without a property of its own) has nothing to set.
        ObjectIdReader ids = bean.getObjectIdReader(context);
        boolean generatedId = ids != null && ids.idProperty == null;
        if (ids != null) {
            shape.referable();
        }
        for (SettableBeanProperty jackson : jacksonProperties.values()) {
            String name = jackson.getName();
            ObjectProperty property = new ObjectProperty(
                    name,
                    javaNames.getOrDefault(name, name),
                    accessors.get(name),
                    propertyShapes.of(jackson),
                    jackson,
                    generatedId && jackson instanceof ObjectIdValueProperty);
            properties.add(property);
            byName.put(key(name, caseInsensitive), property);
            for (PropertyName alias : jackson.findAliases(config)) {
                byName.putIfAbsent(key(alias.getSimpleName(), caseInsensitive), property);
            }
            if (creatorMatches != null && property.creatorIndex >= 0) {
                creatorMatches.put(key(name, creatorCaseInsensitive), property);
                for (PropertyName alias : jackson.findAliases(config)) {
                    creatorMatches.putIfAbsent(key(alias.getSimpleName(), creatorCaseInsensitive), property);
                }
            }
        }
        shape.properties(byName, properties, creatorArguments == null ? 0 : creatorArguments.length, caseInsensitive);
        if (creatorMatches != null) {
            shape.creatorNames(creatorMatches, creatorCaseInsensitive);
        }
        if (bean instanceof BeanDeserializer plain) {
            shape.ignorals(UnknownMembers.of(plain, config));
        }
        List<UnwrappedValue> unwrapped = unwrappedValues(description);
        shape.unwrappedValues(unwrapped);
        boolean takesOtherMembers = bean.hasAnySetter() || !unwrapped.isEmpty() || unwrapsThroughSetter(description);
        // A bean other than a record hands a creator property that only the other properties match to a setter after
        // it is built: not mirrored either.
        boolean creatorNamesDiffer = creatorMatches != null && !type.isRecordType();
        if (takesOtherMembers
                || hasSetterless(properties)
                || !ignoredComponents.isEmpty()
                || creatorNamesDiffer
                || injects(description, creatorArguments)) {
            // Jackson hands the members no property takes to an any-setter or an unwrapped value, fills a collection
            // through its getter, merges a value into the initial one (@JsonMerge), gives an ignored record component
            // its absent value (which the mapper's null handling, FAIL_ON_NULL_CREATOR_PROPERTIES or
            // FAIL_ON_NULL_FOR_PRIMITIVES decide), and sets @JacksonInject values from the mapper: not mirrored here,
            // the complete object is read with Jackson instead.
            shape.readCompleteWith(complete);
        } else {
            shape.rejectUnknownMembers(UnknownMembers.of((BeanDeserializer) bean, config));
        }
    }

    /** Returns whether Jackson injects values into the bean ({@code @JacksonInject}), its creator's included. */
    private static boolean injects(BeanDescription description, SettableBeanProperty[] creatorArguments) {
        Map<Object, AnnotatedMember> injectables = description.findInjectables(); // null when there are none
        if (injectables != null && !injectables.isEmpty()) {
            return true;
        }
        if (creatorArguments != null) {
            for (SettableBeanProperty argument : creatorArguments) {
                if (argument.getInjectableValueId() != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasSetterless(List<ObjectProperty> properties) {
        for (ObjectProperty property : properties) {
            if (!property.settable) {
                return true;
            }
        }
        return false;
    }

    /** Returns the type's {@code @JsonUnwrapped} properties, each with the names its value's members are written by. */
    private List<UnwrappedValue> unwrappedValues(BeanDescription description) {
        DeserializationConfig config = context.getConfig();
        List<UnwrappedValue> found = new ArrayList<>(0);
        for (BeanPropertyDefinition definition : description.findProperties()) {
            AnnotatedMember member = definition.getPrimaryMember();
            NameTransformer names = member == null
                    ? null
                    : config.getAnnotationIntrospector().findUnwrappingNameTransformer(config, member);
            AnnotatedMember accessor = definition.getAccessor();
            if (names != null && accessor != null) {
                found.add(new UnwrappedValue(accessor, names, beanOrValue(definition.getPrimaryType())));
            }
        }
        return found;
    }

    /**
     * Returns whether a {@code @JsonUnwrapped} property has no field or getter, only a setter: Jackson still reads its
     * value from the other members, though validation cannot look inside it ({@link #unwrappedValues} leaves it out).
     */
    private boolean unwrapsThroughSetter(BeanDescription description) {
        DeserializationConfig config = context.getConfig();
        for (BeanPropertyDefinition definition : description.findProperties()) {
            AnnotatedMember member = definition.getPrimaryMember();
            if (member != null
                    && definition.getAccessor() == null
                    && config.getAnnotationIntrospector().findUnwrappingNameTransformer(config, member) != null) {
                return true;
            }
        }
        return false;
    }

    private static String key(String name, boolean caseInsensitive) {
        return caseInsensitive ? name.toLowerCase(Locale.ROOT) : name;
    }

    private <S extends Shape> S register(JavaType type, S shape) {
        shapes.put(type, shape);
        return shape;
    }
}
