package dev.instructor.internal.binding;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list made of the first {@code prefix} slots of an append-only array shared with every other partial
 * of the same list, plus an optional last element (the item still being written). Building one is O(1) whatever
 * the list's length, which keeps the cost of a partial proportional to the open path.
 *
 * <p>The array is only ever written beyond every existing view's prefix, or replaced by a larger copy, so a view
 * never sees a later write. Mutators throw {@link UnsupportedOperationException}, as {@link AbstractList}'s do.
 */
final class PrefixList<E> extends AbstractList<E> implements RandomAccess {
    private final Object[] shared;
    private final int prefix;
    private final Object last;
    private final int size;

    /**
     * @param shared the completed items; only the first {@code prefix} are read
     * @param last the open item, or {@link Shape#ABSENT} when there is none
     */
    PrefixList(Object[] shared, int prefix, Object last) {
        this.shared = shared;
        this.prefix = prefix;
        this.last = last;
        this.size = last == Shape.ABSENT ? prefix : prefix + 1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        if (index < prefix && index >= 0) {
            return (E) shared[index];
        }
        if (index == prefix && last != Shape.ABSENT) {
            return (E) last;
        }
        throw new IndexOutOfBoundsException("index " + index + " out of bounds for size " + size);
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * Compares as any list does, but skips the items two views of the same array share: they are the same instances.
     * A stream compares each partial with the one before (to show only partials that differ), which would otherwise
     * cost the whole list every time: O(items²) for the stream.
     */
    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof PrefixList<?> view) || view.shared != shared) {
            return super.equals(other);
        }
        if (view.size != size) {
            return false;
        }
        for (int i = Math.min(prefix, view.prefix); i < size; i++) {
            if (!Objects.equals(get(i), view.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return super.hashCode(); // equal lists hash alike, however equals found them equal
    }
}
