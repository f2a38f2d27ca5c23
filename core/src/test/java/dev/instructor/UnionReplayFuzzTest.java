package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Seeded random documents of unions whose type id is a property (visible or not, with a default subtype, nested in
 * unions, optionals, lists and maps; subtypes that are records, a setter bean, a factory and a constructor that rejects
 * some text), JSON nulls, unknown type ids and repeated keys, type ids included, fed one char at a time or in chunks of
 * up to 7 or 60 chars. One binder sees every snapshot, as a stream does, and must give what a binder that sees only
 * that snapshot gives, whether it replays the open path or binds in full; no partial handed out may change afterwards.
 */
class UnionReplayFuzzTest {
    @JsonTypeInfo(
            use = JsonTypeInfo.Id.NAME,
            include = JsonTypeInfo.As.EXISTING_PROPERTY,
            property = "kind",
            visible = true,
            defaultImpl = Note.class)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Text.class, name = "text"),
        @JsonSubTypes.Type(value = Note.class, name = "note"),
        @JsonSubTypes.Type(value = BeanBlock.class, name = "bean"),
        @JsonSubTypes.Type(value = Strict.class, name = "strict"),
        @JsonSubTypes.Type(value = Made.class, name = "made"),
        @JsonSubTypes.Type(value = Nest.class, name = "nest")
    })
    interface Block {}

    record Text(String kind, String body, Optional<String> caption) implements Block {}

    record Note(String kind, String text) implements Block {}

    public static final class BeanBlock implements Block {
        private String kind;
        private String title;
        private List<String> tags;
        private Optional<String> sub;

        public String getKind() {
            return kind;
        }

        public void setKind(String kind) {
            this.kind = kind;
        }

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }

        public List<String> getTags() {
            return tags;
        }

        public void setTags(List<String> tags) {
            this.tags = tags;
        }

        public Optional<String> getSub() {
            return sub;
        }

        public void setSub(Optional<String> sub) {
            this.sub = sub;
        }
    }

    record Strict(String kind, String s) implements Block {
        Strict {
            if (s != null && s.endsWith("b")) {
                throw new IllegalArgumentException("ends with b");
            }
        }
    }

    public static final class Made implements Block {
        private final String kind;
        private final String v;

        private Made(String kind, String v) {
            this.kind = kind;
            this.v = v;
        }

        @JsonCreator
        static Made of(@JsonProperty("kind") String kind, @JsonProperty("v") String v) {
            return new Made(kind, v + "!");
        }

        public String getKind() {
            return kind;
        }

        public String getV() {
            return v;
        }
    }

    record Nest(String kind, Inner inner, List<Inner> more, Optional<Block> child) implements Block {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "t")
    @JsonSubTypes({@JsonSubTypes.Type(value = A.class, name = "a"), @JsonSubTypes.Type(value = B.class, name = "b")})
    sealed interface Inner permits A, B {}

    record A(String x, Optional<String> y) implements Inner {}

    record B(List<String> z, String w) implements Inner {}

    public static final class Holder {
        private Block b;
        private Optional<Block> ob;
        private List<Block> lb;
        private String s;

        public Block getB() {
            return b;
        }

        public void setB(Block b) {
            this.b = b;
        }

        public Optional<Block> getOb() {
            return ob;
        }

        public void setOb(Optional<Block> ob) {
            this.ob = ob;
        }

        public List<Block> getLb() {
            return lb;
        }

        public void setLb(List<Block> lb) {
            this.lb = lb;
        }

        public String getS() {
            return s;
        }

        public void setS(String s) {
            this.s = s;
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = P1.class)
    @JsonSubTypes({@JsonSubTypes.Type(value = P1.class, name = "p1"), @JsonSubTypes.Type(value = P2.class, name = "p2")
    })
    interface Plain {}

    record P1(String type, String q) implements Plain {}

    record P2(Plain sub, Optional<List<Plain>> subs, String q) implements Plain {}

    record Root(
            Holder holder,
            Map<String, Optional<Block>> mob,
            List<List<Block>> llb,
            Optional<Plain> plain,
            List<Plain> plains,
            Optional<Block> opt,
            List<Optional<String>> los,
            Optional<List<Block>> olb,
            List<Block> blocks,
            Map<String, Block> mb,
            Block one,
            List<Optional<Inner>> loi,
            Optional<String> os,
            String name) {}

    @Test
    void root() {
        ResponseModel<Root> model = ResponseModel.of(Root.class);
        int n = 500;
        for (long seed = 0; seed < n; seed++) {
            Random random = new Random(seed);
            G g = new G(random);
            String json = g.obj(List.of(
                    m(
                            "holder",
                            () -> g.nul(() -> g.obj(List.of(
                                    m("b", () -> g.nul(g::block)),
                                    m("ob", () -> g.nul(g::block)),
                                    m("lb", () -> g.list(g::block)),
                                    m("s", g::word))))),
                    m("mob", () -> g.map(() -> g.nul(g::block))),
                    m("llb", () -> g.list(() -> g.list(g::block))),
                    m("plain", () -> g.nul(g::plain)),
                    m("plains", () -> g.list(g::plain)),
                    m("opt", () -> g.nul(g::block)),
                    m("los", () -> g.list(() -> g.nul(g::word))),
                    m("olb", () -> g.nul(() -> g.list(g::block))),
                    m("blocks", () -> g.list(g::block)),
                    m("mb", () -> g.map(g::block)),
                    m("one", g::block),
                    m("loi", () -> g.list(() -> g.nul(g::inner))),
                    m("os", () -> g.nul(g::word)),
                    m("name", g::word)));
            run(model, json, random, "seed " + seed);
        }
    }

    @Test
    void rootUnion() {
        ResponseModel<Block> model = ResponseModel.of(Block.class);
        int n = 500;
        for (long seed = 0; seed < n; seed++) {
            Random random = new Random(seed);
            G g = new G(random);
            run(model, g.obj(List.<String[]>of(m("value", g::block))), random, "seed " + seed);
        }
    }

    @Test
    void wrappedListOfUnions() {
        ResponseModel<List<Block>> model = ResponseModel.of(new TypeRef<List<Block>>() {});
        int n = 500;
        for (long seed = 0; seed < n; seed++) {
            Random random = new Random(seed);
            G g = new G(random);
            String json = g.obj(List.<String[]>of(m("items", () -> g.list(g::block))));
            run(model, json, random, "seed " + seed);
        }
    }

    private static <T> void run(ResponseModel<T> model, String json, Random random, String label) {
        // One char per chunk, token-sized chunks, or long ones that complete several values at once.
        int mode = random.nextInt(4);
        int max = mode == 0 ? 1 : mode == 1 ? 60 : 7;
        List<String> chunks = Streamer.randomChunks(json, random, max);
        Streamer.Replays counts = Streamer.assertEachPartialMatchesAFreshBind(
                model, chunks, List.of("", "/name", "/one", "/blocks/0", "/opt/text"), v -> false, label);
        replays += counts.replays();
    }

    /** Replays over all documents of a test: the fuzzer must reach the replay, not only full passes. */
    private static long replays;

    @org.junit.jupiter.api.BeforeEach
    void resetCount() {
        replays = 0;
    }

    @org.junit.jupiter.api.AfterEach
    void someSnapshotsWereReplayed() {
        assertThat(replays).isPositive();
    }

    private static String[] m(String name, Supplier<String> value) {
        return FuzzJson.member(name, value);
    }

    static final class G {
        final Random random;
        int depth;

        G(Random random) {
            this.random = random;
        }

        String word() {
            String[] parts = {"a", "b", "c", "\\n", "é", "bb"};
            StringBuilder out = new StringBuilder("\"");
            int n = random.nextInt(8) == 0 ? 20 + random.nextInt(60) : random.nextInt(5);
            for (int i = 0; i < n; i++) {
                out.append(parts[random.nextInt(parts.length)]);
            }
            return out.append('"').toString();
        }

        String plain() {
            if (depth > 2) {
                return "null";
            }
            depth++;
            try {
                List<String[]> ms = new ArrayList<>();
                int which = random.nextInt(3);
                if (which == 0) {
                    ms.add(new String[] {"type", "\"p1\"", random.nextInt(6) == 0 ? "\"p2\"" : "\"p1\""});
                    ms.add(m("q", this::word));
                } else if (which == 1) {
                    ms.add(m("q", this::word)); // no type id: defaultImpl P1
                    if (random.nextBoolean()) {
                        ms.add(m("type", () -> random.nextInt(5) == 0 ? "null" : "\"p1\""));
                    }
                } else {
                    ms.add(new String[] {"type", "\"p2\"", random.nextInt(6) == 0 ? "\"p1\"" : "\"p2\""});
                    ms.add(m("sub", () -> nul(this::plain)));
                    ms.add(m("subs", () -> nul(() -> list(this::plain))));
                    ms.add(m("q", this::word));
                }
                if (random.nextInt(3) == 0) {
                    java.util.Collections.shuffle(ms, random);
                }
                return obj(ms);
            } finally {
                depth--;
            }
        }

        String nul(Supplier<String> s) {
            return random.nextInt(5) == 0 ? "null" : s.get();
        }

        String kind(String k) {
            if (random.nextInt(40) == 0) {
                return random.nextBoolean() ? "null" : "\"zzz\"";
            }
            String[] ids = {"\"text\"", "\"note\"", "\"bean\"", "\"strict\"", "\"made\"", "\"nest\""};
            return random.nextInt(10) == 0 ? ids[random.nextInt(ids.length)] : "\"" + k + "\"";
        }

        String block() {
            if (depth > 2) {
                return "null";
            }
            depth++;
            try {
                List<String[]> ms = new ArrayList<>();
                int which = random.nextInt(7);
                String k = new String[] {"text", "note", "bean", "strict", "made", "nest", "none"}[which];
                if (which != 6) {
                    ms.add(m("kind", () -> kind(k)));
                }
                switch (which) {
                    case 0 -> {
                        ms.add(m("body", this::word));
                        ms.add(m("caption", () -> nul(this::word)));
                    }
                    case 1, 6 -> ms.add(m("text", this::word));
                    case 2 -> {
                        ms.add(m("title", this::word));
                        ms.add(m("tags", () -> list(this::word)));
                        ms.add(m("sub", () -> nul(this::word)));
                    }
                    case 3 -> ms.add(m("s", this::word));
                    case 4 -> ms.add(m("v", this::word));
                    default -> {
                        ms.add(m("inner", () -> nul(this::inner)));
                        ms.add(m("more", () -> list(this::inner)));
                        ms.add(m("child", () -> nul(this::block)));
                    }
                }
                if (random.nextInt(3) == 0) {
                    // shuffle: the type id need not come first
                    java.util.Collections.shuffle(ms, random);
                }
                return obj(ms);
            } finally {
                depth--;
            }
        }

        String inner() {
            List<String[]> ms = new ArrayList<>();
            if (random.nextBoolean()) {
                ms.add(new String[] {"t", "\"a\"", random.nextInt(8) == 0 ? "\"b\"" : "\"a\""});
                ms.add(m("x", this::word));
                ms.add(m("y", () -> nul(this::word)));
            } else {
                ms.add(new String[] {"t", "\"b\"", random.nextInt(8) == 0 ? "\"a\"" : "\"b\""});
                ms.add(m("z", () -> list(this::word)));
                ms.add(m("w", this::word));
            }
            if (random.nextInt(3) == 0) {
                java.util.Collections.shuffle(ms, random);
            }
            return obj(ms);
        }

        String list(Supplier<String> item) {
            StringBuilder out = new StringBuilder("[");
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                out.append(i == 0 ? "" : ",").append(item.get());
            }
            return out.append(']').toString();
        }

        String map(Supplier<String> value) {
            List<String[]> entries = new ArrayList<>();
            int n = random.nextInt(4);
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
