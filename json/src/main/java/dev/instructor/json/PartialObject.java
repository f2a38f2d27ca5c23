package dev.instructor.json;

import java.util.List;

/**
 * A JSON object as far as it has arrived.
 *
 * <p>A member is shown as soon as its value has started (a string at its opening quote, an array or object at its
 * bracket), except a number or literal value, shown once complete: a key whose closing quote or colon has not arrived
 * yet is not shown, nor is {@code "n": 3} on its way to {@code "n": 32}. Members keep the order in which they were
 * written. When a key occurs twice, the member keeps the position of its first occurrence and takes the value of the
 * last, as Jackson's tree model does; {@link #toWrittenJson()} still shows every occurrence, for a consumer that
 * resolves them otherwise.
 */
public sealed interface PartialObject extends PartialValue permits ObjectSnapshot {

    /** Returns the number of members shown. */
    int size();

    /**
     * Returns the key of the member at {@code index}.
     *
     * @param index from 0 to {@code size() - 1}
     * @throws IndexOutOfBoundsException when {@code index} is out of range
     */
    String keyAt(int index);

    /**
     * Returns the value of the member at {@code index}.
     *
     * @param index from 0 to {@code size() - 1}
     * @throws IndexOutOfBoundsException when {@code index} is out of range
     */
    PartialValue valueAt(int index);

    /**
     * Returns the value of the member named {@code key}, or {@code null} when no such member is shown yet.
     *
     * @param key the member's name
     */
    PartialValue get(String key);

    /** Returns the keys shown, in order, as an unmodifiable list. */
    List<String> keys();

    /**
     * Returns the keys as written, as an unmodifiable list: a repeated key at each place it was written, and the member
     * being written, if any, last (where {@link #keys()} shows a repeated key once, at its first position). The same
     * keys as {@link #keys()} while {@link #repeatedKeys()} is 0. For a consumer that resolves a repeated key, or
     * several names for one thing, by the order of writing, as {@link #toWrittenJson()} does for text.
     */
    List<String> writtenKeys();

    /**
     * Returns the values as written, as an unmodifiable list parallel to {@link #writtenKeys()}: the value written at
     * each place a repeated key was written (where {@link #valueAt} shows only the last), and the value being written,
     * if any, last. For a consumer that keeps the first of several members for one name, as Jackson does for a
     * property it sets after a creator.
     */
    List<PartialValue> writtenValues();

    /**
     * Returns how many members of this object have so far repeated the key of an earlier one, each replacing that
     * member's value in its place; 0 for the objects models write. The count only grows as the object streams, so a
     * consumer that keeps what it derived from the members of an earlier snapshot learns from one comparison whether
     * any member it has seen may have changed, instead of comparing every member again.
     */
    int repeatedKeys();
}
