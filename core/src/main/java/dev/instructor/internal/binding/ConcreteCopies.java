package dev.instructor.internal.binding;

import java.util.Collection;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.jdk.CollectionDeserializer;
import tools.jackson.databind.deser.jdk.MapDeserializer;
import tools.jackson.databind.deser.jdk.StringCollectionDeserializer;

/**
 * The concrete class of a collection or map property ({@code ArrayList}, {@code LinkedList}, {@code HashSet},
 * {@code TreeMap}, a class of the user's own extending one), made as Jackson makes it (with its value instantiator,
 * which also gives {@code SortedSet} a {@code TreeSet}) and filled with a partial's items as Jackson fills it, one
 * {@code add} or {@code put} at a time.
 *
 * <p>Such an instance cannot share its items with the next partial's, as a {@link PrefixList} view does, and it is
 * mutable: each partial in which the collection changed gets a copy, O(items) (O(items log items) for a sorted one),
 * while a partial in which nothing in it changed gets the very instance of the partial before (see {@link Memo}).
 */
final class ConcreteCopies {
    private final JavaType type;
    private final ValueInstantiator instantiator;

    private ConcreteCopies(JavaType type, ValueInstantiator instantiator) {
        this.type = type;
        this.instantiator = instantiator;
    }

    /**
     * Returns the copies of {@code type}, read by {@code deserializer}, or null when that is not one of Jackson's own
     * deserializers that fill a new instance item by item (an {@code EnumSet}, a module's deserializer, a class with no
     * default constructor are read whole once complete).
     */
    static ConcreteCopies of(JavaType type, ValueDeserializer<?> deserializer) {
        Class<?> reads = deserializer.getClass();
        boolean fills = type.isCollectionLikeType()
                        && (reads == CollectionDeserializer.class || reads == StringCollectionDeserializer.class)
                || type.isMapLikeType() && reads == MapDeserializer.class;
        if (!fills) {
            return null;
        }
        ValueInstantiator instantiator = ((ValueInstantiator.Gettable) deserializer).getValueInstantiator();
        return instantiator != null && instantiator.canCreateUsingDefault()
                ? new ConcreteCopies(type, instantiator)
                : null;
    }

    /** What a list, set or map position was copied into last, with what it held then. */
    static final class Memo {
        private Object copy;
        private int count = -1;
        private Object last;
        private String lastKey;
    }

    /**
     * Returns a new collection holding the first {@code count} of {@code items}, then {@code last} unless it is
     * {@link Shape#ABSENT}; the copy {@code memo} holds when it was made of the same.
     *
     * @throws SkipPartial when the collection rejects a completed item, as it will in the final binding
     */
    @SuppressWarnings("unchecked")
    Object collection(Memo memo, Object[] items, int count, Object last, DeserializationContext context) {
        if (memo.copy != null && memo.count == count && memo.last == last) {
            return memo.copy;
        }
        Collection<Object> copy = (Collection<Object>) create(context);
        for (int i = 0; i < count; i++) {
            try {
                copy.add(items[i]);
            } catch (RuntimeException e) {
                throw new SkipPartial("cannot add item " + i + " to a " + type.toCanonical() + ": " + e);
            }
        }
        if (last != Shape.ABSENT) {
            try {
                copy.add(last);
            } catch (RuntimeException e) {
                // The item being written (a partial one a sorted set cannot compare yet) is left out until complete.
            }
        }
        return remember(memo, copy, count, null, last);
    }

    /**
     * Returns a new map holding the first {@code count} entries of {@code keys} and {@code values}, then
     * {@code lastKey} with {@code lastValue} unless the key is null; the copy {@code memo} holds when it was made of the same.
     *
     * @throws SkipPartial when the map rejects a completed entry, as it will in the final binding
     */
    @SuppressWarnings("unchecked")
    Object map(
            Memo memo,
            String[] keys,
            Object[] values,
            int count,
            String lastKey,
            Object lastValue,
            DeserializationContext context) {
        if (memo.copy != null && memo.count == count && memo.lastKey == lastKey && memo.last == lastValue) {
            return memo.copy;
        }
        Map<String, Object> copy = (Map<String, Object>) create(context);
        for (int i = 0; i < count; i++) {
            put(copy, keys[i], values[i]);
        }
        if (lastKey != null) {
            try {
                copy.put(lastKey, lastValue);
            } catch (RuntimeException e) {
                // Left out until complete, as an open item a collection rejects.
            }
        }
        return remember(memo, copy, count, lastKey, lastValue);
    }

    /** Returns a new map holding the entries of {@code entries}, a map made otherwise. */
    @SuppressWarnings("unchecked")
    Object map(Map<String, ?> entries, DeserializationContext context) {
        Map<String, Object> copy = (Map<String, Object>) create(context);
        for (Map.Entry<String, ?> entry : entries.entrySet()) {
            put(copy, entry.getKey(), entry.getValue());
        }
        return copy;
    }

    private void put(Map<String, Object> copy, String key, Object value) {
        try {
            copy.put(key, value);
        } catch (RuntimeException e) {
            throw new SkipPartial("cannot put \"" + key + "\" into a " + type.toCanonical() + ": " + e);
        }
    }

    private static Object remember(Memo memo, Object copy, int count, String lastKey, Object last) {
        memo.copy = copy;
        memo.count = count;
        memo.lastKey = lastKey;
        memo.last = last;
        return copy;
    }

    private Object create(DeserializationContext context) {
        try {
            return instantiator.createUsingDefault(context);
        } catch (JacksonException e) {
            throw new SkipPartial("cannot create a " + type.toCanonical() + ": " + e.getOriginalMessage());
        }
    }
}
