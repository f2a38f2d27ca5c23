package dev.instructor.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Documents whose string is a few chars shorter or longer than the string length limit, for the short paths: they
 * store six chars whatever a chunk's length, so near the end of the buffer or the limit they must leave the chunk to
 * the general path, which grows the buffer or fails at the limit's offset.
 */
final class StringsAroundTheLimit {
    /** A document, the limits it is parsed under, and whether its string fits them. */
    record Case(String document, int limit, boolean fits) {
        JsonLimits limits() {
            return JsonLimits.builder().maxStringLength(limit).build();
        }

        @Override
        public String toString() {
            return document + " limited to " + limit;
        }
    }

    private StringsAroundTheLimit() {}

    /** Limits 1 to 40, and for each a string of every length from 7 below to 7 above it, followed by another. */
    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (int limit = 1; limit <= 40; limit++) {
            for (int length = Math.max(0, limit - 7); length <= limit + 7; length++) {
                String document = "[\"" + "abcdefghij".repeat(5).substring(0, length) + "\", \"x\"]";
                cases.add(new Case(document, limit, length <= limit));
            }
        }
        return cases;
    }
}
