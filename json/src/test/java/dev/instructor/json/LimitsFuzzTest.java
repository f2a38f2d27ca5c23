package dev.instructor.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeded random documents parsed under limits set just below, at and just above their own extremes (deepest nesting,
 * longest string, name and number), fed whole, in random text chunks and in random UTF-8 chunks: a document fails
 * exactly when it exceeds a limit, with that limit, at the same place in every feeding. The extremes are measured
 * independently of the parser, with Jackson and a scan of the text.
 */
class LimitsFuzzTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int DOCUMENTS = 1_500;

    /** A document's extremes, in the units its limits count: containers, and chars of decoded text or of a number. */
    record Extremes(int depth, int string, int name, int number) {}

    @Test
    void structuralLimits_failExactlyWhenTheDocumentExceedsOne_inEveryFeeding() {
        int failed = 0;
        for (long seed = 0; seed < DOCUMENTS; seed++) {
            String text = RandomJson.document(seed, 6);
            Extremes extremes = extremes(text);
            Random random = new Random(seed);
            int depth = around(extremes.depth(), random);
            int string = around(extremes.string(), random);
            int name = around(extremes.name(), random);
            int number = around(extremes.number(), random);
            JsonLimits limits = JsonLimits.builder()
                    .maxNestingDepth(depth)
                    .maxStringLength(string)
                    .maxNameLength(name)
                    .maxNumberLength(number)
                    .build();
            Set<JsonLimits.Limit> exceeded = EnumSet.noneOf(JsonLimits.Limit.class);
            if (extremes.depth() > depth) {
                exceeded.add(JsonLimits.Limit.NESTING_DEPTH);
            }
            if (extremes.string() > string) {
                exceeded.add(JsonLimits.Limit.STRING_LENGTH);
            }
            if (extremes.name() > name) {
                exceeded.add(JsonLimits.Limit.NAME_LENGTH);
            }
            if (extremes.number() > number) {
                exceeded.add(JsonLimits.Limit.NUMBER_LENGTH);
            }
            String what = "seed " + seed + ", " + extremes + ", " + limits + ": " + text;

            JsonLimitException whole = outcome(limits, text, 0, seed, what);
            JsonLimitException chunked = outcome(limits, text, 6, seed, what);
            JsonLimitException bytes = outcomeOfBytes(limits, text, seed, what);
            if (exceeded.isEmpty()) {
                assertThat(whole).as(what).isNull();
                assertThat(chunked).as(what).isNull();
                assertThat(bytes).as(what).isNull();
                continue;
            }
            failed++;
            assertThat(whole).as(what).isNotNull();
            assertThat(exceeded).as(what).contains(whole.limit());
            for (JsonLimitException other : new JsonLimitException[] {chunked, bytes}) {
                assertThat(other).as(what).isNotNull();
                assertThat(other.limit()).as(what).isEqualTo(whole.limit());
                assertThat(other.line()).as(what).isEqualTo(whole.line());
                assertThat(other.column()).as(what).isEqualTo(whole.column());
            }
            assertThat(chunked.offset()).as(what).isEqualTo(whole.offset());
            assertThat(bytes.offset()).as(what).isEqualTo(byteOffset(text, (int) whole.offset()));
        }
        // Both outcomes are well represented.
        assertThat(failed).as("documents that exceeded a limit").isBetween(DOCUMENTS / 4, DOCUMENTS * 9 / 10);
    }

    @Test
    void documentLength_failsExactlyBeyondIt_countingCharsOrBytes() {
        for (long seed = 0; seed < DOCUMENTS; seed++) {
            String text = RandomJson.document(seed, 6);
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            for (int delta : new int[] {-1, 0}) {
                String what = "seed " + seed + ", limit " + delta + ": " + text;
                if (text.length() + delta >= 1) {
                    JsonLimits limits = JsonLimits.builder()
                            .maxDocumentLength(text.length() + delta)
                            .build();
                    JsonLimitException chars = outcome(limits, text, 6, seed, what);
                    expectDocumentLength(chars, delta, text.length(), what);
                }
                if (utf8.length + delta >= 1) {
                    JsonLimits limits = JsonLimits.builder()
                            .maxDocumentLength(utf8.length + delta)
                            .build();
                    expectDocumentLength(outcomeOfBytes(limits, text, seed, what), delta, utf8.length, what);
                }
            }
        }
    }

    private static void expectDocumentLength(JsonLimitException e, int delta, int length, String what) {
        if (delta == 0) {
            assertThat(e).as(what).isNull();
            return;
        }
        assertThat(e).as(what).isNotNull();
        assertThat(e.limit()).as(what).isEqualTo(JsonLimits.Limit.DOCUMENT_LENGTH);
        assertThat(e.offset()).as(what).isEqualTo(length + delta);
    }

    /** Returns a limit at, just below or just above {@code extreme} (never below 1). */
    private static int around(int extreme, Random random) {
        return Math.max(1, extreme + random.nextInt(3) - 1);
    }

    /** Parses {@code text} in random chunks of up to {@code maxChunk} chars (0: whole); returns the limit error. */
    private static JsonLimitException outcome(JsonLimits limits, String text, int maxChunk, long seed, String what) {
        return limitError(limits, what, parser -> {
            if (maxChunk == 0) {
                parser.feed(text);
            } else {
                ChunkFeeder.feedRandom(parser, text, new Random(seed), maxChunk);
            }
        });
    }

    /** Parses {@code text} as UTF-8 in random chunks of 1 to 7 bytes; returns the limit error, if any. */
    private static JsonLimitException outcomeOfBytes(JsonLimits limits, String text, long seed, String what) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(seed + 1);
        return limitError(limits, what, parser -> {
            for (int from = 0; from < bytes.length; ) {
                int length = Math.min(bytes.length - from, 1 + random.nextInt(7));
                parser.feed(bytes, from, length);
                from += length;
            }
        });
    }

    /** Feeds a new parser under {@code limits} and finishes it; returns its limit error, or null when there is none. */
    private static JsonLimitException limitError(JsonLimits limits, String what, Consumer<PartialJsonParser> feeding) {
        PartialJsonParser parser = PartialJsonParser.builder().limits(limits).build();
        try {
            feeding.accept(parser);
            parser.finish();
            return null;
        } catch (JsonLimitException e) {
            return e;
        } catch (JsonParseException e) {
            return fail("%s: %s", what, e);
        }
    }

    /** Returns the byte offset of char {@code at}: of its sequence's first byte, for the second half of a pair. */
    private static int byteOffset(String text, int at) {
        int start =
                at > 0 && Character.isLowSurrogate(text.charAt(at)) && Character.isHighSurrogate(text.charAt(at - 1))
                        ? at - 1
                        : at;
        return text.substring(0, start).getBytes(StandardCharsets.UTF_8).length;
    }

    /** Measures the extremes: nesting, strings and names from Jackson's tree, numbers from the text itself. */
    private static Extremes extremes(String text) {
        int[] found = new int[3]; // depth, string, name
        measure(MAPPER.readTree(text), 0, found);
        return new Extremes(found[0], found[1], found[2], longestNumber(text));
    }

    private static void measure(JsonNode node, int depth, int[] found) {
        if (node.isString()) {
            found[1] = Math.max(found[1], node.stringValue().length());
        } else if (node.isContainer()) {
            found[0] = Math.max(found[0], depth + 1);
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    found[2] = Math.max(found[2], member.getKey().length());
                    measure(member.getValue(), depth + 1, found);
                }
            } else {
                for (JsonNode item : node.values()) {
                    measure(item, depth + 1, found);
                }
            }
        }
    }

    /** Returns the length of the longest number token in {@code text}, whose strings are skipped with their escapes. */
    private static int longestNumber(String text) {
        int longest = 0;
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c == '"') {
                for (i++; text.charAt(i) != '"'; i++) {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                }
                i++;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int start = i;
                while (i < text.length() && "0123456789+-.eE".indexOf(text.charAt(i)) >= 0) {
                    i++;
                }
                longest = Math.max(longest, i - start);
            } else {
                i++;
            }
        }
        return longest;
    }
}
