package dev.instructor.json;

/**
 * Decodes UTF-8 into UTF-16 chars, chunk by chunk: a sequence may be split anywhere. Rejects what RFC 3629 forbids
 * (overlong forms, encoded surrogates, code points above U+10FFFF, stray or missing continuation bytes).
 *
 * <p>On invalid input {@link #decode} stops, returns the chars decoded before the problem and records where it was,
 * so that the caller can parse those chars before reporting the error, or {@link #skip} the sequence and go on.
 */
final class Utf8Decoder {
    /** The bytes of a sequence split across chunks, kept to map char offsets back to byte offsets. */
    private final byte[] pending = new byte[4];

    private int pendingCount;
    private int needed;
    private int codePoint;
    private int minimum;

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
                if (b >= 0xC2 && b <= 0xDF) {
                    start(b & 0x1F, 1, 0x80);
                } else if (b >= 0xE0 && b <= 0xEF) {
                    start(b & 0x0F, 2, 0x800);
                } else if (b >= 0xF0 && b <= 0xF4) {
                    start(b & 0x07, 3, 0x10000);
                } else {
                    return fail(i, n, "a UTF-8 lead byte", i + 1);
                }
                pending[pendingCount++] = (byte) b;
                i++;
                continue;
            }
            if ((b & 0xC0) != 0x80) {
                // The sequence begun is cut short; the byte that cut it may start a valid one, so it is read again.
                return fail(i, n, "a UTF-8 continuation byte", i);
            }
            codePoint = codePoint << 6 | (b & 0x3F);
            pending[pendingCount++] = (byte) b;
            i++;
            if (--needed == 0) {
                int cp = codePoint;
                if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    return fail(
                            i - 1,
                            n,
                            "a valid UTF-8 sequence (no overlong form, surrogate or value above U+10FFFF)",
                            i);
                }
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

    private void start(int bits, int continuationBytes, int minimumCodePoint) {
        codePoint = bits;
        needed = continuationBytes;
        minimum = minimumCodePoint;
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
