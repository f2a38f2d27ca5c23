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

    /**
     * Returns the line decoded as UTF-8 and clears it. Malformed bytes become U+FFFD as the SSE spec asks, through
     * the WHATWG UTF-8 decoder: one U+FFFD per maximal subpart of an invalid sequence.
     */
    String take() {
        String line = new String(bytes, 0, length, StandardCharsets.UTF_8);
        // The JDK's decoder replaces each maximal subpart as WHATWG does, but for an encoded surrogate (ED, then A0 to
        // BF): it gives one U+FFFD for the whole sequence, where WHATWG gives one for the ED and one per byte after.
        // Only a line that decoded to a U+FFFD can hold one; for Latin-1 text the test costs nothing.
        if (line.indexOf('\uFFFD') >= 0) {
            line = decodeSplittingSurrogates(bytes, length);
        }
        length = 0;
        return line;
    }

    /**
     * Decodes {@code bytes[0..length)} with a U+FFFD of its own for each ED byte that starts an encoded surrogate, as
     * for a truncated sequence; the JDK then decodes the bytes after it as lone continuation bytes, one U+FFFD each.
     */
    private static String decodeSplittingSurrogates(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length);
        int start = 0;
        for (int i = 0; i + 1 < length; i++) {
            if (bytes[i] == (byte) 0xED && (bytes[i + 1] & 0xE0) == 0xA0) {
                out.append(new String(bytes, start, i - start, StandardCharsets.UTF_8))
                        .append('\uFFFD');
                start = i + 1;
            }
        }
        return out.append(new String(bytes, start, length - start, StandardCharsets.UTF_8))
                .toString();
    }

    int length() {
        return length;
    }
}
