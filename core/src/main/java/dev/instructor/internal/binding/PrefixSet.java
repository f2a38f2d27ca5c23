package dev.instructor.internal.binding;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partial of a {@code Set}: an unmodifiable view of the first distinct items of a {@link Store} that every partial
 * of the same set shares, plus the item still being written unless it equals one of them. Making one is O(1), and
 * {@code contains} is O(1) once the set is large.
 *
 * <p>Items keep the order of their first appearance. The view never changes: the store only appends beyond the items
 * it shows.
 */
final class PrefixSet<E> extends AbstractSet<E> implements CompletedItems {
    private static final int NO_NULL = Integer.MAX_VALUE;

    private final Object[] items;
    /** The index in the JSON array at which each item first appeared. */
    private final int[] sources;

    private final int prefix;
    /** Positions of the items in the store, or null while the store is small; holds items beyond the prefix too. */
    private final Map<Object, Integer> index;
    /** The position of the {@code null} item, or {@link #NO_NULL}. */
    private final int nullAt;
    /** The item still being written, or {@link Shape#ABSENT} when there is none (or it is already in the prefix). */
    private final Object last;

    private PrefixSet(Store store, Object last) {
        this.items = store.items;
        this.sources = store.sources;
        this.prefix = store.count;
        this.index = store.index;
        this.nullAt = store.nullAt;
        this.last = last;
    }

    @Override
    public int size() {
        return last == Shape.ABSENT ? prefix : prefix + 1;
    }

    @Override
    public int completedCount() {
        return prefix;
    }

    @Override
    public Object completedItem(int position) {
        Objects.checkIndex(position, prefix);
        return items[position];
    }

    @Override
    public int sourceIndex(int position) {
        Objects.checkIndex(position, prefix);
        return sources[position];
    }

    /** Returns the item still being written, or {@link Shape#ABSENT} when it is not shown. */
    Object last() {
        return last;
    }

    @Override
    public boolean contains(Object item) {
        return position(items, prefix, index, nullAt, item) >= 0
                || (last != Shape.ABSENT && Objects.equals(item, last));
    }

    /**
     * Compares as any set does, but skips the items two views of the same store share: they are the same instances.
     * A stream compares each partial with the one before, which would otherwise cost the whole set every time.
     */
    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof PrefixSet<?> view) || view.items != items) {
            return super.equals(other);
        }
        if (view.size() != size()) {
            return false;
        }
        // Both hold the same first items; with equal sizes, the sets are equal when every item of the other beyond
        // those is in this one. As in AbstractSet: the other's items receive equals, and an item whose equals throws on
        // a partial one (a field not there yet) makes the sets unequal.
        try {
            for (int i = Math.min(prefix, view.prefix); i < view.prefix; i++) {
                if (!contains(view.items[i])) {
                    return false;
                }
            }
            return view.last == Shape.ABSENT || contains(view.last);
        } catch (ClassCastException | NullPointerException e) {
            return false;
        }
    }

    @Override
    public int hashCode() {
        return super.hashCode(); // equal sets hash alike, however equals found them equal
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<E> iterator() {
        return new IndexedIterator<>(size(), i -> (E) (i < prefix ? items[i] : last));
    }

    private static int position(Object[] items, int prefix, Map<Object, Integer> index, int nullAt, Object item) {
        if (item == null) {
            return nullAt < prefix ? nullAt : -1;
        }
        if (index != null) {
            Integer position = index.get(item);
            return position != null && position < prefix ? position : -1;
        }
        for (int i = 0; i < prefix; i++) {
            if (item.equals(items[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The distinct completed items of one set position across snapshots, appended as they complete. Written by the
     * binding thread only; the array is replaced, never shrunk or rewritten, so that every view keeps reading what it
     * was made with, and the index is concurrent, so that views handed to other threads may read it while it grows.
     */
    static final class Store {
        /** From this many items on, items are found through {@link #index} rather than by a scan. */
        private static final int INDEX_FROM = 8;

        private Object[] items = new Object[4];
        private int[] sources = new int[4];
        private int count;
        private Map<Object, Integer> index;
        private int nullAt = NO_NULL;

        /**
         * Appends {@code item} unless an equal one was appended before.
         *
         * @param source the index in the JSON array the item comes from
         * @throws RuntimeException what the item's own {@code equals} or {@code hashCode} throws; nothing is appended
         */
        void add(Object item, int source) {
            hashWhileSmall(item);
            if (contains(item)) {
                return;
            }
            // Everything that calls the item's (or an earlier item's) hashCode comes before the first change.
            Map<Object, Integer> positions = index;
            if (positions == null && count + 1 == INDEX_FROM) {
                positions = new ConcurrentHashMap<>(INDEX_FROM * 4);
                for (int i = 0; i < count; i++) {
                    if (items[i] != null) {
                        positions.put(items[i], i);
                    }
                }
            }
            if (positions != null && item != null) {
                positions.put(item, count);
            }
            if (count == items.length) {
                items = Arrays.copyOf(items, count * 2);
                sources = Arrays.copyOf(sources, count * 2);
            }
            items[count] = item;
            sources[count] = source;
            if (item == null) {
                nullAt = count;
            }
            count++;
            index = positions;
        }

        /**
         * Hashes {@code item} while the set is small and searched by {@code equals} alone (the index hashes it
         * otherwise): an item whose {@code hashCode} throws must be found out here, not later in the caller's hands,
         * when the set's own {@code hashCode} or a copy into a {@code HashSet} hashes it.
         */
        private void hashWhileSmall(Object item) {
            if (index == null) {
                Objects.hashCode(item);
            }
        }

        private boolean contains(Object item) {
            return position(items, count, index, nullAt, item) >= 0;
        }

        /** Returns the array holding the items added so far, first to last; read, never written, by the caller. */
        Object[] items() {
            return items;
        }

        /**
         * Returns a view of the items added so far, and {@code last} (the item still being written) unless it is
         * {@link Shape#ABSENT} or equal to one of them; null when {@code last}'s own {@code equals} or
         * {@code hashCode} throws, as a partial item's may on the fields it does not have yet.
         */
        <E> PrefixSet<E> view(Object last) {
            if (last == Shape.ABSENT) {
                return new PrefixSet<>(this, Shape.ABSENT);
            }
            boolean shown;
            try {
                hashWhileSmall(last);
                shown = !contains(last);
            } catch (RuntimeException e) {
                return null;
            }
            return new PrefixSet<>(this, shown ? last : Shape.ABSENT);
        }
    }
}
