package dev.instructor.json;

import static dev.instructor.json.TestBytes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Invalid UTF-8: which byte an error names, and how many columns lenient prose counts for it. The expectations come
 * from an oracle built from the JDK's own UTF-8 encoder and decoder (every proper prefix of every encoded code point,
 * and the decoder's verdict on a whole sequence), not from the table the parser's decoder implements.
 */
class Utf8ErrorTest {
    /** Every proper prefix of the UTF-8 encoding of every Unicode scalar value, as ISO-8859-1 text (one char a byte). */
    private static final Set<String> PROPER_PREFIXES = properPrefixes();

    private static final byte[] TRICKY = {
        (byte) 0x80, (byte) 0x8F, (byte) 0x90, (byte) 0x9F, (byte) 0xA0, (byte) 0xBF, (byte) 0xC0, (byte) 0xC1,
        (byte) 0xC2, (byte) 0xDF, (byte) 0xE0, (byte) 0xE2, (byte) 0xED, (byte) 0xEE, (byte) 0xEF, (byte) 0xF0,
        (byte) 0xF3, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF
    };

    @Test
    void oracle_agreesWithTheStandardsExamples() {
        // Unicode 15, table 3-8 and the WHATWG decoder: one U+FFFD per maximal subpart.
        assertThat(decodedLength(bytes(0xED, 0xA0, 0x80))).isEqualTo(3);
        assertThat(decodedLength(bytes(0xE0, 0x80, 0x80))).isEqualTo(3);
        assertThat(decodedLength(bytes(0xF4, 0x90, 0x80, 0x80))).isEqualTo(4);
        assertThat(decodedLength(bytes(0xC0, 0xAF))).isEqualTo(2);
        assertThat(decodedLength(bytes(0xE2, 0x82, 'b'))).isEqualTo(2);
        assertThat(decodedLength(bytes(0xF0, 0x9F, 0x8D))).isEqualTo(1);
        assertThat(decodedLength(bytes(0xF0, 0x9F, 0x8D, 0xB5)))
                .as("a surrogate pair")
                .isEqualTo(2);
        assertThat(firstInvalidByte(bytes(0xED, 0xA0, 0x80))).isEqualTo(1);
        assertThat(firstInvalidByte(bytes(0xE2, 0x82, 'b'))).isEqualTo(2);
        assertThat(firstInvalidByte(bytes(0xE2, 0x82, 0xAC))).isEqualTo(-1);
    }

    @Test
    void strict_theErrorNamesTheFirstByteNoValidTextHasThere_atEveryCutAndChunkSize() {
        Random random = new Random(20261121);
        byte[] before = "[\"ab".getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 1_500; round++) {
            byte[] inside = randomBytes(random, 1 + random.nextInt(6), false);
            byte[] document = concat(before, inside, "\"]".getBytes(StandardCharsets.US_ASCII));
            int bad = firstInvalidByte(concat(inside, new byte[] {'"'}));
            for (int cut = 0; cut <= document.length; cut++) {
                check(document, bad < 0 ? -1 : before.length + bad, parserCutAt(document, cut), "cut at " + cut);
            }
            for (int size = 1; size <= 4; size++) {
                check(document, bad < 0 ? -1 : before.length + bad, chunksOf(document, size), "chunks of " + size);
            }
        }
    }

    @Test
    void strict_anEncodedSurrogate_isReportedAtItsSecondByte_withTheRangeItsLeadAllows() {
        byte[] document = concat(new byte[] {'[', '"'}, bytes(0xED, 0xA0, 0x80), new byte[] {'"', ']'});
        assertThat(chunksOf(document, 2)).isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
            assertThat(e.offset()).isEqualTo(3);
            assertThat(e.found()).isEqualTo("byte 0xA0");
            assertThat(e.expected())
                    .isEqualTo("a UTF-8 continuation byte in 0x80..0x9F after lead byte 0xED"
                            + " (a higher one would encode a surrogate)");
        });
    }

    @Test
    void strict_theBoundariesOfEachLeadBytesRange_areValid() {
        byte[] inside = bytes(
                0xC2, 0x80, 0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xE0, 0xBF, 0xBF, 0xED, 0x80, 0x80, 0xED, 0x9F, 0xBF, 0xEE,
                0x80, 0x80, 0xF0, 0x90, 0x80, 0x80, 0xF3, 0xBF, 0xBF, 0xBF, 0xF4, 0x80, 0x80, 0x80, 0xF4, 0x8F, 0xBF,
                0xBF);
        byte[] document = concat(new byte[] {'"'}, inside, new byte[] {'"'});
        for (int size = 1; size <= 5; size++) {
            PartialJsonParser parser = PartialJsonParser.strict();
            ChunkFeeder.feedBytes(parser, document, size);
            assertThat(((PartialString) parser.finish()).value())
                    .as("chunks of %d", size)
                    .isEqualTo(new String(inside, StandardCharsets.UTF_8));
        }
    }

    @Test
    void lenient_invalidProse_countsOneColumnPerMaximalSubpart_atEveryCut() {
        Random random = new Random(7);
        byte[] value = "{\"k\": x}".getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 1_500; round++) {
            byte[] prose = randomBytes(random, random.nextInt(10), true);
            byte[] document = concat(prose, value);
            long columns = decodedLength(prose);
            for (int cut = 0; cut <= document.length; cut++) {
                PartialJsonParser parser = PartialJsonParser.lenient();
                int at = cut;
                Throwable thrown = catchThrowable(() -> {
                    parser.feed(document, 0, at);
                    parser.feed(document, at, document.length - at);
                });
                assertThat(thrown)
                        .as("%s cut at %d", hex(prose), cut)
                        .isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
                            assertThat(e.offset()).isEqualTo(prose.length + 6);
                            assertThat(e.column()).isEqualTo(columns + 6 + 1);
                        });
            }
        }
    }

    private static void check(byte[] document, int bad, Throwable thrown, String how) {
        String described = hex(document) + ", " + how;
        if (bad < 0) {
            assertThat(thrown).as(described).isNull();
            return;
        }
        assertThat(thrown).as(described).isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
            assertThat(e.offset()).isEqualTo(bad);
            assertThat(e.found()).isEqualTo(String.format("byte 0x%02X", document[bad] & 0xFF));
            assertThat(e.expected()).startsWith("a UTF-8");
        });
    }

    private static Throwable parserCutAt(byte[] document, int cut) {
        PartialJsonParser parser = PartialJsonParser.strict();
        return catchThrowable(() -> {
            parser.feed(document, 0, cut);
            parser.feed(document, cut, document.length - cut);
            parser.finish();
        });
    }

    private static Throwable chunksOf(byte[] document, int size) {
        PartialJsonParser parser = PartialJsonParser.strict();
        return catchThrowable(() -> {
            ChunkFeeder.feedBytes(parser, document, size);
            parser.finish();
        });
    }

    /**
     * Returns how many chars a decoder that replaces each maximal subpart with U+FFFD makes of {@code bytes}: a valid
     * sequence gives its chars, and an invalid one the longest start of some valid sequence (or one byte) as one.
     */
    private static int decodedLength(byte[] bytes) {
        int chars = 0;
        int at = 0;
        while (at < bytes.length) {
            int prefix = validPrefix(bytes, at);
            if (prefix > 0 && wellFormed(bytes, at, prefix)) {
                chars += prefix == 4 ? 2 : 1;
            } else {
                chars++;
            }
            at += Math.max(prefix, 1);
        }
        return chars;
    }

    /** Returns the index of the first byte that no valid UTF-8 text can have after the bytes before it, or -1. */
    private static int firstInvalidByte(byte[] bytes) {
        int at = 0;
        while (at < bytes.length) {
            int prefix = validPrefix(bytes, at);
            if (prefix == 0 || !wellFormed(bytes, at, prefix)) {
                return at + prefix;
            }
            at += prefix;
        }
        return -1;
    }

    /**
     * Returns the length of the longest run of bytes from {@code at} that is a whole valid sequence or a proper prefix
     * of one, stopping at the first whole one.
     */
    private static int validPrefix(byte[] bytes, int at) {
        int length = 0;
        while (at + length < bytes.length) {
            int next = length + 1;
            if (wellFormed(bytes, at, next)) {
                return next;
            }
            if (!PROPER_PREFIXES.contains(new String(bytes, at, next, StandardCharsets.ISO_8859_1))) {
                break;
            }
            length = next;
        }
        return length;
    }

    /** Returns true when the JDK's strict decoder reads {@code bytes[at..at + length)} as exactly one code point. */
    private static boolean wellFormed(byte[] bytes, int at, int length) {
        try {
            String decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, at, length))
                    .toString();
            return decoded.codePointCount(0, decoded.length()) == 1
                    && Arrays.equals(
                            decoded.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(bytes, at, at + length));
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Set<String> properPrefixes() {
        Set<String> prefixes = new HashSet<>();
        for (int cp = 0x80; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            byte[] encoded = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            for (int length = 1; length < encoded.length; length++) {
                prefixes.add(new String(encoded, 0, length, StandardCharsets.ISO_8859_1));
            }
        }
        return prefixes;
    }

    /** Random bytes from the tricky ones and a few ASCII letters (and spaces, for prose). */
    private static byte[] randomBytes(Random random, int length, boolean prose) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(TRICKY.length + 3);
            out[i] = pick < TRICKY.length ? TRICKY[pick] : (byte) (pick == TRICKY.length && prose ? ' ' : 'a' + pick);
        }
        return out;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02X ", b & 0xFF));
        }
        return out.toString().trim();
    }
}
