package dev.instructor.json;

/**
 * Returns the same {@code String} for a member name seen before, as Jackson's symbol table does: model output
 * repeats the same few names, and reusing them saves an allocation and a copy per member.
 */
final class KeyCache {
    private static final int MAX_CACHED_LENGTH = 32;

    private final String[] table = new String[256];

    String key(char[] chars, int length) {
        if (length > MAX_CACHED_LENGTH) {
            return new String(chars, 0, length);
        }
        int hash = length;
        for (int i = 0; i < length; i++) {
            hash = hash * 31 + chars[i];
        }
        int slot = (hash ^ hash >>> 8 ^ hash >>> 16) & (table.length - 1);
        String cached = table[slot];
        if (cached != null && matches(cached, chars, length)) {
            return cached;
        }
        String key = new String(chars, 0, length);
        table[slot] = key;
        return key;
    }

    private static boolean matches(String cached, char[] chars, int length) {
        if (cached.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (cached.charAt(i) != chars[i]) {
                return false;
            }
        }
        return true;
    }
}
