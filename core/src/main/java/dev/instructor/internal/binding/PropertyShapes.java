package dev.instructor.internal.binding;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.deser.std.ContainerDeserializerBase;
import tools.jackson.databind.deser.std.ReferenceTypeDeserializer;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.util.ClassUtil;

/**
 * The shape of a property whose annotations change how Jackson reads the collection, map, bean or {@code Optional}
 * it holds. Jackson makes the deserializer of such a value contextual for the property, and so the deserializers of
 * its items (and of an {@code Optional}'s value) at any depth: {@code @JsonSetter(contentNulls = ...)} and
 * {@code @JsonFormat(with = ACCEPT_SINGLE_VALUE_AS_ARRAY)} change how a collection or map reads a null item or a
 * lone value, {@code @JsonFormat(with =
 * ACCEPT_CASE_INSENSITIVE_VALUES)} how its enum items are read, {@code @JsonFormat(with =
 * ACCEPT_CASE_INSENSITIVE_PROPERTIES)} or {@code @JsonIgnoreProperties} which members its beans take. Such a
 * property gets shapes of its own, reading with those deserializers, as does one whose own deserializer reads a
 * single value ({@code @JsonFormat(pattern = ...)}, {@code @JsonDeserialize(using = ...)}, on a collection or map
 * too), whose collection's items
 * or {@code Optional}'s value it reads ({@code @JsonDeserialize(contentUsing = ...)}), or whose own
 * {@code @JsonTypeInfo} makes it a union; every other property shares its type's shape. Decided once, as the
 * property's shape is built. Used by its {@link ShapeFactory} only, under the factory's lock.
 */
final class PropertyShapes {
    private final ShapeFactory factory;
    private final ObjectMapper mapper;
    private final DeserializationContext context;
    private final Map<OwnBean, Shape> ownBeans = new HashMap<>();

    PropertyShapes(ShapeFactory factory, DeserializationContext context) {
        this.factory = factory;
        this.mapper = factory.mapper();
        this.context = context;
    }

    /** Returns the shape of {@code property}'s value: its type's shape unless Jackson reads it otherwise. */
    Shape of(SettableBeanProperty property) {
        TypeDeserializer typeDeserializer = property.getValueTypeDeserializer();
        JavaType type = factory.asRead(property.getType());
        ValueDeserializer<Object> deserializer = property.getValueDeserializer();
        if (typeDeserializer != null && context.findTypeDeserializer(type) == null) {
            // Property-level @JsonTypeInfo: not cached by type, since another property may declare it differently.
            return factory.polymorphic(type, typeDeserializer, TextReader.of(mapper, deserializer, typeDeserializer));
        }
        Shape shape = factory.shapeFor(type);
        if (shape instanceof MapShape && hasKeyDeserializer(property)) {
            // @JsonDeserialize(keyUsing = ...): Jackson reads the keys otherwise than written; shown once complete.
            return ValueShape.ofProperty(type, mapper, deserializer);
        }
        if (shape instanceof ValueShape || shape instanceof StringShape) {
            // The property's annotations (@JsonFormat, @JsonDeserialize(using = ...)) made Jackson a
            // deserializer of its own.
            return deserializer != null && deserializer != typeOwn(type)
                    ? ownValue(type, deserializer, typeDeserializer)
                    : shape;
        }
        if ((shape instanceof ListShape || shape instanceof MapShape)
                && deserializer != null
                && !ClassUtil.isJacksonStdImpl(deserializer)) {
            // @JsonDeserialize(using = ...) on a collection or map: Jackson reads it whole with that deserializer.
            return ownValue(type, deserializer, typeDeserializer);
        }
        Shape contentRead = contentDeserialized(type, shape, property, deserializer);
        if (contentRead != null) {
            return contentRead;
        }
        return contextual(type, shape, property, deserializer, hasOwnSettings(property));
    }

    /**
     * Returns the shape of a collection or map whose items the property's {@code @JsonDeserialize(contentUsing =
     * ...)} reads, each item once complete, with the content deserializer Jackson made for the property, or of an
     * {@code Optional} whose value it reads; null for any other property. The annotation applies to the property's own
     * items only, not to deeper levels.
     */
    private Shape contentDeserialized(
            JavaType type, Shape shared, SettableBeanProperty property, ValueDeserializer<Object> deserializer) {
        boolean holdsContent =
                shared instanceof ListShape || shared instanceof MapShape || shared instanceof OptionalShape;
        if (!holdsContent || !hasContentDeserializer(property)) {
            return null;
        }
        if (shared instanceof OptionalShape) {
            return deserializer instanceof ReferenceTypeDeserializer<?>
                    ? optionalContentDeserialized(type, deserializer)
                    : null;
        }
        if (!(deserializer instanceof ContainerDeserializerBase<?> container)) {
            return null;
        }
        // Jackson reads an item of a union with the content deserializer's deserializeWithType: by default the type id
        // picks the subtype's own deserializer, and the content deserializer's deserialize is never called.
        JavaType content = type.getContentType();
        TypeDeserializer types =
                content.getTypeHandler() instanceof TypeDeserializer own ? own : context.findTypeDeserializer(content);
        Shape items = ownValue(content, container.getContentDeserializer(), types);
        TextReader reader = TextReader.of(mapper, type, deserializer);
        if (shared instanceof ListShape list) {
            TextReader stringItems =
                    ShapeFactory.readsStringItems(deserializer) ? TextReader.whole(mapper, type, deserializer) : null;
            return list.reading(reader, NullItems.ofItems(reader), stringItems, items);
        }
        MapShape map = (MapShape) shared;
        return map.reading(reader, NullItems.ofValues(reader, map.sampleName()), items);
    }

    /**
     * Returns the shape of an {@code Optional} whose value the property's content deserializer reads: the whole value,
     * as Jackson hands it over (a list, not its items). The value is shown once complete, read with the property's
     * deserializer of the {@code Optional}, which holds that content deserializer and does not expose it.
     */
    private Shape optionalContentDeserialized(JavaType type, ValueDeserializer<Object> deserializer) {
        TextReader optional = TextReader.of(mapper, type, deserializer);
        TextReader value = json -> optional.read(json) instanceof Optional<?> read ? read.orElse(null) : null;
        OptionalShape shape = new OptionalShape(type, deserializer);
        shape.content(ValueShape.readBy(type.getReferencedType(), mapper, value));
        return shape;
    }

    private boolean hasKeyDeserializer(SettableBeanProperty property) {
        return context.getAnnotationIntrospector().findKeyDeserializer(context.getConfig(), property.getMember())
                != null;
    }

    private boolean hasContentDeserializer(SettableBeanProperty property) {
        return context.getAnnotationIntrospector().findContentDeserializer(context.getConfig(), property.getMember())
                != null;
    }

    /**
     * Returns true when the property's annotations give its collections and maps their own null handling or format:
     * then every level of them reads as the property says. A container deserializer is a new instance for every
     * property, so its identity tells nothing; these settings are what Jackson reads from the property.
     */
    private boolean hasOwnSettings(SettableBeanProperty property) {
        Nulls contentNulls = property.getMetadata().getContentNulls();
        if (contentNulls != null && contentNulls != Nulls.DEFAULT) {
            return true;
        }
        DeserializationConfig config = context.getConfig();
        Class<?> raw = property.getType().getRawClass();
        JsonFormat.Value format = property.findPropertyFormat(config, raw);
        return format != null && !format.equals(config.getDefaultPropertyFormat(raw));
    }

    /**
     * Returns the shape of a value of {@code type} that Jackson reads for {@code property} with {@code deserializer}:
     * {@code shared} when that reads it as the type's own deserializer does.
     */
    private Shape contextual(
            JavaType type,
            Shape shared,
            SettableBeanProperty property,
            ValueDeserializer<Object> deserializer,
            boolean ownSettings) {
        if (shared instanceof ObjectShape) {
            // A bean deserializer stays the same instance unless the property changes it.
            return deserializer == typeOwn(type) ? shared : ownBean(type, property, deserializer);
        }
        if (shared instanceof ListShape list) {
            Shape element = items(type.getContentType(), list.element(), property, ownSettings);
            if (element == list.element() && !ownSettings) {
                return shared;
            }
            TextReader reader = TextReader.of(mapper, type, deserializer);
            TextReader stringItems =
                    ShapeFactory.readsStringItems(deserializer) ? TextReader.whole(mapper, type, deserializer) : null;
            return list.reading(reader, NullItems.ofItems(reader), stringItems, element);
        }
        if (shared instanceof MapShape map) {
            Shape content = items(type.getContentType(), map.content(), property, ownSettings);
            if (content == map.content() && !ownSettings) {
                return shared;
            }
            TextReader reader = TextReader.of(mapper, type, deserializer);
            return map.reading(reader, NullItems.ofValues(reader, map.sampleName()), content);
        }
        if (shared instanceof OptionalShape optional) {
            // Jackson reads the wrapped value with a deserializer made for the property too.
            Shape content = items(type.getReferencedType(), optional.content(), property, ownSettings);
            if (content == optional.content()) {
                return shared;
            }
            OptionalShape shape = new OptionalShape(type, deserializer);
            shape.content(content);
            return shape;
        }
        if (ownSettings && (shared instanceof ValueShape || shared instanceof StringShape)) {
            // An item of a collection the property's format applies to (an enum read in any case, a date pattern).
            return deserializer == typeOwn(type)
                    ? shared
                    : ownValue(type, deserializer, context.findTypeDeserializer(type));
        }
        return shared;
    }

    /**
     * Returns the shape of a value read once complete with a deserializer made for the property, and with
     * {@code types}, the type handling of a union read whole ({@code Id.DEDUCTION}), if any: the deserializer alone
     * reads a subtype's members only, once the type handling has picked the subtype.
     */
    private ValueShape ownValue(JavaType type, ValueDeserializer<Object> deserializer, TypeDeserializer types) {
        return types != null
                ? ValueShape.readBy(type, mapper, TextReader.of(mapper, deserializer, types))
                : ValueShape.ofProperty(type, mapper, deserializer);
    }

    /** Returns the shape of the items of a collection or map, or of an Optional's value, read for the property. */
    private Shape items(JavaType type, Shape shared, SettableBeanProperty property, boolean ownSettings) {
        return contextual(type, shared, property, context.findContextualValueDeserializer(type, property), ownSettings);
    }

    /**
     * Returns the shape of a bean that Jackson reads for {@code property} with {@code deserializer}, made for it (by
     * the property's {@code @JsonFormat} or {@code @JsonIgnoreProperties}, which also apply to the beans of its
     * collections); a complete-only shape when that is no bean deserializer ({@code JsonFormat.Shape.ARRAY}). Built
     * once per property and type, which also ends the recursion of a type that holds itself through such a property.
     */
    private Shape ownBean(JavaType type, SettableBeanProperty property, ValueDeserializer<Object> deserializer) {
        OwnBean key = new OwnBean(property, type);
        Shape known = ownBeans.get(key);
        if (known != null) {
            return known;
        }
        ObjectShape shape = factory.emptyBean(type, deserializer);
        if (shape == null) {
            Shape value = ValueShape.ofProperty(type, mapper, deserializer);
            ownBeans.put(key, value);
            return value;
        }
        ownBeans.put(key, shape);
        // The property's deserializer is a contextual copy of the type's and keeps the type's creator, which matches
        // names as the type's own deserializer does.
        boolean creatorCaseInsensitive = typeOwn(type) instanceof BeanDeserializerBase base && base.isCaseInsensitive();
        BeanDeserializerBase bean = (BeanDeserializerBase) deserializer;
        factory.fillBean(shape, bean, TextReader.of(mapper, type, deserializer), creatorCaseInsensitive);
        return shape;
    }

    /** A property and the type of a bean it holds, at any depth of its collections. */
    private record OwnBean(SettableBeanProperty property, JavaType type) {}

    private ValueDeserializer<Object> typeOwn(JavaType type) {
        return context.findContextualValueDeserializer(type, null);
    }
}
