package dev.instructor.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Cuts text into chunks of random length, the way an LLM's token stream arrives: a seeded generator makes the same
 * cut every run, so a demo or a test can be repeated exactly.
 */
final class ChunkSplitter {
    private final int maxChunk;
    private final long seed;

    /**
     * @param maxChunk the longest chunk, at least 1
     * @param seed seed of the generator that draws each chunk's length
     */
    ChunkSplitter(int maxChunk, long seed) {
        if (maxChunk < 1) {
            throw new IllegalArgumentException("maxChunk must be at least 1 but was " + maxChunk);
        }
        this.maxChunk = maxChunk;
        this.seed = seed;
    }

    /** Returns the chunks of {@code text}, each 1 to {@code maxChunk} chars long, in order. */
    List<String> split(String text) {
        Random random = new Random(seed);
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + 1 + random.nextInt(maxChunk));
            chunks.add(text.substring(start, end));
            start = end;
        }
        return chunks;
    }
}
