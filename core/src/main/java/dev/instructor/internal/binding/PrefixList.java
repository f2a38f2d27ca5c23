package dev.instructor.internal.binding;

import java.util.AbstractList;
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
}
