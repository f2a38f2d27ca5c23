package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.instructor.json.PartialJsonParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Most snapshots only extend the string being written, and the binder then rebuilds the partial from the levels it
 * bound last time instead of walking the snapshot. Every partial made that way must be the one a binder that has
 * seen nothing before makes from the same snapshot: same value, same presence answers, same skip reason.
 */
class OpenPathReplayTest {
    private static final List<String> POINTERS =
            List.of("", "/0", "/0/title", "/1/blurb", "/name", "/author/email", "/city");

    record Idea(String title, String blurb) {}

    record Recipe(String name, int prepTimeMinutes, List<String> ingredients, String instructions) {}

    record Author(String name, String email) {}

    record Book(@JsonProperty("book_title") String title, Author author, List<List<String>> chapters) {}

    /** Rejects a title longer than 12 chars: replaying the growing title must stop and leave the item out. */
    record Short(String title, String note) {
        Short {
            if (title != null && title.length() > 12) {
                throw new IllegalArgumentException("title too long: " + title.length());
            }
        }
    }

    /** More parameters than a direct creator call takes: called reflectively. */
    record Wide(String a, String b, String c, String d, String e, String f, String g, String h, int i) {}

    /** Made by a static factory rather than its constructor. */
    record Made(String name, int count) {
        @com.fasterxml.jackson.annotation.JsonCreator
        static Made of(@JsonProperty("name") String name, @JsonProperty("count") int count) {
            return new Made(name == null ? null : name.strip(), count);
        }
    }

    record Tagged(String name, Map<String, String> tags, Optional<String> comment) {}

    /** A bean bound through setters. */
    static final class Contact {
        private String name;
        private String city;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getCity() {
            return city;
        }

        public void setCity(String city) {
            this.city = city;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7})
    void ideas_replayedPartialsEqualFreshBinds(int size) {
        String json = "{\"items\": [{\"title\": \"Capture café\", \"blurb\": \"Write naïve ideas down, then sort"
                + " them\"}, {\"title\": \"Review\", \"blurb\": \"Once a week \\\"at least\\\"\\n\"}]}";

        Streamer.Replays counts =
                assertReplaysMatchFreshBinds(ResponseModel.of(new TypeRef<List<Idea>>() {}), json, size);

        assertThat(counts.replays()).isEqualTo(counts.growths()).isGreaterThan(json.length() / size / 10);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7})
    void recipes_stringsInNestedListsAreReplayed(int size) {
        String json = "{\"items\":[{\"name\":\"Soup\",\"prepTimeMinutes\":30,\"ingredients\":[\"leek\",\"crème"
                + " fraîche\"],\"instructions\":\"Simmer \\u00e0 la carte, 日本 style 🍵.\"},{\"name\":\"Tea\","
                + "\"prepTimeMinutes\":5,\"ingredients\":[\"green tea\"],\"instructions\":\"Steep.\"}]}";

        Streamer.Replays counts =
                assertReplaysMatchFreshBinds(ResponseModel.of(new TypeRef<List<Recipe>>() {}), json, size);

        assertThat(counts.replays()).isEqualTo(counts.growths()).isGreaterThan(json.length() / size / 10);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void nestedRecordsAndListsOfLists_areReplayed(int size) {
        String json = "{\"book_title\":\"Streams\",\"author\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"},"
                + "\"chapters\":[[\"Intro\",\"Tokens\"],[\"Partial objects\"]]}";

        Streamer.Replays counts = assertReplaysMatchFreshBinds(ResponseModel.of(Book.class), json, size);

        assertThat(counts.replays()).isEqualTo(counts.growths()).isGreaterThan(json.length() / size / 10);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void constructorRejectingTheGrowingString_leavesTheItemOutAsAFreshBindDoes(int size) {
        String json = "{\"items\":[{\"title\":\"ok\",\"note\":\"fine\"},{\"title\":\"a title that is far too"
                + " long\",\"note\":\"x\"},{\"title\":\"short\",\"note\":\"again\"}]}";

        Streamer.Replays counts =
                assertReplaysMatchFreshBinds(ResponseModel.of(new TypeRef<List<Short>>() {}), json, size);

        // The long title is replayed until its constructor rejects it; from then on it is bound in full.
        assertThat(counts.replays()).isPositive().isLessThan(counts.growths());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void setters_mapsOptionalsAndUnknownMembers_matchFreshBinds(int size) {
        Streamer.Replays bean = assertReplaysMatchFreshBinds(
                ResponseModel.of(Contact.class), "{\"name\":\"Ada Lovelace\",\"city\":\"London\"}", size);
        assertThat(bean.replays()).isEqualTo(bean.growths()).isPositive();
        assertReplaysMatchFreshBinds(
                ResponseModel.of(Tagged.class),
                "{\"name\":\"n\",\"unknown\":\"skipped text\",\"tags\":{\"a\":\"alpha\"},\"comment\":\"hello\"}",
                size);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void wideRecordsAndFactories_matchFreshBinds(int size) {
        Streamer.Replays wide = assertReplaysMatchFreshBinds(
                ResponseModel.of(Wide.class),
                "{\"a\":\"alpha\",\"b\":\"beta\",\"c\":\"c\",\"d\":\"d\",\"e\":\"e\",\"f\":\"f\","
                        + "\"g\":\"g\",\"h\":\"h\",\"i\":9}",
                size);
        Streamer.Replays made = assertReplaysMatchFreshBinds(
                ResponseModel.of(Made.class), "{\"count\":3,\"name\":\" padded name \"}", size);

        assertThat(wide.replays()).isEqualTo(wide.growths()).isPositive();
        assertThat(made.replays()).isEqualTo(made.growths()).isPositive();
    }

    record Shelf(Map<String, Idea> byName, Set<String> tags, Set<Idea> picks) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void mapsAndSets_areReplayed(int size) {
        StringBuilder json = new StringBuilder("{\"byName\":{");
        for (int i = 0; i < 12; i++) {
            json.append(i == 0 ? "" : ",").append("\"idea ").append(i).append("\":");
            json.append("{\"title\":\"title ").append(i).append("\",\"blurb\":\"a blurb that grows\"}");
        }
        json.append("},\"tags\":[");
        for (int i = 0; i < 12; i++) {
            json.append(i == 0 ? "" : ",").append("\"tag ").append(i % 9).append('"');
        }
        json.append("],\"picks\":[{\"title\":\"t\",\"blurb\":\"b\"},{\"title\":\"t\",\"blurb\":\"bb\"}]}");

        Streamer.Replays counts = assertReplaysMatchFreshBinds(ResponseModel.of(Shelf.class), json.toString(), size);

        assertThat(counts.replays()).isEqualTo(counts.growths()).isGreaterThan(json.length() / size / 3);
    }

    record Inner(int x, String b) {}

    record Outer(Inner a) {}

    record OuterMap(Map<String, String> a) {}

    /** The repeat arrives with the end of the value it replaces, right after a replay of that value's open string. */
    @org.junit.jupiter.api.Test
    void repeatedKeyRightAfterAReplay_replacesTheValueEverywhereBelow() {
        Streamer.assertEachPartialMatchesAFreshBind(
                ResponseModel.of(Outer.class),
                List.of("{\"a\":{\"x\":1,\"b\":\"ab", "c", "c\"},\"a\":{\"x\":2,\"b\":\"d", "e\"}}"),
                List.of("/a/x", "/a/b"),
                value -> true,
                "record");
        Streamer.assertEachPartialMatchesAFreshBind(
                ResponseModel.of(OuterMap.class),
                List.of("{\"a\":{\"k\":\"v\",\"m\":\"ab", "c", "c\"},\"a\":{\"k\":\"w\",\"m\":\"d", "e\"}}"),
                List.of("/a/k", "/a/m"),
                value -> true,
                "map");
    }

    record Board(Optional<List<Idea>> ideas, List<TypeKindsTest.Figure> figures, Optional<String> note) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void optionalsAndUnionsByProperty_areReplayed(int size) {
        String json = "{\"ideas\":[{\"title\":\"first idea\",\"blurb\":\"a blurb that grows\"}],"
                + "\"figures\":[{\"kind\":\"circle\",\"radius\":1.5,\"color\":\"deep red\"},"
                + "{\"kind\":\"square\",\"side\":2}],\"note\":\"a note at the end\"}";

        Streamer.Replays counts = assertReplaysMatchFreshBinds(ResponseModel.of(Board.class), json, size);

        // Every growth but those of the type ids themselves ("circle", "square": the figure is left out until its
        // type is known, so those partials are bound in full).
        assertThat(counts.replays())
                .isLessThanOrEqualTo(counts.growths())
                .isGreaterThanOrEqualTo(counts.growths() - 12);
        assertThat(counts.replays()).isGreaterThan(json.length() / size / 6);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void unionsAndWrapperObjects_matchFreshBinds(int size) {
        ResponseModel<TypeKindsTest.Drawing> model = ResponseModel.of(TypeKindsTest.Drawing.class);
        String json = model.mapper()
                .writeValueAsString(new TypeKindsTest.Drawing(
                        List.of(new TypeKindsTest.Circle(1.5, "red"), new TypeKindsTest.Square(2)),
                        new TypeKindsTest.Cat("Tom", 9),
                        List.of(new TypeKindsTest.Move(1, -1), new TypeKindsTest.Say("hi"))));

        Streamer.Replays counts = assertReplaysMatchFreshBinds(model, json, size);

        // Unions whose type id is a property are replayed; one wrapped in an object (the actions) is bound in full.
        assertThat(counts.replays()).isPositive().isLessThan(counts.growths());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void repeatedKey_replaysTheOpenMemberBeforeTheLast(int size) {
        String json = "{\"title\":\"first\",\"blurb\":\"b\",\"title\":\"second and longer\"}";

        Streamer.Replays counts = assertReplaysMatchFreshBinds(ResponseModel.of(Idea.class), json, size);

        assertThat(counts.replays()).isEqualTo(counts.growths()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void repeatedKeyWithAListOrObject_replacesTheFirstValue(int size) {
        assertReplaysMatchFreshBinds(
                ResponseModel.of(Book.class),
                "{\"book_title\":\"T\",\"chapters\":[[\"a\",\"b\"],[\"c\"]],\"author\":{\"name\":\"Ann\","
                        + "\"email\":\"a@x\"},\"chapters\":[[\"new\"]],\"author\":{\"email\":\"b@y\"}}",
                size);
        assertReplaysMatchFreshBinds(
                ResponseModel.of(Book.class), "{\"chapters\":[[\"a\"]],\"chapters\":[[\"b\",\"c\"]]}", size);
    }

    @org.junit.jupiter.api.Test
    void modelsBuiltPerRequest_shareTheClassesMadeForTheirCreators() {
        for (int i = 0; i < 20; i++) {
            ResponseModel.of(Recipe.class).newPartialBinder();
        }
        java.lang.management.ClassLoadingMXBean classes =
                java.lang.management.ManagementFactory.getClassLoadingMXBean();
        long before = classes.getTotalLoadedClassCount();

        for (int i = 0; i < 200; i++) {
            ResponseModel<Recipe> model = ResponseModel.of(Recipe.class);
            PartialJsonParser parser = PartialJsonParser.strict();
            parser.feed("{\"name\":\"Soup\",\"prepTimeMinutes\":3");
            assertThat(model.newPartialBinder().bind(parser.snapshot().orElseThrow()))
                    .isPresent();
        }

        assertThat(classes.getTotalLoadedClassCount() - before).isLessThan(50);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomChunks_replayedPartialsEqualFreshBinds(long seed) {
        StringBuilder json = new StringBuilder("{\"items\":[");
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"title\":\"t")
                    .append("x".repeat(random.nextInt(30)))
                    .append("\",\"blurb\":\"")
                    .append("café ".repeat(random.nextInt(40)))
                    .append("\"}");
        }
        json.append("]}");
        List<String> chunks = Streamer.randomChunks(json.toString(), random, 6);

        Streamer.Replays counts = assertReplaysMatchFreshBinds(ResponseModel.of(new TypeRef<List<Idea>>() {}), chunks);

        assertThat(counts.replays()).isEqualTo(counts.growths()).isGreaterThan(chunks.size() / 2);
    }

    private static <T> Streamer.Replays assertReplaysMatchFreshBinds(ResponseModel<T> model, String json, int size) {
        return assertReplaysMatchFreshBinds(model, Streamer.chunks(json, size));
    }

    /** Streams the chunks and compares each partial with a fresh binder's; see {@link Streamer}. */
    private static <T> Streamer.Replays assertReplaysMatchFreshBinds(ResponseModel<T> model, List<String> chunks) {
        return Streamer.assertEachPartialMatchesAFreshBind(
                model, chunks, POINTERS, value -> value instanceof Record || value instanceof List, "");
    }
}
