package dev.instructor.internal.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one line being collected, bounded. Lines are split on bytes and decoded whole, which is safe for
 * UTF-8 because CR and LF bytes never occur inside a multi-byte sequence: a sequence split across network chunks
 * is simply completed by the next chunk.
 */
final class LineBuffer {
    private final int limit;
    private byte[] bytes = new byte[256];
    private int length;

    LineBuffer(int limit) {
        this.limit = limit;
    }

    void append(byte[] source, int from, int to) {
        int count = to - from;
        if (count == 0) {
            return;
        }
        if (length + count > limit) {
            throw new StreamLimitException("line longer than " + limit + " bytes");
        }
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(bytes.length * 2, length + count)));
        }
        System.arraycopy(source, from, bytes, length, count);
        length += count;
    }

    /** Returns the line decoded as UTF-8 (malformed bytes become U+FFFD, as the SSE spec asks) and clears it. */
    String take() {
        String line = new String(bytes, 0, length, StandardCharsets.UTF_8);
        length = 0;
        return line;
    }

    int length() {
        return length;
    }
}
