package dev.instructor.json;

import java.util.Arrays;

/**
 * Returns the same {@code String} for a member name seen before, as Jackson's symbol table does: model output
 * repeats the same few names, and reusing them saves an allocation and a copy per member.
 */
final class KeyCache {
    private static final int MAX_CACHED_LENGTH = 32;
    private static final int SLOTS = 256;

    private final String[] keys = new String[SLOTS];
    /** The chars of {@link #keys}, compared without going through {@code String.charAt}. */
    private final char[][] chars = new char[SLOTS][];
    /**
     * Per name, the capacity for the buffer of its next string value, after the lengths of its recent ones; 0 when
     * none was seen. The values of one name have similar lengths (titles, blurbs), those of different names do not.
     */
    final int[] capacities = new int[SLOTS];
    /** The slot of the name that {@link #key} returned last, or -1 when that name is not cached. */
    int lastSlot = -1;

    String key(char[] buffer, int length) {
        if (length > MAX_CACHED_LENGTH) {
            lastSlot = -1;
            return new String(buffer, 0, length);
        }
        int hash = length;
        for (int i = 0; i < length; i++) {
            hash = hash * 31 + buffer[i];
        }
        int slot = (hash ^ hash >>> 8 ^ hash >>> 16) & (SLOTS - 1);
        lastSlot = slot;
        char[] cached = chars[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, buffer, 0, length)) {
            return keys[slot];
        }
        String key = new String(buffer, 0, length);
        keys[slot] = key;
        chars[slot] = Arrays.copyOf(buffer, length);
        capacities[slot] = 0;
        return key;
    }
}
