package dev.instructor.internal.binding;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JavaType;

/**
 * What Jackson makes of a JSON {@code null} item of a collection, array or map type, or of an item its deserializer
 * reads as null ({@code "null"} for an {@code Integer}), when that is not a plain {@code null}: it rejects it (an
 * {@code EnumSet} cannot hold one), skips it, or puts another value in its place (the mapper's default content null
 * handling or a property's {@code @JsonSetter(contentNulls = ...)}: {@code Nulls.SKIP} or {@code Nulls.AS_EMPTY}).
 * Jackson keeps this in its container deserializers' protected fields, so it is asked by binding a document of one
 * null item, once per type or property (and once per such item when the value in its place is mutable, as each item
 * gets its own).
 */
final class NullItems {
    private static final Object SKIPPED = new Object();
    private static final Object REJECTED = new Object();

    /** The value in place of a null item, or {@link #SKIPPED} or {@link #REJECTED}. */
    private final Object replacement;
    /** Binds the one-null document again, for a replacement that must not be shared; {@code null} otherwise. */
    private final Supplier<Object> fresh;

    private NullItems(Object replacement, Supplier<Object> fresh) {
        this.replacement = replacement;
        this.fresh = fresh;
    }

    /** Returns how a list, set or array type binds a null item, or {@code null} when as a plain {@code null}. */
    static NullItems ofItems(TextReader reader) {
        Supplier<Object> item = () -> {
            Object probe = probe(reader, "[null]");
            if (probe instanceof Collection<?> items) {
                return items.isEmpty() ? SKIPPED : items.iterator().next();
            }
            if (probe != null && probe.getClass().isArray()) {
                return Array.getLength(probe) == 0 ? SKIPPED : Array.get(probe, 0);
            }
            return probe == REJECTED ? REJECTED : null;
        };
        return of(item);
    }

    /**
     * Returns how a map type binds a null value, or {@code null} when as a plain {@code null}; {@code key} is a member
     * name Jackson reads as a key of the map.
     */
    static NullItems ofValues(TextReader reader, String key) {
        Supplier<Object> value = () -> {
            Object probe = probe(
                    reader, "{\"" + new String(JsonStringEncoder.getInstance().quoteAsCharArray(key)) + "\":null}");
            if (probe instanceof Map<?, ?> map) {
                return map.isEmpty() ? SKIPPED : map.values().iterator().next();
            }
            return probe == REJECTED ? REJECTED : null;
        };
        return of(value);
    }

    private static NullItems of(Supplier<Object> item) {
        Object replacement = item.get();
        if (replacement == null) {
            return null;
        }
        return new NullItems(replacement, isShareable(replacement) ? null : item);
    }

    private static boolean isShareable(Object value) {
        return value == SKIPPED
                || value == REJECTED
                || value instanceof String
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Character
                || value instanceof Enum
                || value instanceof Optional<?> optional && optional.isEmpty();
    }

    private static Object probe(TextReader reader, String json) {
        try {
            return reader.read(json);
        } catch (JacksonException e) {
            return REJECTED;
        } catch (RuntimeException e) {
            return null; // not Jackson's answer: keep a plain null
        }
    }

    /** Returns true when Jackson leaves null items out. */
    boolean skips() {
        return replacement == SKIPPED;
    }

    /**
     * Returns the value Jackson puts in place of a null item.
     *
     * @throws SkipPartial when Jackson rejects a null item
     */
    Object item(JavaType type) {
        if (replacement == REJECTED) {
            throw new SkipPartial("a null item in " + type.toCanonical() + ", which Jackson rejects");
        }
        return fresh == null ? replacement : fresh.get();
    }
}
