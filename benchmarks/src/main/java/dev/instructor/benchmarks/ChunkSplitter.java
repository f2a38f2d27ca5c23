package dev.instructor.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Cuts a document into seeded random chunks of 1 to 6 chars, as a model streams tokens, and keeps the same chunks
 * as ranges of the document and as UTF-8 bytes for parsers that read bytes. A cut never falls inside a surrogate
 * pair, so that every byte chunk is the exact encoding of its char chunk.
 */
final class ChunkSplitter {
    final String[] chars;
    /** The document: chunk {@code i} is {@code text[charOffsets[i] .. charOffsets[i + 1])}. */
    final String text;

    final int[] charOffsets;
    final byte[] bytes;
    /** Chunk {@code i} is {@code bytes[byteOffsets[i] .. byteOffsets[i + 1])}. */
    final int[] byteOffsets;

    ChunkSplitter(String document, long seed) {
        Random random = new Random(seed);
        List<String> chunks = new ArrayList<>();
        for (int from = 0; from < document.length(); ) {
            int to = Math.min(document.length(), from + 1 + random.nextInt(6));
            if (to < document.length() && Character.isHighSurrogate(document.charAt(to - 1))) {
                to++;
            }
            chunks.add(document.substring(from, to));
            from = to;
        }
        chars = chunks.toArray(String[]::new);
        text = document;
        charOffsets = new int[chars.length + 1];
        bytes = document.getBytes(StandardCharsets.UTF_8);
        byteOffsets = new int[chars.length + 1];
        for (int i = 0; i < chars.length; i++) {
            byteOffsets[i + 1] = byteOffsets[i] + chars[i].getBytes(StandardCharsets.UTF_8).length;
            charOffsets[i + 1] = charOffsets[i] + chars[i].length();
        }
    }
}
