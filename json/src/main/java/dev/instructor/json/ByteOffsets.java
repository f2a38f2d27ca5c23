package dev.instructor.json;

/**
 * Maps a char of a decoded UTF-8 chunk back to the offset of the byte sequence it came from, to report errors in
 * byte offsets. Used only on the error path, so it walks the chunk rather than keeping a table per char.
 */
final class ByteOffsets {
    private final byte[] carried;
    private final byte[] chunk;
    private final int from;
    private final long chunkStart;

    /**
     * @param carried the bytes of a sequence begun in the previous chunk
     * @param chunk the chunk's buffer
     * @param from index of the chunk's first byte in {@code chunk}
     * @param chunkStart document offset of the chunk's first byte
     */
    ByteOffsets(byte[] carried, byte[] chunk, int from, long chunkStart) {
        this.carried = carried;
        this.chunk = chunk;
        this.from = from;
        this.chunkStart = chunkStart;
    }

    /**
     * Returns the document offset of the sequence that produced the char at {@code charIndex} of the chunk. A negative
     * index is a char of an earlier chunk, which only lenient mode's prelude reports: a bracket it held until this
     * chunk decided that it starts the value, after nothing but ASCII whitespace, so one byte per char back.
     */
    long byteOffsetOf(long charIndex) {
        long position = chunkStart - carried.length;
        if (charIndex < 0) {
            return position + charIndex;
        }
        long chars = 0;
        while (true) {
            int length = Utf8Decoder.sequenceLength(byteAt(position));
            chars += length == 4 ? 2 : 1;
            if (chars > charIndex) {
                return position;
            }
            position += length;
        }
    }

    private byte byteAt(long position) {
        long inChunk = position - chunkStart;
        return inChunk < 0 ? carried[(int) (carried.length + inChunk)] : chunk[(int) (from + inChunk)];
    }
}
