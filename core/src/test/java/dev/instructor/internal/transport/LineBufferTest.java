package dev.instructor.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Decoding of a line as the SSE spec asks: the WHATWG "UTF-8 decode", one U+FFFD per maximal subpart of an invalid
 * sequence. The reference below follows the WHATWG Encoding Standard's UTF-8 decoder step by step.
 */
class LineBufferTest {

    @Test
    void encodedSurrogate_oneReplacementPerByte() {
        assertThat(decode(0xED, 0xA0, 0x80, 'x')).isEqualTo("\uFFFD\uFFFD\uFFFDx");
        assertThat(decode('a', 0xED, 0xBF, 0xBF)).isEqualTo("a\uFFFD\uFFFD\uFFFD");
        assertThat(decode(0xED, 0xA0)).isEqualTo("\uFFFD\uFFFD");
    }

    @Test
    void validTextAroundTheSurrogateAndRealReplacementChars_kept() {
        String text = "h\u00e9 \uFFFD \u20ac \uD83D\uDE00 \uD55C";
        byte[] valid = text.getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[valid.length + 3];
        System.arraycopy(valid, 0, line, 0, valid.length);
        line[valid.length] = (byte) 0xED;
        line[valid.length + 1] = (byte) 0xB0;
        line[valid.length + 2] = (byte) 0x80;
        assertThat(decode(line)).isEqualTo(text + "\uFFFD\uFFFD\uFFFD");
        // U+D55C is ED 95 9C: an ED that starts a valid sequence is left alone.
        assertThat(decode(valid)).isEqualTo(text);
    }

    @Test
    void randomBytes_decodeAsTheWhatwgDecoder() {
        // Bytes drawn mostly from the ones that decide UTF-8 validity, so that most lines hold errors of every kind.
        int[] interesting = {
            'a', 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF,
            0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF
        };
        Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            byte[] line = new byte[random.nextInt(12)];
            for (int i = 0; i < line.length; i++) {
                line[i] = (byte)
                        (random.nextInt(4) == 0
                                ? random.nextInt(256)
                                : interesting[random.nextInt(interesting.length)]);
            }
            assertThat(decode(line)).as("line %s", hex(line)).isEqualTo(whatwgDecode(line));
        }
    }

    private static String decode(int... bytes) {
        byte[] line = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            line[i] = (byte) bytes[i];
        }
        return decode(line);
    }

    private static String decode(byte[] line) {
        LineBuffer buffer = new LineBuffer(1 << 10);
        buffer.append(line, 0, line.length);
        String decoded = buffer.take();
        assertThat(buffer.length()).isZero();
        return decoded;
    }

    /** The WHATWG Encoding Standard's UTF-8 decoder, with replacement on error, written out from its steps. */
    private static String whatwgDecode(byte[] input) {
        StringBuilder out = new StringBuilder();
        int codePoint = 0;
        int bytesSeen = 0;
        int bytesNeeded = 0;
        int lower = 0x80;
        int upper = 0xBF;
        for (int i = 0; i < input.length; ) {
            int b = input[i] & 0xFF;
            if (bytesNeeded == 0) {
                i++;
                if (b <= 0x7F) {
                    out.append((char) b);
                } else if (b >= 0xC2 && b <= 0xDF) {
                    bytesNeeded = 1;
                    codePoint = b & 0x1F;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    lower = b == 0xE0 ? 0xA0 : 0x80;
                    upper = b == 0xED ? 0x9F : 0xBF;
                    bytesNeeded = 2;
                    codePoint = b & 0xF;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    lower = b == 0xF0 ? 0x90 : 0x80;
                    upper = b == 0xF4 ? 0x8F : 0xBF;
                    bytesNeeded = 3;
                    codePoint = b & 0x7;
                } else {
                    out.append('\uFFFD');
                }
                continue;
            }
            if (b < lower || b > upper) {
                // The byte is not consumed: it is looked at again as the start of what follows.
                codePoint = 0;
                bytesNeeded = 0;
                bytesSeen = 0;
                lower = 0x80;
                upper = 0xBF;
                out.append('\uFFFD');
                continue;
            }
            i++;
            lower = 0x80;
            upper = 0xBF;
            codePoint = codePoint << 6 | (b & 0x3F);
            if (++bytesSeen == bytesNeeded) {
                out.appendCodePoint(codePoint);
                codePoint = 0;
                bytesNeeded = 0;
                bytesSeen = 0;
            }
        }
        if (bytesNeeded != 0) {
            out.append('\uFFFD'); // the end of the input inside a sequence
        }
        return out.toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02X ", b & 0xFF));
        }
        return out.toString().trim();
    }
}
