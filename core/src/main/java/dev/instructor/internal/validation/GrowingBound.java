package dev.instructor.internal.validation;

import dev.instructor.internal.binding.ListShape;
import dev.instructor.internal.binding.MapShape;
import dev.instructor.internal.binding.OptionalShape;
import dev.instructor.internal.binding.Shape;
import dev.instructor.internal.binding.ShapeFactory;
import dev.instructor.internal.binding.StringShape;
import dev.instructor.json.JsonType;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialString;
import dev.instructor.json.PartialValue;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.validator.constraints.Length;
import tools.jackson.databind.JavaType;

/**
 * How an open value held by a property with a size upper bound is measured. Only a node of the kind the property's
 * type binds is measured (a string for text, an array for a list or an array, an object for a map, also inside an
 * {@code Optional} whose constraints are unwrapped), and it is handed to Bean Validation as a value of the declared
 * type: Hibernate picks the constraint's validator, or value extractor, by the declared type, and throws on a value of
 * another kind. A set is not measured while open, since repeated items collapse in it, nor a list that skips null
 * items. An array of primitives, which Jackson reads whole, is measured as a list is.
 */
final class GrowingBound {
    /** The constraints whose {@code max} an open string, list or map is measured against. */
    static final Set<Class<? extends Annotation>> KINDS = Set.of(Size.class, Length.class);

    private static final GrowingBound NONE = new GrowingBound(-1, JsonType.NULL, null, false);

    private final int max;
    private final JsonType measured;
    /** The component type of an array property, whose value must be an array of it; null for any other. */
    private final Class<?> component;

    private final boolean optional;

    private GrowingBound(int max, JsonType measured, Class<?> component, boolean optional) {
        this.max = max;
        this.measured = measured;
        this.component = component;
        this.optional = optional;
    }

    /** Returns how an open value bound by {@code shape}, from {@code factory}, is measured against {@code max}. */
    static GrowingBound of(Shape shape, int max, ShapeFactory factory) {
        boolean optional = shape instanceof OptionalShape;
        Shape content = optional ? ((OptionalShape) shape).content() : shape;
        if (max < 0) {
            return NONE;
        }
        if (content instanceof StringShape) {
            return new GrowingBound(max, JsonType.STRING, null, optional);
        }
        JavaType type = content.type();
        if (content instanceof MapShape map) {
            // Each key counted once, as the map holds it (the parser shows a repeated key once); measured as a
            // LinkedHashMap, so only a property declared as one of its supertypes, of a kind Bean Validation takes such
            // a value for, and not when Jackson leaves null values out or may read two keys as one enum constant.
            return type.getRawClass().isAssignableFrom(LinkedHashMap.class)
                            && !map.skipsNullValues()
                            && map.keysAsWritten()
                    ? new GrowingBound(max, JsonType.OBJECT, null, optional)
                    : NONE;
        }
        if (type.isArrayType() && type.getContentType().isPrimitive()) {
            // Read whole by Jackson (int[]), one item per item written: not with a deserializer of the property's own,
            // nor one made for its null handling (a content null skipped makes a contextual deserializer).
            return factory.shapeFor(type) == content
                    ? new GrowingBound(
                            max, JsonType.ARRAY, type.getContentType().getRawClass(), optional)
                    : NONE;
        }
        // A set collapses repeated items, and a list whose null items Jackson skips may hold fewer items than written:
        // either is measured only once complete.
        if (!(content instanceof ListShape list)
                || Set.class.isAssignableFrom(type.getRawClass())
                || list.skipsNullItems()) {
            return NONE;
        }
        Class<?> component = type.isArrayType() ? type.getContentType().getRawClass() : null;
        return new GrowingBound(max, JsonType.ARRAY, component, optional);
    }

    /** Returns the bound for an open node of kind {@code type}, or -1 when such a node is not measured. */
    int max(JsonType type) {
        return type == measured ? max : -1;
    }

    /** Returns what Bean Validation measures in an open node of {@code size} chars or items: its rejected value. */
    Object measured(PartialValue node, int size) {
        if (measured == JsonType.STRING) {
            return ((PartialString) node).value();
        }
        if (measured == JsonType.OBJECT) {
            // The keys written so far; their values, some still open, are not what the bound is about.
            PartialObject object = (PartialObject) node;
            Map<String, Object> entries = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                entries.put(object.keyAt(i), null);
            }
            return entries;
        }
        return component != null ? Array.newInstance(component, size) : Collections.nCopies(size, null);
    }

    /** Returns {@code measured} as a value of the property's declared type. */
    Object declared(Object measured) {
        return optional ? Optional.of(measured) : measured;
    }
}
