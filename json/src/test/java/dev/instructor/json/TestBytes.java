package dev.instructor.json;

/** Byte-array helpers for the UTF-8 tests. */
final class TestBytes {
    private TestBytes() {}

    /** Returns the parts one after the other in a new array. */
    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
