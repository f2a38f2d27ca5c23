package dev.instructor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Seeded random documents of nested records, lists, lists of lists, a setter bean and a record whose constructor
 * rejects some input, with unknown members, escapes and surrogate pairs, and (in one test) repeated keys, fed in random
 * chunks. One binder sees every snapshot in order, as a stream does, and must give what a binder that sees only that
 * snapshot gives; a partial handed out earlier must never change afterwards.
 */
class PartialBinderFuzzTest {
    record Leaf(String a, String b, int n) {}

    /** Rejects a {@code q} in {@code a}: partials holding one are left out, as a fresh bind leaves them out. */
    record Picky(String a, String b) {
        Picky {
            if (a != null && a.contains("q")) {
                throw new IllegalArgumentException("q in a");
            }
        }
    }

    /** Bound through setters. */
    public static final class Bean {
        private String x;
        private List<String> ys;
        private Leaf leaf;

        public String getX() {
            return x;
        }

        public void setX(String x) {
            this.x = x;
        }

        public List<String> getYs() {
            return ys;
        }

        public void setYs(List<String> ys) {
            this.ys = ys;
        }

        public Leaf getLeaf() {
            return leaf;
        }

        public void setLeaf(Leaf leaf) {
            this.leaf = leaf;
        }
    }

    record Node(
            String name,
            List<String> tags,
            Leaf leaf,
            List<Leaf> leaves,
            List<List<String>> grid,
            Bean bean,
            List<Picky> pickies,
            long count,
            Map<String, Leaf> byName,
            Set<String> labels,
            Set<Leaf> leafSet) {}

    private static final List<String> POINTERS = List.of(
            "",
            "/name",
            "/leaf/a",
            "/leaves/0/b",
            "/bean/x",
            "/0/name",
            "/pickies/0/a",
            "/grid/1/0",
            "/byName/k1/a",
            "/byName/zz");

    @Test
    void nodes_streamedPartialsEqualFreshBinds() {
        ResponseModel<Node> model = ResponseModel.of(Node.class);
        for (long seed = 0; seed < 1_500; seed++) {
            Random random = new Random(seed);
            assertStreamMatchesFreshBinds(model, new Documents(random, false).node(), random, "seed " + seed);
        }
    }

    @Test
    void nodesWithRepeatedKeys_streamedPartialsEqualFreshBinds() {
        ResponseModel<Node> model = ResponseModel.of(Node.class);
        for (long seed = 0; seed < 1_500; seed++) {
            Random random = new Random(seed);
            assertStreamMatchesFreshBinds(model, new Documents(random, true).node(), random, "seed " + seed);
        }
    }

    /**
     * Long chunks too: a repeated key can then arrive in the same chunk as the end of the value it replaces, right
     * after a partial that only extended that value's open string.
     */
    @Test
    void nodesWithRepeatedKeys_longChunks_streamedPartialsEqualFreshBinds() {
        ResponseModel<Node> model = ResponseModel.of(Node.class);
        for (long seed = 0; seed < 1_500; seed++) {
            Random random = new Random(seed);
            assertStreamMatchesFreshBinds(model, new Documents(random, true).node(), random, 60, "seed " + seed);
        }
    }

    @Test
    void listsOfNodes_streamedPartialsEqualFreshBinds() {
        ResponseModel<List<Node>> model = ResponseModel.of(new TypeRef<List<Node>>() {});
        for (long seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            Documents documents = new Documents(random, false);
            String json = "{\"items\":" + documents.list(documents::node) + "}";
            assertStreamMatchesFreshBinds(model, json, random, "seed " + seed);
        }
    }

    private static <T> void assertStreamMatchesFreshBinds(
            ResponseModel<T> model, String json, Random random, String label) {
        // Mostly token-sized chunks; sometimes long ones, which complete several values and start others at once.
        assertStreamMatchesFreshBinds(model, json, random, random.nextInt(4) == 0 ? 60 : 5, label);
    }

    private static <T> void assertStreamMatchesFreshBinds(
            ResponseModel<T> model, String json, Random random, int maxChunk, String label) {
        List<String> chunks = Streamer.randomChunks(json, random, maxChunk);
        // By JSON only: Bean has no equals.
        Streamer.assertEachPartialMatchesAFreshBind(model, chunks, POINTERS, value -> false, label);
    }

    /** Writes random documents; with {@code repeat}, an object sometimes repeats one of its keys with a new value. */
    private static final class Documents {
        private static final String[] PARTS = {
            "a", "b", "q", "é", "日", "\\\"", "\\n", "\\u00e9", "\\ud83c\\udf75", "🍵", " "
        };

        private final Random random;
        private final boolean repeat;

        Documents(Random random, boolean repeat) {
            this.random = random;
            this.repeat = repeat;
        }

        String node() {
            List<String[]> members = new ArrayList<>();
            members.add(member("name", this::word));
            members.add(member("tags", this::words));
            members.add(member("leaf", this::leaf));
            members.add(member("leaves", () -> list(this::leaf)));
            members.add(member("grid", () -> list(this::words)));
            members.add(member("bean", this::bean));
            members.add(member("pickies", () -> list(this::picky)));
            members.add(member("count", () -> Integer.toString(random.nextInt(1000))));
            members.add(member("byName", this::leavesByName));
            members.add(member("labels", () -> list(this::word, 20)));
            members.add(member("leafSet", () -> list(this::leaf, 12)));
            Collections.shuffle(members, random);
            return object(members);
        }

        String list(Supplier<String> item) {
            return list(item, 4);
        }

        /** A list of up to {@code max - 1} items: long ones take the shared index of a set's or map's partials. */
        private String list(Supplier<String> item, int max) {
            StringBuilder out = new StringBuilder("[");
            int n = random.nextInt(max);
            for (int i = 0; i < n; i++) {
                out.append(i == 0 ? "" : ",").append(item.get());
            }
            return out.append(']').toString();
        }

        private String leaf() {
            return object(List.of(
                    member("a", this::word),
                    member("b", this::word),
                    member("n", () -> Integer.toString(random.nextInt(100)))));
        }

        /** A map of leaves under keys k0, k1, ...; in repeat mode a key may come back with another leaf. */
        private String leavesByName() {
            List<String[]> entries = new ArrayList<>();
            int n = random.nextInt(14);
            for (int i = 0; i < n; i++) {
                entries.add(member("k" + i, this::leaf));
            }
            return entries.isEmpty() ? "{}" : object(entries);
        }

        private String picky() {
            return object(List.of(member("a", this::word), member("b", this::word)));
        }

        private String bean() {
            return object(List.of(member("x", this::word), member("ys", this::words), member("leaf", this::leaf)));
        }

        private String word() {
            StringBuilder out = new StringBuilder("\"");
            int n = random.nextInt(8);
            for (int i = 0; i < n; i++) {
                out.append(PARTS[random.nextInt(PARTS.length)]);
            }
            return out.append('"').toString();
        }

        private String words() {
            return list(this::word);
        }

        private static String[] member(String name, Supplier<String> value) {
            return FuzzJson.member(name, value);
        }

        /** Writes the members, some left out, sometimes an unknown one, and sometimes a repeated key. */
        private String object(List<String[]> members) {
            List<String[]> all = new ArrayList<>(members);
            if (repeat && random.nextInt(3) == 0) {
                String[] again = members.get(random.nextInt(members.size()));
                all.add(new String[] {again[0], again[2]});
            }
            if (random.nextInt(4) == 0) {
                all.add(random.nextInt(all.size() + 1), new String[] {"zz", word()});
            }
            List<String[]> written = new ArrayList<>();
            for (String[] member : all) {
                if (random.nextInt(6) != 0 || member[0].equals("zz")) {
                    written.add(member);
                }
            }
            return FuzzJson.write(written);
        }
    }
}
