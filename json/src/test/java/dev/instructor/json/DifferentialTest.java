package dev.instructor.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares the parser with Jackson on thousands of seeded random documents fed in random chunks: the final value
 * is the one Jackson reads, and every snapshot grows from the one before (see {@link Monotonicity}).
 */
class DifferentialTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int DOCUMENTS = 3_000;

    @Test
    void feedChars_randomChunks_agreesWithJacksonAndGrows() {
        for (long seed = 0; seed < DOCUMENTS; seed++) {
            String text = RandomJson.document(seed, 6);
            PartialJsonParser parser = PartialJsonParser.strict();
            List<Optional<PartialValue>> snapshots = ChunkFeeder.feedRandom(parser, text, new Random(seed), 8);
            assertAgrees(seed, text, parser, snapshots);
        }
    }

    @Test
    void feedBytes_randomChunks_agreesWithJacksonAndGrows() {
        for (long seed = 0; seed < DOCUMENTS; seed++) {
            String text = RandomJson.document(seed + 1_000_000, 6);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Random random = new Random(seed);
            PartialJsonParser parser = PartialJsonParser.strict();
            List<Optional<PartialValue>> snapshots = new java.util.ArrayList<>();
            for (int from = 0; from < bytes.length; ) {
                int length = Math.min(bytes.length - from, 1 + random.nextInt(8));
                parser.feed(bytes, from, length);
                snapshots.add(parser.snapshot());
                from += length;
            }
            assertAgrees(seed, text, parser, snapshots);
        }
    }

    @Test
    void snapshots_areValidJson() {
        for (long seed = 0; seed < 300; seed++) {
            String text = RandomJson.document(seed, 5);
            PartialJsonParser parser = PartialJsonParser.strict();
            for (Optional<PartialValue> snapshot : ChunkFeeder.feedRandom(parser, text, new Random(seed), 4)) {
                snapshot.ifPresent(value -> MAPPER.readTree(value.toJson()));
            }
        }
    }

    /**
     * A snapshot walked only after the parser went on renders as it did when taken: its lazily made open nodes and
     * the string buffers it shares see nothing written later. A twin parser fed the same chunks renders each snapshot
     * at once, for comparison.
     */
    @Test
    void snapshots_walkedAfterLaterFeeds_showWhatTheyShowedWhenTaken() {
        for (long seed = 0; seed < 500; seed++) {
            String text = RandomJson.document(seed + 3_000_000, 6);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Random random = new Random(seed);
            boolean utf8 = random.nextBoolean();
            int length = utf8 ? bytes.length : text.length();
            PartialJsonParser parser = PartialJsonParser.strict();
            PartialJsonParser twin = PartialJsonParser.strict();
            List<PartialValue> kept = new java.util.ArrayList<>();
            List<String> renderedAtOnce = new java.util.ArrayList<>();
            for (int from = 0; from < length; ) {
                int to = Math.min(length, from + 1 + random.nextInt(6));
                for (PartialJsonParser each : List.of(parser, twin)) {
                    if (utf8) {
                        each.feed(bytes, from, to - from);
                    } else {
                        each.feed(text, from, to - from);
                    }
                }
                PartialValue now = twin.current();
                if (now != null) {
                    kept.add(parser.current());
                    renderedAtOnce.add(
                            now.toJson() + " leaf " + OpenPath.leaf(now).toJson());
                }
                from = to;
            }
            parser.finish();
            for (int i = 0; i < kept.size(); i++) {
                PartialValue snapshot = kept.get(i);
                assertThat(snapshot.toJson() + " leaf "
                                + OpenPath.leaf(snapshot).toJson())
                        .as("seed %d, snapshot %d of %s", seed, i, text)
                        .isEqualTo(renderedAtOnce.get(i));
            }
        }
    }

    @Test
    void pathsAfterEachChunk_areThoseOfAParserFedEverythingAtOnce() {
        // The parser remembers its last active path and reuses it while the open value stays the same; a fresh parser
        // fed the same text in one piece has no such memory.
        for (long seed = 0; seed < 500; seed++) {
            String text = RandomJson.document(seed + 2_000_000, 5);
            Random random = new Random(seed);
            PartialJsonParser parser = PartialJsonParser.strict();
            for (int from = 0; from < text.length(); ) {
                int to = Math.min(text.length(), from + 1 + random.nextInt(6));
                parser.feed(text, from, to - from);
                PartialJsonParser fresh = PartialJsonParser.strict();
                fresh.feed(text.substring(0, to));
                assertThat(parser.activePath())
                        .as("seed %d after %s", seed, text.substring(0, to))
                        .isEqualTo(fresh.activePath());
                from = to;
            }
        }
    }

    private static void assertAgrees(
            long seed, String text, PartialJsonParser parser, List<Optional<PartialValue>> snapshots) {
        PartialValue result = parser.finish();
        JsonNode expected = MAPPER.readTree(text);
        assertThat(MAPPER.readTree(result.toJson()))
                .as("seed %d: %s", seed, text)
                .isEqualTo(expected);
        snapshots.add(Optional.of(result));
        Monotonicity.assertGrows(snapshots);
    }
}
