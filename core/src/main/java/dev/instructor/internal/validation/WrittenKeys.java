package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.binding.MapShape;
import dev.instructor.internal.binding.Shape;
import dev.instructor.internal.binding.ShapeFactory;
import dev.instructor.internal.binding.ValueShape;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.JsonType;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.KeyDeserializer;

/**
 * Puts the map keys the model wrote into violation paths. Validation names an entry of a map whose keys are not text
 * ({@code Map<Colour, Idea>}, {@code Map<Integer, Idea>}, {@code Map<UUID, Idea>}) by its Java key as the mapper writes
 * it back ({@link ShapeFactory#keyName}), and the model may have written another key that Jackson reads as the same
 * one: {@code "red"} for {@code RED} under {@code ACCEPT_CASE_INSENSITIVE_ENUMS}, {@code "007"} for {@code 7}, an id in
 * capitals. Such a segment, absent from the object as written, is replaced by the written key Jackson reads as the same
 * key.
 *
 * <p>Only reported violations are rewritten, so binding never pays for it.
 */
public final class WrittenKeys {
    private WrittenKeys() {}

    /**
     * Returns {@code violations} with the map keys of their paths, from segment {@code from} on, as the document writes
     * them.
     *
     * @param node the document's value at the paths' first {@code from} segments, or null when it is not known
     * @param shape the shape {@code node} is bound by
     */
    public static List<Violation> rename(
            List<Violation> violations, int from, PartialValue node, Shape shape, ShapeFactory factory) {
        if (node == null || shape == null) {
            return violations;
        }
        List<Violation> out = null;
        for (int i = 0; i < violations.size(); i++) {
            Violation violation = violations.get(i);
            JsonPointer path = rename(violation.path(), from, node, shape, factory);
            if (path != violation.path() && out == null) {
                out = new ArrayList<>(violations.subList(0, i));
            }
            if (out != null) {
                out.add(
                        path == violation.path()
                                ? violation
                                : new Violation(path, violation.message(), violation.rejectedValue()));
            }
        }
        return out == null ? violations : out;
    }

    private static JsonPointer rename(
            JsonPointer path, int from, PartialValue node, Shape shape, ShapeFactory factory) {
        List<String> segments = path.segments();
        List<String> renamed = null;
        PartialValue value = node;
        Shape type = shape;
        for (int i = from; i < segments.size() && value != null && type != null; i++) {
            String segment = segments.get(i);
            Shape resolved = type.resolve(value);
            JavaType javaType = resolved.type();
            boolean keysRead = resolved instanceof ValueShape && javaType.isMapLikeType()
                    || resolved instanceof MapShape map && !map.keysAsWritten();
            if (keysRead && value.type() == JsonType.OBJECT) {
                // A map the binding reads whole (its values' shapes are those of its content type), or one keyed by
                // an enum.
                PartialObject object = (PartialObject) value;
                String written = object.get(segment) != null
                        ? segment
                        : writtenKey(object, javaType.getKeyType(), segment, factory);
                if (written == null) {
                    break;
                }
                if (!written.equals(segment)) {
                    if (renamed == null) {
                        renamed = new ArrayList<>(segments);
                    }
                    renamed.set(i, written);
                }
                type = resolved instanceof MapShape map ? map.content() : factory.shapeFor(javaType.getContentType());
                value = object.get(written);
            } else if (resolved instanceof ValueShape && (javaType.isCollectionLikeType() || javaType.isArrayType())) {
                type = factory.shapeFor(javaType.getContentType());
                value = Shape.childValue(value, segment);
            } else {
                type = type.child(value, segment);
                value = Shape.childValue(value, segment);
            }
        }
        return renamed == null ? path : JsonPointer.of(renamed);
    }

    /** The key of {@code object} that Jackson reads as the key the mapper writes as {@code segment}, or null. */
    private static String writtenKey(PartialObject object, JavaType keyType, String segment, ShapeFactory factory) {
        DeserializationContext context = factory.mapper()._deserializationContext();
        KeyDeserializer keys;
        try {
            keys = context.findKeyDeserializer(keyType, null);
        } catch (JacksonException e) {
            return null;
        }
        for (int i = 0, n = object.size(); i < n; i++) {
            String key = object.keyAt(i);
            try {
                Object read = keys.deserializeKey(key, context);
                if (read != null && factory.keyName(read).equals(segment)) {
                    return key;
                }
            } catch (JacksonException | IllegalArgumentException e) {
                // Not a key of this map: Jackson would have rejected the document.
            }
        }
        return null;
    }
}
