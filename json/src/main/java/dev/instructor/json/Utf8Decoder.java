package dev.instructor.json;

/**
 * Decodes UTF-8 into UTF-16 chars, chunk by chunk: a sequence may be split anywhere. Rejects what RFC 3629 forbids
 * (overlong forms, encoded surrogates, code points above U+10FFFF, stray or missing continuation bytes).
 *
 * <p>On invalid input {@link #decode} stops, returns the chars decoded before the problem and records where it was,
 * so that the caller can parse those chars before reporting the error, or {@link #skip} the sequence and go on.
 *
 * <p>Each byte is checked against the bytes that may follow what came before it (the table of well-formed byte
 * sequences in chapter 3 of the Unicode Standard), so an error names the first byte that no valid text could have
 * there: the {@code 0xA0} of an encoded surrogate {@code ED A0 80}, not its last byte. What is skipped as one invalid
 * sequence is then the longest start of a valid sequence before that byte (Unicode's "maximal subpart"), as the
 * WHATWG decoder of browsers replaces it with one U+FFFD: {@code ED A0 80} is three, {@code E2 82} cut short is one.
 */
final class Utf8Decoder {
    /** The bytes of a sequence split across chunks, kept to map char offsets back to byte offsets. */
    private final byte[] pending = new byte[4];

    private int pendingCount;
    private int needed;
    private int codePoint;
    /** The range of the byte that may come next in the sequence begun; the lead byte narrows it for the second. */
    private int nextLow;

    private int nextHigh;

    /** Index in the input of the invalid byte found by the last {@link #decode}, or -1. */
    int errorIndex = -1;

    String errorExpected;
    /** Where decoding may resume after the invalid sequence found by the last {@link #decode}; see {@link #skip}. */
    private int resumeIndex;

    boolean hasPending() {
        return pendingCount > 0;
    }

    int pendingCount() {
        return pendingCount;
    }

    byte pendingByte(int index) {
        return pending[index];
    }

    /**
     * Decodes {@code in[from..to)} into {@code out}, which must have room for {@code to - from + 1} chars.
     *
     * @return the number of chars written
     */
    int decode(byte[] in, int from, int to, char[] out) {
        errorIndex = -1;
        int n = 0;
        int i = from;
        while (i < to) {
            int b = in[i];
            if (needed == 0) {
                if (b >= 0) {
                    out[n++] = (char) b;
                    i++;
                    // The common case: a run of ASCII.
                    while (i < to && (b = in[i]) >= 0) {
                        out[n++] = (char) b;
                        i++;
                    }
                    continue;
                }
                b &= 0xFF;
                // The second byte's range excludes overlong forms (E0, F0), surrogates (ED) and values above
                // U+10FFFF (F4); C0, C1 and F5 to FF never lead a valid sequence.
                if (b >= 0xC2 && b <= 0xDF) {
                    start(b & 0x1F, 1, 0x80, 0xBF);
                } else if (b >= 0xE0 && b <= 0xEF) {
                    start(b & 0x0F, 2, b == 0xE0 ? 0xA0 : 0x80, b == 0xED ? 0x9F : 0xBF);
                } else if (b >= 0xF0 && b <= 0xF4) {
                    start(b & 0x07, 3, b == 0xF0 ? 0x90 : 0x80, b == 0xF4 ? 0x8F : 0xBF);
                } else {
                    return fail(i, n, "a UTF-8 lead byte", i + 1);
                }
                pending[pendingCount++] = (byte) b;
                i++;
                continue;
            }
            b &= 0xFF;
            if (b < nextLow || b > nextHigh) {
                // The sequence begun cannot go on with this byte: what came before is one invalid sequence, and this
                // byte may start a valid one, so it is read again.
                return fail(i, n, expectedNext(), i);
            }
            codePoint = codePoint << 6 | (b & 0x3F);
            pending[pendingCount++] = (byte) b;
            nextLow = 0x80;
            nextHigh = 0xBF;
            i++;
            if (--needed == 0) {
                // Valid by construction: each byte was in the range the bytes before it allowed.
                int cp = codePoint;
                if (cp >= 0x10000) {
                    out[n++] = Character.highSurrogate(cp);
                    out[n++] = Character.lowSurrogate(cp);
                } else {
                    out[n++] = (char) cp;
                }
                pendingCount = 0;
            }
        }
        return n;
    }

    /** Returns the length of the sequence whose lead byte is {@code lead}. */
    static int sequenceLength(int lead) {
        lead &= 0xFF;
        return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    }

    private void start(int bits, int continuationBytes, int low, int high) {
        codePoint = bits;
        needed = continuationBytes;
        nextLow = low;
        nextHigh = high;
    }

    /** Describes the byte the sequence begun needs next, naming the narrower range a lead byte allows. */
    private String expectedNext() {
        if (nextLow == 0x80 && nextHigh == 0xBF) {
            return "a UTF-8 continuation byte";
        }
        return String.format(
                "a UTF-8 continuation byte in 0x%02X..0x%02X after lead byte 0x%02X (%s)",
                nextLow,
                nextHigh,
                pending[0] & 0xFF,
                nextLow == 0xA0 || nextLow == 0x90
                        ? "a lower one would be an overlong form"
                        : nextHigh == 0x9F ? "a higher one would encode a surrogate" : "a higher one exceeds U+10FFFF");
    }

    /**
     * Drops the invalid sequence found by the last {@link #decode} (with the bytes of it carried from earlier chunks)
     * and returns the index in the input where decoding resumes: past the sequence, or at the byte that cut it short.
     */
    int skip() {
        dropPending();
        errorIndex = -1;
        return resumeIndex;
    }

    /** Forgets the bytes of a sequence begun and not finished, at the end of input. */
    void dropPending() {
        needed = 0;
        pendingCount = 0;
    }

    private int fail(int index, int decoded, String expected, int resume) {
        errorIndex = index;
        errorExpected = expected;
        resumeIndex = resume;
        return decoded;
    }
}
