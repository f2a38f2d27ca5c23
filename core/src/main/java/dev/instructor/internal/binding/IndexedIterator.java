package dev.instructor.internal.binding;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/** Iterates the elements {@code 0 .. size - 1} of a view that finds each by its position; removal is unsupported. */
final class IndexedIterator<E> implements Iterator<E> {
    private final int size;
    private final IntFunction<E> elementAt;
    private int next;

    IndexedIterator(int size, IntFunction<E> elementAt) {
        this.size = size;
        this.elementAt = elementAt;
    }

    @Override
    public boolean hasNext() {
        return next < size;
    }

    @Override
    public E next() {
        if (next >= size) {
            throw new NoSuchElementException();
        }
        return elementAt.apply(next++);
    }
}
