package dev.instructor.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link OpenPath} against a walk of the snapshots themselves: {@code onlyStringGrew} is true exactly when the
 * containers of the open path show the same members and the same string is longer or as long, and {@code leaf} is the
 * value a walk reaches.
 */
class OpenPathTest {

    @ParameterizedTest
    @MethodSource("dev.instructor.json.ChunkFeeder#chunkSizes")
    void onlyStringGrew_inAStringValue_isTrueUntilItCompletes(int size) {
        String text = "{\"ideas\": [{\"title\": \"Capture\", \"blurb\": \"Write ideas down fast\"}]}";
        List<PartialValue> snapshots = present(ChunkFeeder.feedChars(PartialJsonParser.strict(), text, size));

        int grew = 0;
        for (int i = 1; i < snapshots.size(); i++) {
            PartialValue now = snapshots.get(i);
            PartialValue before = snapshots.get(i - 1);
            assertThat(OpenPath.onlyStringGrew(now, before))
                    .as("%s after %s", now, before)
                    .isEqualTo(walkSaysOnlyStringGrew(now, before));
            grew += OpenPath.onlyStringGrew(now, before) && now != before ? 1 : 0;
        }
        if (size == 1) {
            // "Capture" and "Write ideas down fast" grow one char at a time after their first char.
            assertThat(grew).isEqualTo("Capture".length() + "Write ideas down fast".length());
        }
    }

    @Test
    void onlyStringGrew_acrossDifferentParsersOrCompleteSnapshots_isFalse() {
        PartialJsonParser first = PartialJsonParser.strict();
        first.feed("{\"a\": \"xy");
        PartialValue a = first.snapshot().orElseThrow();
        PartialJsonParser second = PartialJsonParser.strict();
        second.feed("{\"a\": \"xyz");
        PartialValue b = second.snapshot().orElseThrow();
        first.feed("\"}");
        PartialValue complete = first.snapshot().orElseThrow();

        assertThat(OpenPath.onlyStringGrew(a, a)).isTrue();
        assertThat(OpenPath.onlyStringGrew(b, a)).isFalse();
        assertThat(OpenPath.onlyStringGrew(complete, a)).isFalse();
        assertThat(OpenPath.onlyStringGrew(complete, complete)).isFalse();
    }

    @Test
    void onlyStringGrew_aTopLevelString_comparesItsBuffer() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("\"ab");
        PartialValue ab = parser.snapshot().orElseThrow();
        parser.feed("cd");
        PartialValue abcd = parser.snapshot().orElseThrow();
        parser.feed("\"");
        PartialValue complete = parser.snapshot().orElseThrow();
        PartialJsonParser other = PartialJsonParser.strict();
        other.feed("\"abcde");

        assertThat(OpenPath.onlyStringGrew(abcd, ab)).isTrue();
        assertThat(OpenPath.onlyStringGrew(ab, abcd)).isFalse();
        assertThat(OpenPath.onlyStringGrew(complete, abcd)).isFalse();
        assertThat(OpenPath.onlyStringGrew(other.snapshot().orElseThrow(), abcd))
                .isFalse();
        assertThat(OpenPath.leaf(abcd)).isSameAs(abcd);
    }

    @Test
    void onlyStringGrew_randomDocumentsAndChunks_agreesWithAWalk() {
        int grew = 0;
        for (long seed = 0; seed < 1_500; seed++) {
            String text = RandomJson.document(seed, 5);
            Random random = new Random(seed);
            PartialJsonParser parser = seed % 2 == 0 ? PartialJsonParser.strict() : PartialJsonParser.lenient();
            List<PartialValue> snapshots = seed % 3 == 0
                    ? present(feedBytesRandom(parser, text.getBytes(StandardCharsets.UTF_8), random))
                    : present(ChunkFeeder.feedRandom(parser, text, random, 6));
            for (int i = 1; i < snapshots.size(); i++) {
                PartialValue now = snapshots.get(i);
                PartialValue before = snapshots.get(i - 1);
                boolean reported = OpenPath.onlyStringGrew(now, before);
                boolean walked = walkSaysOnlyStringGrew(now, before);
                if (now.type() == JsonType.STRING) {
                    // A top-level string may be reported as changed when it outgrows its buffer: never the reverse.
                    assertThat(!reported || walked)
                            .as("seed %d, %s after %s", seed, now, before)
                            .isTrue();
                } else {
                    assertThat(reported)
                            .as("seed %d, %s after %s", seed, now, before)
                            .isEqualTo(walked);
                }
                grew += reported ? 1 : 0;
                assertLeafIsWalkedLeaf(now);
            }
        }
        assertThat(grew).as("string growths seen").isGreaterThan(1_000);
    }

    @Test
    void leaf_isTheValueBeingWritten() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"items\": [{\"name\": \"Sou");
        PartialValue snapshot = parser.snapshot().orElseThrow();
        assertThat(((PartialString) OpenPath.leaf(snapshot)).value()).isEqualTo("Sou");

        parser.feed("p\", \"minutes\": 1");
        PartialValue betweenMembers = parser.snapshot().orElseThrow();
        PartialValue leaf = OpenPath.leaf(betweenMembers);
        assertThat(leaf.toJson()).isEqualTo("{\"name\":\"Soup\"}");
        assertThat(leaf.isComplete()).isFalse();

        parser.feed("0}]}");
        PartialValue complete = parser.snapshot().orElseThrow();
        assertThat(OpenPath.leaf(complete)).isSameAs(complete);
    }

    @Test
    void valueFrom_returnsTheTextAfterStart() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("[\"caf\\u00e9 na");
        PartialString open = (PartialString) OpenPath.leaf(parser.snapshot().orElseThrow());
        assertThat(open.valueFrom(0)).isEqualTo("café na");
        assertThat(open.valueFrom(3)).isEqualTo("é na");
        assertThat(open.valueFrom(7)).isEmpty();
        String before = open.value();
        parser.feed("ïve\"]");
        PartialString complete =
                (PartialString) ((PartialArray) parser.snapshot().orElseThrow()).get(0);
        assertThat(before.concat(complete.valueFrom(before.length()))).isEqualTo("café naïve");
        assertThat(complete.valueFrom(4)).isEqualTo(" naïve"); // after value() was memoised
        assertThatThrownBy(() -> open.valueFrom(8)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> open.valueFrom(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /**
     * Walks both snapshots: true when their open paths have the same containers with the same members (complete ones
     * by identity, open ones at the same index) and end in open strings, the later one extending the earlier.
     */
    private static boolean walkSaysOnlyStringGrew(PartialValue now, PartialValue before) {
        if (now.isComplete() || before.isComplete()) {
            return false;
        }
        PartialValue a = now;
        PartialValue b = before;
        while (true) {
            if (a.type() != b.type()) {
                return false;
            }
            switch (a.type()) {
                case STRING -> {
                    String grown = ((PartialString) a).value();
                    String earlier = ((PartialString) b).value();
                    return !a.isComplete() && !b.isComplete() && grown.startsWith(earlier);
                }
                case OBJECT, ARRAY -> {
                    List<PartialValue> x = members(a);
                    List<PartialValue> y = members(b);
                    int open = openIndex(x);
                    if (x.size() != y.size() || open < 0 || open != openIndex(y) || !keys(a).equals(keys(b))) {
                        return false;
                    }
                    for (int i = 0; i < x.size(); i++) {
                        if (i != open && x.get(i) != y.get(i)) {
                            return false;
                        }
                    }
                    a = x.get(open);
                    b = y.get(open);
                }
                default -> {
                    return false;
                }
            }
        }
    }

    private static void assertLeafIsWalkedLeaf(PartialValue snapshot) {
        PartialValue walked = snapshot;
        while (!walked.isComplete() && walked.type() != JsonType.STRING) {
            List<PartialValue> members = members(walked);
            int open = openIndex(members);
            if (open < 0) {
                break;
            }
            walked = members.get(open);
        }
        PartialValue leaf = OpenPath.leaf(snapshot);
        String text = OpenPath.leafText(snapshot);
        if (walked.type() == JsonType.STRING && !walked.isComplete()) {
            assertThat(text).isEqualTo(((PartialString) walked).value());
        } else {
            assertThat(text).isNull();
        }
        assertThat(leaf.type()).isEqualTo(walked.type());
        assertThat(leaf.toJson()).isEqualTo(walked.toJson());
        assertThat(leaf.isComplete()).isEqualTo(walked.isComplete());
        if (walked.type() != JsonType.STRING) {
            assertThat(leaf).isSameAs(walked);
        }
    }

    private static List<PartialValue> members(PartialValue container) {
        if (container instanceof PartialObject object) {
            List<PartialValue> values = new ArrayList<>();
            for (int i = 0; i < object.size(); i++) {
                values.add(object.valueAt(i));
            }
            return values;
        }
        return ((PartialArray) container).items();
    }

    /** Returns the index of the member still being written, or -1; a repeated key's may be before the last. */
    private static int openIndex(List<PartialValue> members) {
        for (int i = 0; i < members.size(); i++) {
            if (!members.get(i).isComplete()) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> keys(PartialValue container) {
        return container instanceof PartialObject object ? object.keys() : List.of();
    }

    private static List<Optional<PartialValue>> feedBytesRandom(PartialJsonParser parser, byte[] bytes, Random random) {
        List<Optional<PartialValue>> snapshots = new ArrayList<>();
        for (int from = 0; from < bytes.length; ) {
            int length = Math.min(bytes.length - from, 1 + random.nextInt(6));
            parser.feed(bytes, from, length);
            snapshots.add(parser.snapshot());
            from += length;
        }
        return snapshots;
    }

    private static List<PartialValue> present(List<Optional<PartialValue>> snapshots) {
        List<PartialValue> values = new ArrayList<>();
        for (Optional<PartialValue> snapshot : snapshots) {
            snapshot.ifPresent(values::add);
        }
        return values;
    }
}
