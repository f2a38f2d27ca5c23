package dev.instructor.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random documents in which objects (some with up to 80 members) repeat keys with every kind of value, fed in
 * chunks of 1 to 7 or 1 to 200 chars: the complete value has each object's distinct keys in first-seen order with the
 * last value, and {@link PartialObject#repeatedKeys()} counts every repeat exactly once.
 */
class RepeatedKeysFuzzTest {
    /** Expected: for an object, its deduped members and repeat count; for an array, its items. */
    record Expected(boolean object, Map<String, Expected> members, List<Expected> items, int repeats, String scalar) {}

    private Random random;

    private String gen(int depth, List<Expected> out) {
        int kind = depth > 3 ? 2 + random.nextInt(4) : random.nextInt(6);
        switch (kind) {
            case 0: {
                StringBuilder sb = new StringBuilder("{");
                Map<String, Expected> members = new LinkedHashMap<>();
                int repeats = 0;
                int n = random.nextInt(random.nextInt(5) == 0 ? 80 : 6);
                for (int i = 0; i < n; i++) {
                    String key = "k" + random.nextInt(Math.max(1, n / 2 + 1));
                    List<Expected> v = new ArrayList<>();
                    String json = gen(depth + 1, v);
                    if (members.containsKey(key)) {
                        repeats++;
                    }
                    members.put(key, v.get(0));
                    sb.append(i == 0 ? "" : ",")
                            .append('"')
                            .append(key)
                            .append("\":")
                            .append(json);
                }
                out.add(new Expected(true, members, null, repeats, null));
                return sb.append('}').toString();
            }
            case 1: {
                StringBuilder sb = new StringBuilder("[");
                List<Expected> items = new ArrayList<>();
                int n = random.nextInt(random.nextInt(5) == 0 ? 80 : 6);
                for (int i = 0; i < n; i++) {
                    List<Expected> v = new ArrayList<>();
                    sb.append(i == 0 ? "" : ",").append(gen(depth + 1, v));
                    items.add(v.get(0));
                }
                out.add(new Expected(false, null, items, 0, null));
                return sb.append(']').toString();
            }
            case 2: {
                String s = "\"s" + "x".repeat(random.nextInt(5)) + "\"";
                out.add(new Expected(false, null, null, 0, s));
                return s;
            }
            case 3: {
                String s = Integer.toString(random.nextInt(100000) - 50);
                out.add(new Expected(false, null, null, 0, s));
                return s;
            }
            case 4:
                out.add(new Expected(false, null, null, 0, "true"));
                return "true";
            default:
                out.add(new Expected(false, null, null, 0, "null"));
                return "null";
        }
    }

    private static void check(Expected exp, PartialValue value, String where) {
        if (exp.object()) {
            PartialObject o = (PartialObject) value;
            assertThat(o.repeatedKeys()).as(where).isEqualTo(exp.repeats());
            assertThat(o.keys())
                    .as(where)
                    .containsExactlyElementsOf(exp.members().keySet());
            for (Map.Entry<String, Expected> e : exp.members().entrySet()) {
                check(e.getValue(), o.get(e.getKey()), where + "/" + e.getKey());
            }
        } else if (exp.items() != null) {
            PartialArray a = (PartialArray) value;
            assertThat(a.size()).as(where).isEqualTo(exp.items().size());
            for (int i = 0; i < a.size(); i++) {
                check(exp.items().get(i), a.get(i), where + "/" + i);
            }
        } else {
            assertThat(value.toJson()).as(where).isEqualTo(exp.scalar());
        }
    }

    /** Returns {@code json} without the quotes and brackets a snapshot's rendering closes open values with. */
    private static String withoutClosers(String json) {
        int end = json.length();
        while (end > 0 && "]}\"".indexOf(json.charAt(end - 1)) >= 0) {
            end--;
        }
        return json.substring(0, end);
    }

    /**
     * The root object's count never decreases while it streams, and the complete document rendered as written is its
     * text.
     */
    @Test
    void repeatedKeys_countsEveryRepeat_andEarlierSnapshotsNeverChange() {
        for (long seed = 0; seed < 600; seed++) {
            random = new Random(seed);
            List<Expected> root = new ArrayList<>();
            String json;
            do {
                root.clear();
                json = gen(0, root);
            } while (!json.startsWith("{") && !json.startsWith("["));
            PartialJsonParser parser = PartialJsonParser.strict();
            List<PartialValue> snaps = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            List<String> writtenTexts = new ArrayList<>();
            int max = 1 + random.nextInt(random.nextBoolean() ? 7 : 200);
            int lastRootRepeats = 0;
            for (int at = 0; at < json.length(); ) {
                int end = Math.min(json.length(), at + 1 + random.nextInt(max));
                parser.feed(json.substring(at, end));
                at = end;
                PartialValue s = parser.snapshot().orElse(null);
                if (s != null) {
                    if (snaps.isEmpty() || random.nextInt(8) == 0) {
                        // A sample: rendering every snapshot of a long document at 1-char chunks is quadratic.
                        snaps.add(s);
                        texts.add(s.toJson());
                        // As written, the snapshot is the text read so far, closed: checked for every fourth sample,
                        // as it renders the repeats too.
                        String written = snaps.size() % 4 == 1 ? s.toWrittenJson() : null;
                        writtenTexts.add(written);
                        if (written != null && !json.startsWith(withoutClosers(written))) {
                            assertThat(written)
                                    .as("seed " + seed + " written at " + at)
                                    .isEqualTo(json);
                        }
                    }
                    if (s instanceof PartialObject o) {
                        assertThat(o.repeatedKeys())
                                .as("seed " + seed + " monotonic")
                                .isGreaterThanOrEqualTo(lastRootRepeats);
                        lastRootRepeats = o.repeatedKeys();
                    }
                }
            }
            PartialValue fin = parser.finish();
            check(root.get(0), fin, "seed " + seed + " " + json);
            assertThat(fin.toWrittenJson()).as("seed " + seed + " as written").isEqualTo(json);
            for (int i = 0; i < snaps.size(); i++) {
                assertThat(snaps.get(i).toJson())
                        .as("seed " + seed + " snapshot " + i + " changed")
                        .isEqualTo(texts.get(i));
                if (writtenTexts.get(i) != null) {
                    assertThat(snaps.get(i).toWrittenJson())
                            .as("seed " + seed + " snapshot " + i + " changed as written")
                            .isEqualTo(writtenTexts.get(i));
                }
            }
        }
    }

    @Test
    void writtenKeysAndValues_everyOccurrenceInOrder_theOpenMemberLast() {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"a\":1,\"b\":\"x\"");
        PartialObject before = (PartialObject) parser.snapshot().orElseThrow();
        parser.feed(",\"a\":[3");
        PartialObject open = (PartialObject) parser.snapshot().orElseThrow();
        parser.feed("],\"c\":4}");
        PartialObject complete = (PartialObject) parser.finish();

        assertThat(before.writtenKeys()).containsExactly("a", "b");
        assertThat(open.keys()).containsExactly("a", "b");
        assertThat(open.writtenKeys()).containsExactly("a", "b", "a");
        assertThat(complete.writtenKeys()).containsExactly("a", "b", "a", "c");
        assertThat(before.writtenKeys()).as("a snapshot never changes").containsExactly("a", "b");

        assertThat(before.writtenValues()).extracting(PartialValue::toJson).containsExactly("1", "\"x\"");
        assertThat(open.writtenValues()).extracting(PartialValue::toJson).containsExactly("1", "\"x\"", "[]");
        assertThat(open.writtenValues().get(2).isComplete()).isFalse();
        assertThat(complete.writtenValues()).extracting(PartialValue::toJson).containsExactly("1", "\"x\"", "[3]", "4");
        assertThat(complete.get("a").toJson()).isEqualTo("[3]");
        assertThat(before.writtenValues()).as("a snapshot never changes").hasSize(2);
    }
}
