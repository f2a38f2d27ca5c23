package dev.instructor.internal.binding;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.jdk.CollectionDeserializer;
import tools.jackson.databind.deser.jdk.EnumMapDeserializer;
import tools.jackson.databind.deser.jdk.EnumSetDeserializer;
import tools.jackson.databind.deser.jdk.MapDeserializer;
import tools.jackson.databind.deser.jdk.StringCollectionDeserializer;

/**
 * The concrete class of a collection or map property ({@code ArrayList}, {@code LinkedList}, {@code HashSet},
 * {@code TreeMap}, a class of the user's own extending one), made as Jackson makes it (with its value instantiator,
 * which also gives {@code SortedSet} a {@code TreeSet}) and filled with a partial's items as Jackson fills it, one
 * {@code add} or {@code put} at a time.
 *
 * <p>Such an instance cannot share its items with the next partial's, as a {@link PrefixList} view does, and it is
 * mutable: each partial in which the collection changed gets a copy, O(items), while a partial in which nothing in it
 * changed gets the very instance of the partial before (see {@link Memo}). The JDK's {@code ArrayList},
 * {@code LinkedList}, {@code ArrayDeque}, {@code TreeSet} and {@code TreeMap} are copied by {@code clone()} from a
 * private instance that holds the completed items (each added once, as it completes): an array copy, or a sorted
 * tree built in O(items) rather than O(items log items) by one insertion per item. A hashed class is filled afresh,
 * in written order, so that it iterates in the order Jackson's own instance does (a clone sizes its table otherwise).
 * An {@code EnumSet} is cloned too, in O(1) for up to 64 constants, and so is an {@code EnumMap}, which Jackson also
 * makes for a {@code Map} keyed by an enum, in O(constants).
 */
final class ConcreteCopies {
    private static final Set<Class<?>> CLONED =
            Set.of(ArrayList.class, LinkedList.class, ArrayDeque.class, TreeSet.class, TreeMap.class);

    private final JavaType type;
    private final ValueInstantiator instantiator;
    /** Whether copies are clones of a private instance of the completed items (a class in {@link #CLONED}). */
    private final boolean clones;
    /** The enum of an {@code EnumSet}'s items or an {@code EnumMap}'s keys, made without an instantiator; or null. */
    @SuppressWarnings("rawtypes")
    private final Class<? extends Enum> enumType;

    private ConcreteCopies(JavaType type, ValueInstantiator instantiator) {
        this.type = type;
        this.instantiator = instantiator;
        this.clones = CLONED.contains(instantiator.getValueClass());
        this.enumType = null;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private ConcreteCopies(JavaType type, Class<?> enumType) {
        this.type = type;
        this.instantiator = null;
        this.clones = true; // an EnumSet clones in O(1), an EnumMap in O(constants)
        this.enumType = (Class<? extends Enum>) enumType;
    }

    /**
     * Returns the copies of {@code type}, read by {@code deserializer}, or null when that is not one of Jackson's own
     * deserializers that fill a new instance item by item (a module's deserializer, a class with no default constructor
     * or with a delegating creator are read whole once complete).
     */
    static ConcreteCopies of(JavaType type, ValueDeserializer<?> deserializer) {
        ConcreteCopies enums = ofEnums(type, deserializer);
        if (enums != null) {
            return enums;
        }
        Class<?> reads = deserializer.getClass();
        boolean fills = type.isCollectionLikeType()
                        && (reads == CollectionDeserializer.class || reads == StringCollectionDeserializer.class)
                || type.isMapLikeType() && reads == MapDeserializer.class;
        if (!fills) {
            return null;
        }
        ValueInstantiator instantiator = ((ValueInstantiator.Gettable) deserializer).getValueInstantiator();
        // A delegating or property-based creator is what Jackson makes the value with when there is one: it is handed
        // the items read whole (and may change them), never filled one at a time.
        boolean fillsDefault = instantiator != null
                && instantiator.canCreateUsingDefault()
                && !instantiator.canCreateUsingDelegate()
                && !instantiator.canCreateUsingArrayDelegate()
                && !instantiator.canCreateFromObjectWith();
        return fillsDefault ? new ConcreteCopies(type, instantiator) : null;
    }

    /**
     * Returns the copies of an {@code EnumSet} or {@code EnumMap} that {@code deserializer} makes and fills as
     * Jackson's own does, or null. Jackson reads a {@code Map} keyed by an enum into an {@code EnumMap} too (and a
     * {@code Set} of an enum into an {@code EnumSet}, though such a set streams as a view, see {@link ListShape}). A
     * subclass of {@code EnumMap}, which Jackson makes with its creator, is read whole once complete.
     */
    static ConcreteCopies ofEnums(JavaType type, ValueDeserializer<?> deserializer) {
        Class<?> reads = deserializer.getClass();
        if (reads == EnumSetDeserializer.class && type.getContentType().isEnumImplType()) {
            return new ConcreteCopies(type, type.getContentType().getRawClass());
        }
        if (reads == EnumMapDeserializer.class
                && ((EnumMapDeserializer) deserializer).getValueInstantiator() == null
                && type.getKeyType().isEnumImplType()) {
            return new ConcreteCopies(type, type.getKeyType().getRawClass());
        }
        return null;
    }

    /** What a list, set or map position was copied into last, with what it held then. */
    static final class Memo {
        private Object copy;
        private int count = -1;
        private Object last;
        private Object lastKey;
        /** The completed items, never handed out, when copies are clones; and how many it holds. */
        private Object completed;

        private int completedCount;
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
        Collection<Object> copy;
        if (clones) {
            Collection<Object> completed =
                    memo.completed != null ? (Collection<Object>) memo.completed : (Collection<Object>) create(context);
            memo.completed = completed;
            for (int i = memo.completedCount; i < count; i++) {
                add(completed, items[i], i);
                memo.completedCount = i + 1; // only once added: an item that fails is tried again next time
            }
            copy = (Collection<Object>) cloneOf(completed);
        } else {
            copy = (Collection<Object>) create(context);
            for (int i = 0; i < count; i++) {
                add(copy, items[i], i);
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

    private void add(Collection<Object> collection, Object item, int index) {
        try {
            collection.add(item);
        } catch (RuntimeException e) {
            throw new SkipPartial("cannot add item " + index + " to a " + type.toCanonical() + ": " + e);
        }
    }

    /**
     * Returns a new map holding the first {@code count} entries of {@code keys} and {@code values}, then
     * {@code lastKey} with {@code lastValue} unless the key is null; the copy {@code memo} holds when it was made of
     * the same.
     *
     * @throws SkipPartial when the map rejects a completed entry, as it will in the final binding
     */
    @SuppressWarnings("unchecked")
    Object map(
            Memo memo,
            Object[] keys,
            Object[] values,
            int count,
            Object lastKey,
            Object lastValue,
            DeserializationContext context) {
        if (memo.copy != null && memo.count == count && memo.lastKey == lastKey && memo.last == lastValue) {
            return memo.copy;
        }
        Map<Object, Object> copy;
        if (clones) {
            Map<Object, Object> completed = memo.completed != null
                    ? (Map<Object, Object>) memo.completed
                    : (Map<Object, Object>) create(context);
            memo.completed = completed;
            for (int i = memo.completedCount; i < count; i++) {
                put(completed, keys[i], values[i]);
                memo.completedCount = i + 1;
            }
            copy = (Map<Object, Object>) cloneOf(completed);
        } else {
            copy = (Map<Object, Object>) create(context);
            for (int i = 0; i < count; i++) {
                put(copy, keys[i], values[i]);
            }
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
        Map<Object, Object> copy = (Map<Object, Object>) create(context);
        for (Map.Entry<String, ?> entry : entries.entrySet()) {
            put(copy, entry.getKey(), entry.getValue());
        }
        return copy;
    }

    private void put(Map<Object, Object> copy, Object key, Object value) {
        try {
            copy.put(key, value);
        } catch (RuntimeException e) {
            throw new SkipPartial("cannot put \"" + key + "\" into a " + type.toCanonical() + ": " + e);
        }
    }

    /** Returns a shallow copy of {@code completed}, an instance of a class in {@link #CLONED}, an enum set or map. */
    private static Object cloneOf(Object completed) {
        if (completed instanceof ArrayList<?> list) {
            return list.clone();
        }
        if (completed instanceof LinkedList<?> list) {
            return list.clone();
        }
        if (completed instanceof ArrayDeque<?> deque) {
            return deque.clone();
        }
        if (completed instanceof TreeSet<?> set) {
            return set.clone();
        }
        if (completed instanceof EnumSet<?> set) {
            return set.clone();
        }
        if (completed instanceof EnumMap<?, ?> map) {
            return map.clone();
        }
        return ((TreeMap<?, ?>) completed).clone();
    }

    private static Object remember(Memo memo, Object copy, int count, Object lastKey, Object last) {
        memo.copy = copy;
        memo.count = count;
        memo.lastKey = lastKey;
        memo.last = last;
        return copy;
    }

    @SuppressWarnings("unchecked")
    private Object create(DeserializationContext context) {
        if (enumType != null) {
            return type.isMapLikeType() ? new EnumMap<>(enumType) : EnumSet.noneOf(enumType);
        }
        try {
            return instantiator.createUsingDefault(context);
        } catch (JacksonException e) {
            throw new SkipPartial("cannot create a " + type.toCanonical() + ": " + e.getOriginalMessage());
        }
    }
}
