package dev.instructor.internal.binding;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partial of a {@code Map<String, V>}: an unmodifiable view of the first entries of a {@link Store} that every
 * partial of the same map shares, plus the entry still being written. Making one is O(1), so a partial costs the same
 * whether the map has three entries or three thousand; lookups by key are O(1) once the map is large.
 *
 * <p>Entries keep the order in which they were written, as in the {@code LinkedHashMap} Jackson builds. Values may
 * be {@code null} (a JSON {@code null}). The view never changes: the store only appends beyond the entries it shows.
 */
final class PrefixMap<K, V> extends AbstractMap<K, V> {
    private final Object[] keys;
    private final Object[] values;
    private final int prefix;
    /** Positions of the keys in the store, or null while the store is small; holds keys beyond the prefix too. */
    private final Map<Object, Integer> index;
    /** The key of the entry still being written, or null when there is none. */
    private final Object lastKey;

    private final Object lastValue;

    private PrefixMap(Store store, Object lastKey, Object lastValue) {
        this.keys = store.keys;
        this.values = store.values;
        this.prefix = store.count;
        this.index = store.index;
        this.lastKey = lastKey;
        this.lastValue = lastValue;
    }

    @Override
    public int size() {
        return lastKey == null ? prefix : prefix + 1;
    }

    @Override
    public boolean containsKey(Object key) {
        return position(key) >= 0 || (lastKey != null && lastKey.equals(key));
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int position = position(key);
        if (position >= 0) {
            return (V) values[position];
        }
        return lastKey != null && lastKey.equals(key) ? (V) lastValue : null;
    }

    private int position(Object key) {
        if (key == null) {
            return -1;
        }
        if (index != null) {
            Integer position = index.get(key);
            return position != null && position < prefix ? position : -1;
        }
        for (int i = 0; i < prefix; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Compares as any map does, but skips the entries two views of the same store share: they are the same instances.
     * A stream compares each partial with the one before, which would otherwise cost the whole map every time.
     */
    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof PrefixMap<?, ?> view) || view.values != values) {
            return super.equals(other);
        }
        if (view.size() != size()) {
            return false;
        }
        // Both hold the same first entries; with equal sizes and distinct keys, the maps are equal when every entry of
        // this one beyond those is in the other. As in AbstractMap: this map's values receive equals, and a value whose
        // equals throws on a partial one (a field not there yet) makes the maps unequal.
        try {
            for (int i = Math.min(prefix, view.prefix); i < prefix; i++) {
                if (!view.hasEntry(keys[i], values[i])) {
                    return false;
                }
            }
            return lastKey == null || view.hasEntry(lastKey, lastValue);
        } catch (ClassCastException | NullPointerException e) {
            return false;
        }
    }

    @Override
    public int hashCode() {
        return super.hashCode(); // equal maps hash alike, however equals found them equal
    }

    /** Returns whether this map maps {@code key} to a value that {@code value} equals. */
    private boolean hasEntry(Object key, Object value) {
        int position = position(key);
        if (position >= 0) {
            return Objects.equals(value, values[position]);
        }
        return lastKey != null && lastKey.equals(key) && Objects.equals(value, lastValue);
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return PrefixMap.this.size();
            }

            @Override
            @SuppressWarnings("unchecked")
            public Iterator<Entry<K, V>> iterator() {
                return new IndexedIterator<>(
                        size(),
                        i -> i < prefix
                                ? new SimpleImmutableEntry<>((K) keys[i], (V) values[i])
                                : new SimpleImmutableEntry<>((K) lastKey, (V) lastValue));
            }
        };
    }

    /**
     * The completed entries of one map position across snapshots, appended as they complete: under their written names,
     * or under the Java keys Jackson reads them as, for a map copied into a concrete class. Written by the binding
     * thread only; the arrays are replaced, never shrunk or rewritten, so that every view keeps reading what it was
     * made with, and the index is concurrent, so that views handed to other threads may read it while it grows.
     */
    static final class Store {
        /** From this many entries on, keys are found through {@link #index} rather than by a scan. */
        private static final int INDEX_FROM = 8;

        private Object[] keys = new Object[4];
        private Object[] values = new Object[4];
        private int count;
        private Map<Object, Integer> index;

        /** Returns the number of entries appended. */
        int count() {
            return count;
        }

        /** Returns the array holding the keys appended so far, first to last; read, never written, by the caller. */
        Object[] keys() {
            return keys;
        }

        /** Returns the array holding the values appended so far, in the order of {@link #keys()}. */
        Object[] values() {
            return values;
        }

        /** Returns whether an entry with {@code key} was appended. */
        boolean holds(Object key) {
            if (index != null) {
                return index.containsKey(key);
            }
            for (int i = 0; i < count; i++) {
                if (keys[i].equals(key)) {
                    return true;
                }
            }
            return false;
        }

        /** Appends an entry; its key must not be null and must differ from every key appended before. */
        void append(Object key, Object value) {
            if (count == keys.length) {
                keys = Arrays.copyOf(keys, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            keys[count] = key;
            values[count] = value;
            count++;
            if (index != null) {
                index.put(key, count - 1);
            } else if (count == INDEX_FROM) {
                Map<Object, Integer> positions = new ConcurrentHashMap<>(INDEX_FROM * 4);
                for (int i = 0; i < count; i++) {
                    positions.put(keys[i], i);
                }
                index = positions;
            }
        }

        /** Returns a view of the entries appended so far. */
        <K, V> PrefixMap<K, V> view() {
            return new PrefixMap<>(this, null, null);
        }

        /** Returns a view of the entries appended so far and one more, whose key is not among them. */
        <K, V> PrefixMap<K, V> view(Object lastKey, Object lastValue) {
            return new PrefixMap<>(this, lastKey, lastValue);
        }
    }
}
