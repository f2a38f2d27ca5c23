package dev.instructor.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The one way tests feed a parser: a document cut into chunks of a fixed size (or at given positions), with a
 * snapshot taken after every chunk, as jackson-core's async tests wrap their input. Byte chunks are copied into a
 * padded buffer at an offset, so that the parser's offset handling is exercised too.
 */
final class ChunkFeeder {
    /** Chunk size meaning "the whole document in one feed". */
    static final int WHOLE = Integer.MAX_VALUE;

    private static final int PADDING = 3;

    private ChunkFeeder() {}

    /** The chunk sizes every parser case runs at. */
    static IntStream chunkSizes() {
        return IntStream.of(1, 2, 3, 7, WHOLE);
    }

    /** Feeds {@code text} as chars in chunks of {@code size}; returns the snapshot after every chunk. */
    static List<Optional<PartialValue>> feedChars(PartialJsonParser parser, String text, int size) {
        List<Optional<PartialValue>> snapshots = new ArrayList<>();
        for (int from = 0; from < text.length(); from += size) {
            parser.feed(text.substring(from, (int) Math.min(text.length(), (long) from + size)));
            snapshots.add(parser.snapshot());
        }
        return snapshots;
    }

    /** Feeds {@code bytes} in chunks of {@code size}; returns the snapshot after every chunk. */
    static List<Optional<PartialValue>> feedBytes(PartialJsonParser parser, byte[] bytes, int size) {
        List<Optional<PartialValue>> snapshots = new ArrayList<>();
        for (int from = 0; from < bytes.length; from += size) {
            int length = (int) Math.min(bytes.length - from, (long) size);
            byte[] padded = new byte[length + 2 * PADDING];
            Arrays.fill(padded, (byte) 'x');
            System.arraycopy(bytes, from, padded, PADDING, length);
            parser.feed(padded, PADDING, length);
            snapshots.add(parser.snapshot());
        }
        return snapshots;
    }

    /** Feeds {@code text} as UTF-8 bytes in chunks of {@code size}. */
    static List<Optional<PartialValue>> feedUtf8(PartialJsonParser parser, String text, int size) {
        return feedBytes(parser, text.getBytes(StandardCharsets.UTF_8), size);
    }

    /** Feeds {@code text} in chunks of {@code size}, as UTF-8 bytes when {@code utf8}, else as chars. */
    static List<Optional<PartialValue>> feed(PartialJsonParser parser, String text, int size, boolean utf8) {
        return utf8 ? feedUtf8(parser, text, size) : feedChars(parser, text, size);
    }

    /** Feeds {@code text} cut at the given ascending positions. */
    static List<Optional<PartialValue>> feedSplit(PartialJsonParser parser, String text, int... cuts) {
        List<Optional<PartialValue>> snapshots = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            parser.feed(text.substring(from, cut));
            snapshots.add(parser.snapshot());
            from = cut;
        }
        parser.feed(text.substring(from));
        snapshots.add(parser.snapshot());
        return snapshots;
    }

    /** Feeds {@code text} in seeded random chunks of 1 to {@code maxSize} chars. */
    static List<Optional<PartialValue>> feedRandom(PartialJsonParser parser, String text, Random random, int maxSize) {
        List<Optional<PartialValue>> snapshots = new ArrayList<>();
        for (int from = 0; from < text.length(); ) {
            int to = Math.min(text.length(), from + 1 + random.nextInt(maxSize));
            parser.feed(text.substring(from, to));
            snapshots.add(parser.snapshot());
            from = to;
        }
        return snapshots;
    }

    /** Returns the distinct renderings of the snapshots, in order, leaving out empty ones. */
    static List<String> renders(List<Optional<PartialValue>> snapshots) {
        List<String> renders = new ArrayList<>();
        for (Optional<PartialValue> snapshot : snapshots) {
            snapshot.map(PartialValue::toJson).ifPresent(json -> {
                if (renders.isEmpty() || !renders.get(renders.size() - 1).equals(json)) {
                    renders.add(json);
                }
            });
        }
        return renders;
    }
}
