package dev.instructor.json;

/**
 * The members of an object in the order they were written, a repeated key each time with the value written there:
 * kept from the first repeated key on, beside the members a snapshot shows (each key once, at its first position,
 * with its last value). An immutable capture, like {@link Members}: the arrays are shared with the parser, which only
 * appends beyond {@link #count} or copies them to grow.
 */
final class WrittenMembers {
    final String[] keys;
    final PartialValue[] values;
    /** Complete members as written; the member being written, if any, is the object's open one. */
    final int count;
    /** How many members repeated an earlier key, as {@link PartialObject#repeatedKeys()} reports. */
    final int repeats;

    WrittenMembers(String[] keys, PartialValue[] values, int count, int repeats) {
        this.keys = keys;
        this.values = values;
        this.count = count;
        this.repeats = repeats;
    }
}
