package dev.instructor;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Seeded random documents of maps and sets nested every way (maps of lists, lists of maps, sets of records, sets of
 * sets and of maps, optional maps, unions inside maps, a setter bean holding both), with up to three repeated keys in
 * any object, fed in chunks of 1 to 7 or 1 to 60 chars. One binder sees every snapshot, as a stream does, and must give
 * what a binder that sees only that snapshot gives; no partial handed out may change afterwards.
 */
class CollectionsFuzzTest {
    record Leaf(String a, int n) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Circle.class, name = "circle"),
        @JsonSubTypes.Type(value = Square.class, name = "square")
    })
    sealed interface Figure permits Circle, Square {}

    record Circle(String label, int r) implements Figure {}

    record Square(String label, List<String> tags) implements Figure {}

    public static final class Bean {
        private Map<String, String> m;
        private Set<String> s;
        private String t;

        public Map<String, String> getM() {
            return m;
        }

        public void setM(Map<String, String> m) {
            this.m = m;
        }

        public Set<String> getS() {
            return s;
        }

        public void setS(Set<String> s) {
            this.s = s;
        }

        public String getT() {
            return t;
        }

        public void setT(String t) {
            this.t = t;
        }
    }

    record Root(
            Map<String, List<String>> mol,
            List<Map<String, String>> lom,
            Set<Leaf> leafSet,
            Set<Set<String>> sos,
            Optional<Map<String, String>> optMap,
            Map<String, Figure> figures,
            Map<String, Map<String, Leaf>> mom,
            Map<String, Set<String>> mos,
            Set<Map<String, String>> som,
            Map<String, Integer> ints,
            Map<String, Leaf> leaves,
            Bean bean,
            String name) {}

    @Test
    void root() {
        ResponseModel<Root> model = ResponseModel.of(Root.class);
        for (long seed = 0; seed < 1500; seed++) {
            Random random = new Random(seed);
            Gen g = new Gen(random);
            String json = g.obj(List.of(
                    m("mol", () -> g.map(() -> g.list(g::word))),
                    m("lom", () -> g.list(() -> g.map(g::wordOrNull))),
                    m("leafSet", () -> g.list(g::leaf)),
                    m("sos", () -> g.list(() -> g.list(g::word))),
                    m("optMap", () -> random.nextInt(4) == 0 ? "null" : g.map(g::word)),
                    m("figures", () -> g.map(g::figure)),
                    m("mom", () -> g.map(() -> g.map(g::leaf))),
                    m("mos", () -> g.map(() -> g.list(g::wordOrNull))),
                    m("som", () -> g.list(() -> g.map(g::word))),
                    m("ints", () -> g.map(() -> random.nextInt(5) == 0 ? "null" : "" + random.nextInt(100))),
                    m("leaves", () -> g.map(g::leaf)),
                    m(
                            "bean",
                            () -> g.obj(List.of(
                                    m("m", () -> g.map(g::word)), m("s", () -> g.list(g::word)), m("t", g::word)))),
                    m("name", g::word)));
            run(model, json, random, "seed " + seed);
        }
    }

    @Test
    void wrappedList() {
        ResponseModel<List<Map<String, Leaf>>> model = ResponseModel.of(new TypeRef<List<Map<String, Leaf>>>() {});
        for (long seed = 0; seed < 1000; seed++) {
            Random random = new Random(seed);
            Gen g = new Gen(random);
            String json = g.obj(List.<String[]>of(m("items", () -> g.list(() -> g.map(g::leaf)))));
            run(model, json, random, "seed " + seed);
        }
    }

    @Test
    void wrappedSet() {
        ResponseModel<Set<Leaf>> model = ResponseModel.of(new TypeRef<Set<Leaf>>() {});
        for (long seed = 0; seed < 1000; seed++) {
            Random random = new Random(seed);
            Gen g = new Gen(random);
            String json = g.obj(List.<String[]>of(m("items", () -> g.list(g::leaf))));
            run(model, json, random, "seed " + seed);
        }
    }

    @Test
    void rootMap() {
        ResponseModel<Map<String, List<Leaf>>> model = ResponseModel.of(new TypeRef<Map<String, List<Leaf>>>() {});
        for (long seed = 0; seed < 1000; seed++) {
            Random random = new Random(seed);
            Gen g = new Gen(random);
            String json = g.map(() -> g.list(g::leaf));
            run(model, json, random, "seed " + seed);
        }
    }

    private static <T> void run(ResponseModel<T> model, String json, Random random, String label) {
        int max = 1 + random.nextInt(random.nextBoolean() ? 7 : 60);
        List<String> chunks = Streamer.randomChunks(json, random, max);
        Streamer.assertEachPartialMatchesAFreshBind(
                model,
                chunks,
                List.of("", "/name", "/mol/k0", "/0/k1/a"),
                v -> !(v instanceof Root r) || r.bean() == null,
                label + " json " + json);
    }

    private static String[] m(String name, Supplier<String> value) {
        return FuzzJson.member(name, value);
    }

    static final class Gen {
        final Random random;

        Gen(Random random) {
            this.random = random;
        }

        String word() {
            String[] parts = {"a", "b", "c", "\\n", "é"};
            StringBuilder out = new StringBuilder("\"");
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                out.append(parts[random.nextInt(parts.length)]);
            }
            return out.append('"').toString();
        }

        String wordOrNull() {
            return random.nextInt(6) == 0 ? "null" : word();
        }

        String leaf() {
            return obj(List.of(m("a", this::word), m("n", () -> "" + random.nextInt(3))));
        }

        String figure() {
            if (random.nextBoolean()) {
                return obj(List.of(
                        new String[] {"type", "\"circle\"", "\"circle\""},
                        m("label", this::word),
                        m("r", () -> "" + random.nextInt(9))));
            }
            return obj(List.of(
                    new String[] {"type", "\"square\"", "\"square\""},
                    m("label", this::word),
                    m("tags", () -> list(this::word))));
        }

        String list(Supplier<String> item) {
            StringBuilder out = new StringBuilder("[");
            int n = random.nextInt(random.nextInt(4) == 0 ? 14 : 4);
            for (int i = 0; i < n; i++) {
                out.append(i == 0 ? "" : ",").append(item.get());
            }
            return out.append(']').toString();
        }

        String map(Supplier<String> value) {
            List<String[]> entries = new ArrayList<>();
            int n = random.nextInt(random.nextInt(4) == 0 ? 14 : 4);
            for (int i = 0; i < n; i++) {
                entries.add(m("k" + random.nextInt(n + 2), value));
            }
            return obj(entries);
        }

        String obj(List<String[]> members) {
            return FuzzJson.objectWithRepeats(random, members);
        }
    }
}
