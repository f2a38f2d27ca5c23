package dev.instructor.json;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The chars of a string snapshot as a {@link CharSequence}, reading the parser's buffer in place. The parser never
 * rewrites the chars a snapshot can see (it writes past them, or into a buffer no snapshot holds), so the view is
 * immutable without a copy. It keeps that buffer alive, as the snapshot does.
 *
 * <p>Equal to another view with the same chars, and hashed like the {@code String} of those chars, so that values
 * holding views compare as their text does. Not equal to a {@code String}: compare {@link #toString()} for that.
 * Serialized as the {@code String} of its chars.
 */
final class SharedText implements CharSequence, Serializable {
    private static final long serialVersionUID = 1L;

    private final char[] buffer;
    private final int start;
    private final int length;
    /**
     * The hash once computed, or 0: cached as {@code String} caches its own, so that a view used as a map key costs
     * O(length) once, not per lookup. A racy read sees 0 or the hash, and 0 only makes the caller compute it again.
     */
    private transient int hash;

    SharedText(char[] buffer, int start, int length) {
        this.buffer = buffer;
        this.start = start;
        this.length = length;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        Objects.checkIndex(index, length);
        return buffer[start + index];
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        Objects.checkFromToIndex(from, to, length);
        return new SharedText(buffer, start + from, to - from);
    }

    @Override
    public String toString() {
        return new String(buffer, start, length);
    }

    /** Serializes the text as a {@code String}: the buffer past the view is not the reader's business. */
    @Serial
    private Object writeReplace() {
        return toString();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof SharedText text) || text.length != length) {
            return false;
        }
        return Arrays.equals(buffer, start, start + length, text.buffer, text.start, text.start + length);
    }

    @Override
    public int hashCode() {
        int known = hash;
        if (known == 0) {
            for (int i = start; i < start + length; i++) {
                known = 31 * known + buffer[i];
            }
            hash = known;
        }
        return known;
    }
}
