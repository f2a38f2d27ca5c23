package dev.instructor.sse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class DeltaEncoderTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void encode_listOfObjectsTokenByToken() {
        assertThat(patches(
                        "[",
                        "{\"title\":\"",
                        "Note",
                        " Ninja",
                        "\",\"blurb\":\"",
                        "Capture",
                        " ideas",
                        "\"}",
                        ",{\"title\":\"Think\"}]"))
                .containsExactly(
                        "{\"p\":\"\",\"v\":[]}",
                        "{\"p\":\"/0\",\"v\":{\"title\":\"\"}}",
                        "{\"p\":\"/0/title\",\"a\":\"Note\"}",
                        "\" Ninja\"",
                        "{\"p\":\"/0/blurb\",\"v\":\"\"}",
                        "\"Capture\"",
                        "\" ideas\"",
                        null,
                        "{\"p\":\"/1\",\"v\":{\"title\":\"Think\"}}");
    }

    @Test
    void encode_severalChangesInOnePatchAsArray() {
        assertThat(patches("[{\"title\":\"Note", " Ninja\"},{\"title\":\"Th", "ink\",\"n\":1}]"))
                .containsExactly(
                        "{\"p\":\"\",\"v\":[{\"title\":\"Note\"}]}",
                        "[{\"p\":\"/0/title\",\"a\":\" Ninja\"},{\"p\":\"/1\",\"v\":{\"title\":\"Th\"}}]",
                        "[{\"p\":\"/1/title\",\"a\":\"ink\"},{\"p\":\"/1/n\",\"v\":1}]");
    }

    @Test
    void encode_escapesAndNonAsciiTextWrittenAsThemselves() {
        assertThat(patches("{\"s\":\"a\\\"", "b\\n", "😀é", "\\u00e9\\t\"}"))
                .containsExactly(
                        "{\"p\":\"\",\"v\":{\"s\":\"a\\\"\"}}", "{\"p\":\"/s\",\"a\":\"b\\n\"}", "\"😀é\"", "\"é\\t\"");
    }

    @Test
    void encode_memberNamesEscapedAsJsonPointer() {
        assertThat(patches("{\"a/b\":{\"~c\":\"", "x", "\"}}"))
                .containsExactly(
                        "{\"p\":\"\",\"v\":{\"a/b\":{\"~c\":\"\"}}}", "{\"p\":\"/a~1b/~0c\",\"a\":\"x\"}", null);
    }

    @Test
    void encode_nestedLongStringContinuesAtCursorAcrossPatches() {
        List<String> chunks = new ArrayList<>(List.of("{\"a\":{\"b\":[1,{\"c\":\""));
        for (int i = 0; i < 5; i++) {
            chunks.add("word" + i + " ");
        }
        chunks.add("\"}]}}");
        assertThat(patches(chunks.toArray(String[]::new)))
                .containsExactly(
                        "{\"p\":\"\",\"v\":{\"a\":{\"b\":[1,{\"c\":\"\"}]}}}",
                        "{\"p\":\"/a/b/1/c\",\"a\":\"word0 \"}",
                        "\"word1 \"",
                        "\"word2 \"",
                        "\"word3 \"",
                        "\"word4 \"",
                        null);
    }

    @Test
    void encode_repeatedKeyReplacesEarlierMember() {
        assertThat(patches("{\"k\":\"ab\",\"x\":1,\"k\":\"", "xyz", "\"}"))
                .containsExactly("{\"p\":\"\",\"v\":{\"k\":\"\",\"x\":1}}", "{\"p\":\"/k\",\"a\":\"xyz\"}", null);
    }

    @Test
    void reset_startsOverWithWholeValue() {
        DeltaEncoder encoder = new DeltaEncoder();
        List<PartialValue> snapshots = Snapshots.fixed("{\"a\":\"xy\"}", 100);
        encoder.encode(snapshots.get(0));
        encoder.reset();
        assertThat(encoder.encode(snapshots.get(0))).isEqualTo("{\"p\":\"\",\"v\":{\"a\":\"xy\"}}");
    }

    /** The equivalence rule of section 5.2: after each patch the client's value is the snapshot of that step. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void encode_decodedPatchesEqualEverySnapshot(boolean repeatKeys) {
        for (long seed = 0; seed < 400; seed++) {
            Random random = new Random(seed);
            String json = RandomDocuments.document(random, 4, repeatKeys);
            List<PartialValue> snapshots = Snapshots.random(json, random, 1 + random.nextInt(7));
            DeltaEncoder encoder = new DeltaEncoder();
            TestDeltaDecoder decoder = new TestDeltaDecoder();
            // Skipping partials models pacing: a patch may cover several of the engine's steps.
            int stride = 1 + random.nextInt(3);
            for (int i = 0; i < snapshots.size(); i++) {
                if (i % stride != 0 && i != snapshots.size() - 1) {
                    continue;
                }
                PartialValue snapshot = snapshots.get(i);
                String patch = encoder.encode(snapshot);
                if (patch != null) {
                    decoder.apply(patch);
                }
                assertThat(decoder.value())
                        .as("seed %d, step %d of %s", seed, i, json)
                        .isEqualTo(MAPPER.readTree(snapshot.toJson()));
            }
        }
    }

    @Test
    void encode_bytesGrowLinearlyForALongList() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 300; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"title\":\"Idea ")
                    .append(i)
                    .append("\",\"blurb\":\"");
            json.append("a sentence of several words about the idea ".repeat(2)).append("\"}");
        }
        json.append(']');
        DeltaEncoder encoder = new DeltaEncoder();
        long bytes = 0;
        for (PartialValue snapshot : Snapshots.fixed(json.toString(), 6)) {
            String patch = encoder.encode(snapshot);
            bytes += patch == null ? 0 : patch.length() + "data:\n\n".length();
        }
        // Six chars per event and 7 to 9 bytes of framing: about 2.5x, far from the snapshot format's n squared.
        assertThat(bytes).isLessThan(3L * json.length());
    }

    private static List<String> patches(String... chunks) {
        PartialJsonParser parser = PartialJsonParser.strict();
        DeltaEncoder encoder = new DeltaEncoder();
        List<String> out = new ArrayList<>();
        for (String chunk : chunks) {
            parser.feed(chunk);
            out.add(encoder.encode(parser.snapshot().orElseThrow()));
        }
        return Arrays.asList(out.toArray(String[]::new));
    }
}
