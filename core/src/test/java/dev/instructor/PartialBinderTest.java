package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.instructor.json.PartialJsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Partial binding rules: what is shown, what is absent, what is shared, what is skipped. */
class PartialBinderTest {
    record Idea(String title, String blurb) {}

    enum Genre {
        DRAMA,
        COMEDY
    }

    record Movie(String title, int year, Genre genre) {}

    /** A record whose compact constructor rejects partial input. */
    record Strict(String title, int year) {
        Strict {
            Objects.requireNonNull(title, "title");
            if (year != 0 && year < 1888) {
                throw new IllegalArgumentException("no films before 1888: " + year);
            }
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(Text.class), @JsonSubTypes.Type(Image.class)})
    sealed interface Block permits Text, Image {}

    @JsonTypeName("text")
    record Text(String body) implements Block {}

    @JsonTypeName("image")
    record Image(String url, int width) implements Block {}

    record Page(String title, List<Block> blocks) {}

    record Library(Optional<List<Idea>> ideas) {}

    private static final ResponseModel<List<Idea>> IDEAS = ResponseModel.of(new TypeRef<List<Idea>>() {});

    @Test
    void completedItem_isTheSameInstanceInLaterPartials() {
        String json = "{\"items\":[{\"title\":\"A\",\"blurb\":\"one\"},{\"title\":\"B\",\"blurb\":\"two\"},"
                + "{\"title\":\"C\",\"blurb\":\"three\"}]}";

        Streamer.Run<List<Idea>> run = Streamer.stream(IDEAS, json, 2);

        Idea first = null;
        int checked = 0;
        for (PartialResult<List<Idea>> partial : run.partials()) {
            List<Idea> ideas = partial.value();
            if (ideas.size() >= 2) {
                if (first == null) {
                    first = ideas.get(0);
                }
                assertThat(ideas.get(0)).isSameAs(first);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(first).isEqualTo(new Idea("A", "one"));
    }

    @Test
    void completedNestedList_isSharedByConsecutivePartialsOfItsParent() {
        ResponseModel<Page> model = ResponseModel.of(Page.class);
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<Page> binder = model.newPartialBinder();

        parser.feed("{\"title\":\"T\",\"blocks\":[{\"type\":\"text\",\"body\":\"hello\"},");
        Page before = binder.bind(parser.snapshot().orElseThrow()).orElseThrow().value();
        parser.feed("{\"type\":\"image\",\"url\":\"http://x");
        Page after = binder.bind(parser.snapshot().orElseThrow()).orElseThrow().value();

        assertThat(after).isNotSameAs(before);
        assertThat(after.blocks().get(0)).isSameAs(before.blocks().get(0));
        assertThat(after.blocks().get(1)).isEqualTo(new Image("http://x", 0));
    }

    @Test
    void sameSnapshot_givesSameResult() {
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<List<Idea>> binder = IDEAS.newPartialBinder();
        parser.feed("{\"items\":[{\"title\":\"A");

        Optional<PartialResult<List<Idea>>> first =
                binder.bind(parser.snapshot().orElseThrow());
        Optional<PartialResult<List<Idea>>> second =
                binder.bind(parser.snapshot().orElseThrow());

        assertThat(second.orElseThrow()).isSameAs(first.orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void primitiveAndEnum_absentUntilComplete(int chunkSize) {
        ResponseModel<Movie> model = ResponseModel.of(Movie.class);
        String json = "{\"title\":\"Heat\",\"year\":1995,\"genre\":\"DRAMA\"}";

        Streamer.Run<Movie> run = Streamer.stream(model, json, chunkSize);

        boolean sawYearAbsentWithTitle = false;
        for (PartialResult<Movie> partial : run.partials()) {
            Movie movie = partial.value();
            assertThat(movie.year()).isIn(0, 1995);
            assertThat(partial.isPresent("/year")).isEqualTo(movie.year() == 1995);
            assertThat(movie.genre()).isIn(null, Genre.DRAMA);
            assertThat(partial.isPresent("/genre")).isEqualTo(movie.genre() != null);
            sawYearAbsentWithTitle |= "Heat".equals(movie.title()) && !partial.isPresent("/year");
        }
        assertThat(sawYearAbsentWithTitle).isTrue();
        assertThat(run.distinct()).contains(new Movie("Heat", 1995, null));
        assertThat(run.result()).isEqualTo(new Movie("Heat", 1995, Genre.DRAMA));
    }

    @Test
    void enumInList_appearsOnlyOnceComplete() {
        ResponseModel<List<Genre>> model = ResponseModel.of(new TypeRef<List<Genre>>() {});

        Streamer.Run<List<Genre>> run = Streamer.stream(model, "{\"items\":[\"DRAMA\",\"COMEDY\"]}", 1);

        assertThat(run.distinct()).containsExactly(List.of(), List.of(Genre.DRAMA), List.of(Genre.DRAMA, Genre.COMEDY));
        PartialResult<List<Genre>> partial = run.partials().get(3);
        assertThat(partial.value()).isEmpty();
        assertThat(partial.isPresent("/0")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void compactConstructorRejectingPartials_skipsThemAndFinalIsValid(int chunkSize) {
        ResponseModel<Strict> model = ResponseModel.of(Strict.class);
        String json = "{\"year\":1999,\"title\":\"Matrix\"}";

        Streamer.Run<Strict> run = Streamer.stream(model, json, chunkSize);

        assertThat(run.skipReasons()).isNotEmpty().allSatisfy(reason -> assertThat(reason)
                .contains("title"));
        assertThat(run.distinct())
                .allSatisfy(partial -> assertThat(partial.title()).isNotNull());
        assertThat(run.distinct().get(0).year()).isEqualTo(1999);
        assertThat("Matrix").startsWith(run.distinct().get(0).title());
        assertThat(run.result()).isEqualTo(new Strict("Matrix", 1999));
    }

    @Test
    void listItemRejectedByItsConstructor_isLeftOutUntilItCanBeBuilt() {
        ResponseModel<List<Strict>> model = ResponseModel.of(new TypeRef<List<Strict>>() {});
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<List<Strict>> binder = model.newPartialBinder();

        parser.feed("{\"items\":[{\"title\":\"A\",\"year\":2000},{\"year\":2001");
        PartialResult<List<Strict>> partial =
                binder.bind(parser.snapshot().orElseThrow()).orElseThrow();

        assertThat(partial.value()).containsExactly(new Strict("A", 2000));
        assertThat(partial.isPresent("/1")).isFalse();
        assertThat(partial.isPresent("/1/year")).isFalse();
        assertThat(binder.lastSkipReason())
                .hasValueSatisfying(
                        reason -> assertThat(reason).startsWith("/1").contains("title"));
    }

    /** Built as Lombok's {@code @Jacksonized @Builder} builds it. */
    @tools.jackson.databind.annotation.JsonDeserialize(builder = Built.Builder.class)
    record Built(String name, int quantity) {
        @tools.jackson.databind.annotation.JsonPOJOBuilder(withPrefix = "")
        static final class Builder {
            private String name;
            private int quantity;

            Builder name(String name) {
                this.name = name;
                return this;
            }

            Builder quantity(int quantity) {
                this.quantity = quantity;
                return this;
            }

            Built build() {
                return new Built(name, quantity);
            }
        }
    }

    @Test
    void builtThroughABuilder_shownOnlyOnceComplete_asAValueJacksonReadsWhole() {
        Streamer.Run<List<Built>> run = Streamer.stream(
                ResponseModel.of(new TypeRef<List<Built>>() {}),
                "{\"items\":[{\"name\":\"tea\",\"quantity\":2},{\"name\":\"milk\",\"quantity\":1}]}",
                1);

        assertThat(run.distinctStrings())
                .containsExactly(
                        "[]",
                        "[Built[name=tea, quantity=2]]",
                        "[Built[name=tea, quantity=2], Built[name=milk, quantity=1]]");
        assertThat(run.result()).isEqualTo(run.distinct().get(2));
    }

    @Test
    void typeMismatch_skipsThePartialWithAReason() {
        ResponseModel<Movie> model = ResponseModel.of(Movie.class);
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<Movie> binder = model.newPartialBinder();

        parser.feed("{\"title\":\"Heat\",\"year\":\"abc\"");

        assertThat(binder.bind(parser.snapshot().orElseThrow())).isEmpty();
        assertThat(binder.lastSkipReason())
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("\"abc\"").contains("int"));
    }

    /** A name whose hash needs the name: a partial one (name not yet there) cannot be hashed. */
    record Badge(String name, int level) {
        @Override
        public int hashCode() {
            return name.hashCode() * 31 + level;
        }
    }

    record Profile(Set<Badge> badges, Set<String> tags, Map<String, Integer> scores) {}

    @Test
    void setWithAnOpenItemThatCannotBeHashed_leavesItOutAndSaysWhy() {
        ResponseModel<Profile> model = ResponseModel.of(Profile.class);
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<Profile> binder = model.newPartialBinder();

        parser.feed("{\"badges\":[{\"name\":\"gold\",\"level\":2},{\"level\":1");
        Profile partial =
                binder.bind(parser.snapshot().orElseThrow()).orElseThrow().value();

        assertThat(partial.badges()).containsExactly(new Badge("gold", 2));
        assertThat(binder.lastSkipReason())
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("/badges/1").contains("hashCode"));

        parser.feed(",\"name\":\"silver\"}]}");
        Profile done =
                binder.bind(parser.snapshot().orElseThrow()).orElseThrow().value();
        assertThat(done.badges()).containsExactly(new Badge("gold", 2), new Badge("silver", 1));
    }

    @Test
    void setAndMap_showEachItemOnce_inWrittenOrder() {
        ResponseModel<Profile> model = ResponseModel.of(Profile.class);
        String json = "{\"tags\":[\"ab\",\"cd\",\"ab\",\"abc\"],\"scores\":{\"x\":1,\"y\":2}}";

        Streamer.Run<Profile> run = Streamer.stream(model, json, 1);

        // The third tag is written "a", then "ab", which the set already holds: it is shown once.
        assertThat(run.distinct())
                .extracting(Profile::tags)
                .contains(Set.of("ab", "cd", "a"), Set.of("ab", "cd"), Set.of("ab", "cd", "abc"));
        for (Profile profile : run.distinct()) {
            if (profile.tags() != null) {
                assertThat(new ArrayList<>(profile.tags())).doesNotHaveDuplicates();
            }
        }
        assertThat(run.distinct()).extracting(Profile::scores).contains(Map.of(), Map.of("x", 1));
        assertThat(new ArrayList<>(run.result().tags())).containsExactly("ab", "cd", "abc");
        Streamer.assertConsistent(model, run);
    }

    @Test
    void mapWithARepeatedKey_keepsTheFirstPositionAndShowsTheNewValue() {
        ResponseModel<Profile> model = ResponseModel.of(Profile.class);
        String json = "{\"scores\":{\"x\":1,\"y\":2,\"x\":3,\"z\":4}}";

        Streamer.Run<Profile> run = Streamer.stream(model, json, 1);

        assertThat(run.distinct())
                .extracting(profile -> profile.scores() == null
                        ? null
                        : List.copyOf(profile.scores().entrySet()))
                .containsSubsequence(
                        List.of(Map.entry("x", 1), Map.entry("y", 2)),
                        List.of(Map.entry("x", 3), Map.entry("y", 2)),
                        List.of(Map.entry("x", 3), Map.entry("y", 2), Map.entry("z", 4)));
        assertThat(run.result().scores()).isEqualTo(Map.of("x", 3, "y", 2, "z", 4));
    }

    /** The type id is not visible to the subtype (Jackson's default): its own {@code type} stays null. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes(@JsonSubTypes.Type(value = HiddenIdNote.class, name = "note"))
    sealed interface HiddenId permits HiddenIdNote {}

    record HiddenIdNote(String type, String text) implements HiddenId {}

    /** The type id is visible to the subtype, which binds it as a property too. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true)
    @JsonSubTypes(@JsonSubTypes.Type(value = VisibleIdNote.class, name = "note"))
    sealed interface VisibleId permits VisibleIdNote {}

    record VisibleIdNote(String type, String text) implements VisibleId {}

    record Notes(HiddenId hidden, VisibleId visible) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 200})
    void unionTypeIdProperty_isBoundToTheSubtypeOnlyWhenVisible_asJacksonDoes(int size) {
        ResponseModel<Notes> model = ResponseModel.of(Notes.class);
        String json = "{\"hidden\":{\"type\":\"note\",\"text\":\"hello\"},"
                + "\"visible\":{\"type\":\"note\",\"text\":\"world\"}}";

        Streamer.Run<Notes> run = Streamer.stream(model, json, size);

        assertThat(run.result())
                .isEqualTo(new Notes(new HiddenIdNote(null, "hello"), new VisibleIdNote("note", "world")));
        assertThat(run.distinct()).last().isEqualTo(run.result());
        for (Notes partial : run.distinct()) {
            if (partial.hidden() != null) {
                assertThat(((HiddenIdNote) partial.hidden()).type()).isNull();
            }
            if (partial.visible() != null) {
                assertThat(((VisibleIdNote) partial.visible()).type()).isEqualTo("note");
            }
        }
        Streamer.assertConsistent(model, run);
    }

    @Test
    void union_discriminatorFirst_itemShownWhileBeingWritten() {
        ResponseModel<Page> model = ResponseModel.of(Page.class);
        String json = "{\"title\":\"T\",\"blocks\":[{\"type\":\"text\",\"body\":\"hello world\"},"
                + "{\"type\":\"image\",\"url\":\"http://img\",\"width\":640}]}";

        Streamer.Run<Page> run = Streamer.stream(model, json, 1);

        assertThat(run.distinct()).contains(new Page("T", List.of(new Text("hello"))));
        assertThat(run.distinct())
                .contains(new Page("T", List.of(new Text("hello world"), new Image("http://img", 0))));
        assertThat(run.result())
                .isEqualTo(new Page("T", List.of(new Text("hello world"), new Image("http://img", 640))));
        Streamer.assertConsistent(model, run);
    }

    @Test
    void union_discriminatorLast_itemAbsentUntilItArrives() {
        ResponseModel<Page> model = ResponseModel.of(Page.class);
        String json = "{\"title\":\"T\",\"blocks\":[{\"body\":\"hello world\",\"type\":\"text\"}]}";

        Streamer.Run<Page> run = Streamer.stream(model, json, 1);

        List<Integer> sizes = new ArrayList<>();
        for (Page page : run.distinct()) {
            if (page.blocks() != null) {
                sizes.add(page.blocks().size());
            }
        }
        assertThat(sizes).startsWith(0).endsWith(1).doesNotContain(2);
        assertThat(run.distinct())
                .filteredOn(page -> page.blocks() != null && !page.blocks().isEmpty())
                .containsExactly(new Page("T", List.of(new Text("hello world"))));
        assertThat(run.result()).isEqualTo(new Page("T", List.of(new Text("hello world"))));
    }

    @Test
    void optionalList_growsInsideTheOptional() {
        ResponseModel<Library> model = ResponseModel.of(Library.class);
        String json = "{\"ideas\":[{\"title\":\"A\",\"blurb\":\"x\"},{\"title\":\"B\",\"blurb\":\"y\"}]}";

        Streamer.Run<Library> run = Streamer.stream(model, json, 1);

        assertThat(run.distinct())
                .contains(new Library(Optional.of(List.of())))
                .contains(new Library(Optional.of(List.of(new Idea("A", "x"), new Idea("B", "")))));
        assertThat(run.result()).isEqualTo(new Library(Optional.of(List.of(new Idea("A", "x"), new Idea("B", "y")))));
        Streamer.assertConsistent(model, run);
    }

    record Shelf(Iterable<Idea> ideas) {}

    @Test
    void iterable_growsItemByItem_asAListDoes() {
        ResponseModel<Shelf> model = ResponseModel.of(Shelf.class);
        String json = "{\"ideas\":[{\"title\":\"A\",\"blurb\":\"x\"},{\"title\":\"B\",\"blurb\":\"y\"}]}";

        Streamer.Run<Shelf> run = Streamer.stream(model, json, 1);

        assertThat(run.distinct()).contains(new Shelf(List.of(new Idea("A", "x"), new Idea("B", ""))));
        assertThat(run.result()).isEqualTo(new Shelf(List.of(new Idea("A", "x"), new Idea("B", "y"))));
        Streamer.assertConsistent(model, run);
    }

    @Test
    void iterableRoot_growsItemByItem_asAListDoes() {
        ResponseModel<Iterable<Idea>> model = ResponseModel.of(new TypeRef<Iterable<Idea>>() {});
        String json = "{\"items\":[{\"title\":\"A\",\"blurb\":\"x\"},{\"title\":\"B\",\"blurb\":\"y\"}]}";

        Streamer.Run<Iterable<Idea>> run = Streamer.stream(model, json, 1);

        assertThat(run.distinct()).contains(List.of(new Idea("A", "x"), new Idea("B", "")));
        assertThat(run.result()).isEqualTo(List.of(new Idea("A", "x"), new Idea("B", "y")));
        Streamer.assertConsistent(model, run);
    }

    /** A bean with a renamed property and an alias, bound through setters. */
    static final class Contact {
        private String name;
        private int age;

        public String getName() {
            return name;
        }

        @com.fasterxml.jackson.annotation.JsonProperty("full_name")
        public void setName(String name) {
            this.name = name;
        }

        public int getAge() {
            return age;
        }

        @com.fasterxml.jackson.annotation.JsonAlias({"years", "yrs"})
        public void setAge(int age) {
            this.age = age;
        }
    }

    @Test
    void beanSetters_useJacksonNamesAndAliases() {
        ResponseModel<Contact> model = ResponseModel.of(Contact.class);
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<Contact> binder = model.newPartialBinder();

        parser.feed("{\"full_name\":\"Ada Love");
        Contact first =
                binder.bind(parser.snapshot().orElseThrow()).orElseThrow().value();
        parser.feed("lace\",\"yrs\":36,");
        PartialResult<Contact> second =
                binder.bind(parser.snapshot().orElseThrow()).orElseThrow();

        assertThat(first.getName()).isEqualTo("Ada Love");
        assertThat(first.getAge()).isZero();
        assertThat(second.value().getName()).isEqualTo("Ada Lovelace");
        assertThat(second.value().getAge()).isEqualTo(36);
        assertThat(second.isPresent("/yrs")).isTrue();
        assertThat(second.isPresent("/full_name")).isTrue();
    }

    @Test
    void isPresent_namesAPropertyByItsOwnName_whereTheModelWroteAnAlias() {
        ResponseModel<List<Contact>> model = ResponseModel.of(new TypeRef<List<Contact>>() {});
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"items\":[{\"full_name\":\"Ada\",\"yrs\":36,\"years\":37},{\"full_name\":\"Bo\"");

        PartialResult<List<Contact>> partial =
                model.newPartialBinder().bind(parser.snapshot().orElseThrow()).orElseThrow();

        assertThat(partial.value().get(0).getAge()).isEqualTo(37);
        assertThat(partial.isPresent("/0/age")).as("the property's own name").isTrue();
        assertThat(partial.isPresent("/0/yrs")).as("an alias as written").isTrue();
        assertThat(partial.isPresent("/1/age")).isFalse();
        assertThat(partial.isPresent("/1/full_name")).isTrue();
        assertThat(partial.isPresent("/0/nickname")).as("no such property").isFalse();
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    sealed interface Signal permits Go, Halt {}

    record Go(int speed) implements Signal {}

    record Halt(String reason) implements Signal {}

    @Test
    void isPresent_wrapperObjectUnion_isAskedThroughTheTypeIdAsWritten() {
        ResponseModel<List<Signal>> model = ResponseModel.of(new TypeRef<List<Signal>>() {});
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"items\":[{\"Go\":{\"speed\":3}}]}");

        PartialResult<List<Signal>> partial =
                model.newPartialBinder().bind(parser.snapshot().orElseThrow()).orElseThrow();

        assertThat(partial.isPresent("/0/Go/speed")).isTrue();
        assertThat(partial.isPresent("/0/speed")).isFalse();
        assertThat(partial.isPresent("/0/Halt/speed")).isFalse();
    }

    @Test
    void partialList_isImmutable() {
        Streamer.Run<List<Idea>> run = Streamer.stream(IDEAS, "{\"items\":[{\"title\":\"A\"}]}", 4);

        List<Idea> partial = run.partials().get(run.partials().size() - 1).value();

        assertThat(partial).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> partial.add(new Idea("x", "y")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
