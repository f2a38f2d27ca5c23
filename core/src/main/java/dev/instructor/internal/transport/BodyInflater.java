package dev.instructor.internal.transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses a body sent with a {@code Content-Encoding} of {@code gzip} or {@code deflate}, as its bytes arrive.
 * The JDK client asks for no encoding and decodes none: a server compresses only when asked, by an
 * {@code Accept-Encoding} header a user added (to save a gateway's bandwidth, say), and without this the parser would
 * read the compressed bytes. Not thread-safe: one feeder at a time, as the parser it feeds.
 *
 * <p>Implementation notes: the JDK decodes gzip only from a blocking stream, so the gzip header (RFC 1952) is read
 * here, from bytes kept until it is whole, and what follows goes to a raw {@link Inflater}. The trailer's checksum is
 * not checked (TCP and TLS guard the bytes), and what follows the first member is ignored.
 */
final class BodyInflater {
    /** Longest gzip header kept while it arrives: its optional name, comment and extra field are short. */
    private static final int MAX_HEADER = 64 << 10;

    private static final int FLAG_HEADER_CRC = 2;
    private static final int FLAG_EXTRA = 4;
    private static final int FLAG_NAME = 8;
    private static final int FLAG_COMMENT = 16;

    private final Inflater inflater;
    private final byte[] window = new byte[16 << 10];
    // The gzip header's bytes until it is whole; null for deflate, and once past it.
    private ByteArrayOutputStream header;

    private BodyInflater(boolean gzip) {
        this.inflater = new Inflater(gzip); // gzip wraps raw deflate; HTTP's "deflate" is zlib-wrapped
        this.header = gzip ? new ByteArrayOutputStream() : null;
    }

    /**
     * Returns an inflater for a body of this {@code Content-Encoding}, or null for none ({@code null} or
     * {@code identity}).
     *
     * @throws IllegalArgumentException naming the encoding when it is neither gzip nor deflate ({@code br},
     *     {@code zstd}, several)
     */
    static BodyInflater forEncoding(String contentEncoding) {
        String encoding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "", "identity" -> null;
            case "gzip", "x-gzip" -> new BodyInflater(true);
            case "deflate" -> new BodyInflater(false);
            default ->
                throw new IllegalArgumentException(
                        "the response is " + DataExcerpt.of(encoding) + "-encoded, which this client does not decode"
                                + " (only gzip and deflate): is an Accept-Encoding header set?");
        };
    }

    /**
     * Returns a whole body decoded, at most {@code limit} bytes of it, or the body as it is when its encoding is not
     * decoded or its bytes are not what it says: an error body is read for its message, and the bytes are then all
     * there is to show.
     */
    static byte[] inflateWhole(String contentEncoding, byte[] body, int limit) {
        try {
            BodyInflater inflater = forEncoding(contentEncoding);
            if (inflater == null) {
                return body;
            }
            ByteBuffer plain = inflater.inflate(ByteBuffer.wrap(body));
            byte[] bytes = new byte[Math.min(plain.remaining(), limit)];
            plain.get(bytes);
            return bytes;
        } catch (IllegalArgumentException | ZipException notDecoded) {
            return body;
        }
    }

    /**
     * Returns the bytes that {@code buffer}'s compressed bytes decode to, maybe none yet.
     *
     * @throws ZipException when the bytes are not in the encoding's format
     */
    ByteBuffer inflate(ByteBuffer buffer) throws ZipException {
        byte[] input = new byte[buffer.remaining()];
        buffer.get(input);
        int start = 0;
        if (header != null) {
            header.write(input, 0, input.length);
            byte[] kept = header.toByteArray();
            int length = headerLength(kept);
            if (length < 0) {
                return ByteBuffer.allocate(0); // the header goes on in the next bytes
            }
            header = null;
            input = kept;
            start = length;
        }
        if (inflater.finished()) {
            return ByteBuffer.allocate(0); // the trailer, or a member after the first
        }
        inflater.setInput(input, start, input.length - start);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try {
            while (!inflater.finished()) {
                int count = inflater.inflate(window);
                if (count > 0) {
                    plain.write(window, 0, count);
                } else if (inflater.needsInput() || inflater.needsDictionary()) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new ZipException("the compressed body is corrupt: " + e.getMessage());
        }
        return ByteBuffer.wrap(plain.toByteArray());
    }

    /** Returns the length of the gzip header at the start of {@code bytes}, or -1 when it is not all there yet. */
    private static int headerLength(byte[] bytes) throws ZipException {
        if (bytes.length < 10) {
            return -1;
        }
        if ((bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b || bytes[2] != 8) {
            throw new ZipException("the body is not in gzip format");
        }
        int flags = bytes[3] & 0xff;
        int at = 10;
        if ((flags & FLAG_EXTRA) != 0) {
            if (bytes.length < at + 2) {
                return -1;
            }
            at += 2 + ((bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8);
        }
        if ((flags & FLAG_NAME) != 0) {
            at = afterZero(bytes, at);
        }
        if ((flags & FLAG_COMMENT) != 0) {
            at = afterZero(bytes, at);
        }
        if ((flags & FLAG_HEADER_CRC) != 0 && at >= 0) {
            at += 2;
        }
        if (at < 0 || at > bytes.length) {
            return bytes.length > MAX_HEADER ? fail() : -1;
        }
        return at;
    }

    /** Returns where the zero-terminated field at {@code at} ends, after its zero; -1 when it is not all there. */
    private static int afterZero(byte[] bytes, int at) {
        for (int i = Math.max(at, 0); at >= 0 && i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int fail() throws ZipException {
        throw new ZipException("the gzip header is longer than " + MAX_HEADER + " bytes");
    }
}
