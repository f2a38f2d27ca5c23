package dev.instructor.json;

import java.util.List;

/**
 * A JSON array as far as it has arrived: the items so far, the last of which may still be incomplete.
 *
 * <p>An item is shown as soon as it has started (an object with only its first member, a string with only its
 * opening quote), except numbers and literals, which are shown once complete.
 */
public sealed interface PartialArray extends PartialValue permits ArraySnapshot {

    /** Returns the number of items shown. */
    int size();

    /**
     * Returns the item at {@code index}.
     *
     * @param index from 0 to {@code size() - 1}
     * @throws IndexOutOfBoundsException when {@code index} is out of range
     */
    PartialValue get(int index);

    /** Returns the items shown, in order, as an unmodifiable list. */
    List<PartialValue> items();
}
