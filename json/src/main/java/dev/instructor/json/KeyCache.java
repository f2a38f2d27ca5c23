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

    String key(char[] buffer, int length) {
        if (length > MAX_CACHED_LENGTH) {
            return new String(buffer, 0, length);
        }
        int hash = length;
        for (int i = 0; i < length; i++) {
            hash = hash * 31 + buffer[i];
        }
        int slot = (hash ^ hash >>> 8 ^ hash >>> 16) & (SLOTS - 1);
        char[] cached = chars[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, buffer, 0, length)) {
            return keys[slot];
        }
        String key = new String(buffer, 0, length);
        keys[slot] = key;
        chars[slot] = Arrays.copyOf(buffer, length);
        return key;
    }
}
