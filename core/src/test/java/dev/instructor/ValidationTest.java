package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.json.JsonMapper;

/** Validation of final values: Bean Validation in JSON terms, nested beans, user validators, rendering. */
class ValidationTest {
    record Idea(@NotBlank String title, @Size(max = 20) String blurb) {}

    record Recipe(
            String name,
            @Min(1) int prepTimeMinutes,
            @Size(min = 1) List<@NotBlank String> ingredients,
            String instructions) {}

    record Range(int from, int to) {
        @AssertTrue(message = "from must not exceed to")
        public boolean isOrdered() {
            return from <= to;
        }
    }

    @DistinctEnds
    record Trip(String start, String end) implements DistinctEnds.Ends {}

    record Step(@NotBlank String action) {}

    record Plan(String name, List<Step> steps, @Valid Step last, Optional<Step> bonus) {}

    record Sticker(String name, Set<Step> steps) {}

    enum Shift {
        @JsonProperty("early")
        EARLY,
        LATE
    }

    record Roster(Map<Shift, Step> byShift, ArrayList<Step> extra) {}

    record ShiftNotes(Map<Shift, @Size(max = 3) String> notes) {}

    record Person(
            @JsonProperty("name") @JsonAlias({"fullName"}) @Size(max = 5)
            String name) {}

    record Team(
            @JsonAlias("people") List<Person> members,
            @JsonAlias("labels") List<@Size(max = 3) String> tags,
            Map<String, Person> byRole) {}

    /** A bean built by a creator, with a property Jackson sets after it: of two names, the first counts. */
    public static final class Badge {
        private final int id;
        private String text;

        @JsonCreator
        Badge(@JsonProperty("id") int id) {
            this.id = id;
        }

        public int getId() {
            return id;
        }

        @Size(max = 5)
        public String getText() {
            return text;
        }

        @JsonAlias("caption")
        public void setText(String text) {
            this.text = text;
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    @JsonSubTypes(
            @JsonSubTypes.Type(
                    value = Wave.class,
                    names = {"wave", "greet"}))
    sealed interface Gesture permits Wave {}

    record Wave(@JsonAlias("who") @Size(max = 3) String to) implements Gesture {}

    /** A bean built by a creator, with a person Jackson sets after it: of two members for it, the first counts. */
    public static final class Card {
        private final int id;
        private Person holder;

        @JsonCreator
        Card(@JsonProperty("id") int id) {
            this.id = id;
        }

        public int getId() {
            return id;
        }

        @Valid
        public Person getHolder() {
            return holder;
        }

        public void setHolder(Person holder) {
            this.holder = holder;
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Bus.class, name = "bus"),
        @JsonSubTypes.Type(value = Tram.class, name = "tram")
    })
    sealed interface Ride permits Bus, Tram {}

    record Bus(@JsonAlias("who") @Size(max = 3) String driver) implements Ride {}

    record Tram(@Size(max = 3) String driver, String line) implements Ride {}

    record Journey(@Valid Ride ride) {}

    private static final ResponseModel<List<Idea>> IDEAS = ResponseModel.of(new TypeRef<List<Idea>>() {});

    /** A record Jackson reads with a deserializer of its own, so the binding never looks inside it. */
    @JsonDeserialize(using = NoteReader.class)
    record Note(String title, @Size(max = 5) String body) {}

    static final class NoteReader extends StdDeserializer<Note> {
        NoteReader() {
            super(Note.class);
        }

        @Override
        public Note deserialize(JsonParser parser, DeserializationContext context) {
            JsonNode node = context.readTree(parser);
            return new Note(node.path("title").asString(), node.path("body").asString());
        }
    }

    record Pinboard(List<Note> notes, Note pinned) {}

    @Test
    void valueReadByItsOwnDeserializer_isStillValidated_atItsPath() {
        ResponseModel<Note> notes = ResponseModel.of(Note.class);
        ResponseModel<Pinboard> boards = ResponseModel.of(Pinboard.class);
        String tooLong = "{\"title\":\"a\",\"body\":\"far too long\"}";

        List<Violation> root = notes.validate(notes.parse(tooLong), ValidationContext.empty());
        List<Violation> nested = boards.validate(
                boards.parse(
                        "{\"notes\":[{\"title\":\"a\",\"body\":\"ok\"}," + tooLong + "],\"pinned\":" + tooLong + "}"),
                ValidationContext.empty());

        assertThat(root)
                .extracting(v -> v.path().toString(), Violation::message)
                .containsExactly(tuple("", "body: size must be between 0 and 5"));
        assertThat(nested)
                .extracting(v -> v.path().toString(), Violation::message)
                .containsExactlyInAnyOrder(
                        tuple("/notes/1", "body: size must be between 0 and 5"),
                        tuple("/pinned", "body: size must be between 0 and 5"));
        assertThatThrownBy(() -> notes.parseAndValidate(tooLong, ValidationContext.empty()))
                .isInstanceOf(ValidationException.class);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    @JsonSubTypes({@JsonSubTypes.Type(Disc.class), @JsonSubTypes.Type(Tile.class)})
    sealed interface Piece permits Disc, Tile {}

    record Disc(@Positive double radius) implements Piece {}

    record Tile(@Positive double side) implements Piece {}

    record Board(Piece first, List<Piece> more) {}

    @Test
    void unionToldApartByItsMembers_isValidated_atThePathsAsWritten() {
        ResponseModel<Board> model = ResponseModel.of(Board.class);
        Board board = model.parse("{\"first\":{\"radius\":-1},\"more\":[{\"side\":2},{\"side\":-2}]}");

        assertThat(model.validate(board, ValidationContext.empty()))
                .extracting(v -> v.path().toString())
                .containsExactlyInAnyOrder("/first/radius", "/more/1/side");
    }

    @Test
    void listOfRecords_pathsIncludeTheWrapper() {
        List<Idea> ideas = IDEAS.parse("{\"items\":[{\"title\":\"A\",\"blurb\":\"short\"},"
                + "{\"title\":\" \",\"blurb\":\"this blurb is far too long\"}]}");

        List<Violation> violations = IDEAS.validate(ideas, ValidationContext.empty());

        assertThat(violations)
                .extracting(v -> v.path().toString(), Violation::message)
                .containsExactlyInAnyOrder(
                        tuple("/items/1/title", "must not be blank"),
                        tuple("/items/1/blurb", "size must be between 0 and 20"));
    }

    @Test
    void containerElementsAndNumbers_pointAtTheElement() {
        ResponseModel<Recipe> model = ResponseModel.of(Recipe.class);
        Recipe recipe = model.parse(
                "{\"name\":\"Soup\",\"prepTimeMinutes\":0,\"ingredients\":[\"water\",\"\"],\"instructions\":\"boil\"}");

        List<Violation> violations = model.validate(recipe, ValidationContext.empty());

        assertThat(violations)
                .extracting(v -> v.path().toString(), Violation::message, Violation::rejectedValue)
                .containsExactlyInAnyOrder(
                        tuple("/prepTimeMinutes", "must be greater than or equal to 1", 0),
                        tuple("/ingredients/1", "must not be blank", ""));
    }

    @Test
    void assertTrueMethodAndClassLevelConstraint_pointAtTheObject() {
        ResponseModel<List<Range>> ranges = ResponseModel.of(new TypeRef<List<Range>>() {});
        ResponseModel<Trip> trips = ResponseModel.of(Trip.class);

        List<Violation> rangeViolations = ranges.validate(
                ranges.parse("{\"items\":[{\"from\":1,\"to\":2},{\"from\":5,\"to\":3}]}"), ValidationContext.empty());
        List<Violation> tripViolations =
                trips.validate(trips.parse("{\"start\":\"Oslo\",\"end\":\"Oslo\"}"), ValidationContext.empty());

        assertThat(rangeViolations).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo(JsonPointer.parse("/items/1"));
            assertThat(v.message()).isEqualTo("ordered: from must not exceed to");
        });
        assertThat(tripViolations).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo(JsonPointer.root());
            assertThat(v.message()).isEqualTo("start and end must differ");
        });
    }

    @Test
    void nestedRecords_validatedWithOrWithoutValid_reportedOnce() {
        ResponseModel<Plan> model = ResponseModel.of(Plan.class);
        Plan plan = model.parse("{\"name\":\"p\",\"steps\":[{\"action\":\"go\"},{\"action\":\"\"}],"
                + "\"last\":{\"action\":\" \"},\"bonus\":{\"action\":\"\"}}");

        List<Violation> violations = model.validate(plan, ValidationContext.empty());

        assertThat(violations)
                .extracting(v -> v.path().toString())
                .containsExactlyInAnyOrder("/steps/1/action", "/last/action", "/bonus/action");
    }

    @Test
    void nestedRecords_inAMapWithEnumKeysAndAConcreteList_validatedAtTheKeysAsWritten() {
        ResponseModel<Roster> model = ResponseModel.of(Roster.class);
        String json = "{\"byShift\":{\"early\":{\"action\":\"\"},\"LATE\":{\"action\":\"go\"}},"
                + "\"extra\":[{\"action\":\"go\"},{\"action\":\" \"}]}";

        assertThat(violationPaths(model, json)).containsExactlyInAnyOrder("/byShift/early/action", "/extra/1/action");
        assertThat(model.validate(model.parse(json), ValidationContext.empty()))
                .extracting(v -> v.path().toString())
                .containsExactlyInAnyOrder("/byShift/early/action", "/extra/1/action");
    }

    @Test
    void nullValueInAMapWithEnumKeys_rejectedAtTheKeyAsWritten_likeInAMapWithStringKeys() {
        ResponseModel<Roster> model = ResponseModel.of(Roster.class);
        String json = "{\"byShift\":{\"early\":null,\"LATE\":{\"action\":\"go\"}},\"extra\":[null]}";

        assertThat(violationPaths(model, json)).containsExactlyInAnyOrder("/byShift/early", "/extra/0");
    }

    @Test
    void containerElementOfAMapWithEnumKeys_pointsAtTheKeyAsWritten() {
        ResponseModel<ShiftNotes> model = ResponseModel.of(ShiftNotes.class);
        String json = "{\"notes\":{\"early\":\"long note\",\"LATE\":\"ok\"}}";

        assertThat(violationPaths(model, json)).containsExactly("/notes/early");
        assertThat(model.newStreamingValidator().check(document(json), List.of(JsonPointer.parse("/notes"))))
                .extracting(v -> v.path().toString())
                .containsExactly("/notes/early");
    }

    @Test
    void setOfRecords_violationInAnItem_reportedOnTheSetNamingTheMember() {
        ResponseModel<Sticker> model = ResponseModel.of(Sticker.class);
        Sticker sticker = model.parse("{\"name\":\"s\",\"steps\":[{\"action\":\"go\"},{\"action\":\"see\"},"
                + "{\"action\":\"\"},{\"action\":\"go\"}]}");

        List<Violation> violations = model.validate(sticker, ValidationContext.empty());

        // The set is a HashSet that dropped the repeated item: no index of it is the document's.
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo(JsonPointer.parse("/steps"));
            assertThat(v.message()).isEqualTo("action: must not be blank");
            assertThat(v.rejectedValue()).isEqualTo("");
        });
    }

    @Test
    void alias_pathNamesTheMemberTheModelWrote() {
        ResponseModel<Person> model = ResponseModel.of(Person.class);
        String json = "{\"fullName\":\"Abcdefgh\"}";

        assertThat(violationPaths(model, json)).containsExactly("/fullName");
        assertThat(model.validate(model.parse(json), document(json), ValidationContext.empty()))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.path()).isEqualTo(JsonPointer.parse("/fullName"));
                    assertThat(v.rejectedValue()).isEqualTo("Abcdefgh");
                });
        // Without the document, the property's own name is all there is to say.
        assertThat(model.validate(model.parse(json), ValidationContext.empty()))
                .extracting(v -> v.path().toString())
                .containsExactly("/name");
    }

    @Test
    void alias_nestedInListsMapsAndContainerElements_namedAsWritten() {
        ResponseModel<Team> model = ResponseModel.of(Team.class);
        String json = "{\"people\":[{\"name\":\"Ann\"},{\"fullName\":\"Abcdefgh\"}],"
                + "\"labels\":[\"ok\",\"long\"],\"byRole\":{\"lead\":{\"fullName\":\"Bartholomew\"}}}";

        assertThat(violationPaths(model, json))
                .containsExactlyInAnyOrder("/people/1/fullName", "/labels/1", "/byRole/lead/fullName");
    }

    @Test
    void alias_inAValidatorsViolation_pathNamesTheMemberTheModelWrote() {
        ResponseModel<List<Person>> model = ResponseModel.builder(new TypeRef<List<Person>>() {})
                .validator((people, context) -> List.of(Violation.of("/1/name", "repeats the first name")))
                .build();

        // The validator names the property as the type does; the model wrote the alias, which the re-ask must show.
        assertThat(violationPaths(model, "{\"items\":[{\"name\":\"Ann\"},{\"fullName\":\"Ann\"}]}"))
                .containsExactly("/items/1/fullName");
        assertThat(violationPaths(model, "{\"items\":[{\"name\":\"Ann\"},{\"name\":\"Ann\"}]}"))
                .containsExactly("/items/1/name");
    }

    @Test
    void validatorsViolation_atAPathTheDocumentLacks_keptAsWritten() {
        ResponseModel<List<Person>> model = ResponseModel.builder(new TypeRef<List<Person>>() {})
                .validator((people, context) -> List.of(
                        Violation.of("/5/name", "no such item"),
                        Violation.of("/first/name", "not an index"),
                        Violation.of("/0/name/deeper", "below a string"),
                        Violation.of("", "the whole list")))
                .build();

        assertThat(violationPaths(model, "{\"items\":[{\"fullName\":\"Ann\"}]}"))
                .containsExactly("/items/5/name", "/items/first/name", "/items/0/fullName/deeper", "/items");
    }

    @Test
    void alias_inAWrappedList_pathIncludesTheWrapper() {
        ResponseModel<List<Person>> model = ResponseModel.of(new TypeRef<List<Person>>() {});

        assertThat(violationPaths(model, "{\"items\":[{\"name\":\"Ann\"},{\"fullName\":\"Abcdefgh\"}]}"))
                .containsExactly("/items/1/fullName");
    }

    @Test
    void nameAndAlias_bothWritten_pathNamesTheOneJacksonBound() {
        ResponseModel<Person> people = ResponseModel.of(Person.class);
        ResponseModel<Badge> badges = ResponseModel.of(Badge.class);

        // A creator property takes the last of the two; a property set after a creator, the first.
        assertThat(violationPaths(people, "{\"name\":\"Ann\",\"fullName\":\"Abcdefgh\"}"))
                .containsExactly("/fullName");
        assertThat(violationPaths(people, "{\"fullName\":\"Ann\",\"name\":\"Abcdefgh\"}"))
                .containsExactly("/name");
        assertThat(violationPaths(badges, "{\"id\":1,\"text\":\"Abcdefgh\",\"caption\":\"Ann\"}"))
                .containsExactly("/text");
        assertThat(violationPaths(badges, "{\"id\":1,\"caption\":\"Abcdefgh\",\"text\":\"Ann\"}"))
                .containsExactly("/caption");
    }

    @Test
    void nameRepeatedAroundAnAlias_pathNamesTheLastWritten() {
        ResponseModel<Person> people = ResponseModel.of(Person.class);
        ResponseModel<Badge> badges = ResponseModel.of(Badge.class);

        // The engine shows a repeated key at its first position; Jackson binds the last member written.
        assertThat(violationPaths(people, "{\"name\":\"Ann\",\"fullName\":\"Bob\",\"name\":\"Abcdefgh\"}"))
                .containsExactly("/name");
        assertThat(violationPaths(people, "{\"fullName\":\"Ann\",\"name\":\"Bob\",\"fullName\":\"Abcdefgh\"}"))
                .containsExactly("/fullName");
        assertThat(violationPaths(badges, "{\"id\":1,\"caption\":\"Abcdefgh\",\"text\":\"Ann\",\"caption\":\"Bo\"}"))
                .containsExactly("/caption");
    }

    @Test
    void repeatedMemberJacksonKeepsFirst_namesBelowItFollowTheFirst() {
        ResponseModel<Card> model = ResponseModel.of(Card.class);
        String json = "{\"id\":1,\"holder\":{\"fullName\":\"Abcdefgh\"},\"holder\":{\"name\":\"Ann\"}}";

        assertThat(model.parse(json).getHolder()).isEqualTo(new Person("Abcdefgh"));
        assertThat(violationPaths(model, json)).containsExactly("/holder/fullName");
        assertThat(model.validate(model.parse(json), document(json), ValidationContext.empty()))
                .extracting(v -> v.path().toString())
                .containsExactly("/holder/fullName");
    }

    @Test
    void repeatedTypeId_namesFollowTheSubtypeOfTheFirst() {
        ResponseModel<Journey> model = ResponseModel.of(Journey.class);
        String json = "{\"ride\":{\"kind\":\"bus\",\"kind\":\"tram\",\"who\":\"everyone\"}}";

        assertThat(model.parse(json)).isEqualTo(new Journey(new Bus("everyone")));
        assertThat(violationPaths(model, json)).containsExactly("/ride/who");
    }

    @Test
    void union_anotherTypeIdAndAnAlias_namedAsWritten() {
        ResponseModel<Gesture> model = ResponseModel.of(Gesture.class);

        assertThat(violationPaths(model, "{\"greet\":{\"who\":\"everyone\"}}")).containsExactly("/greet/who");
    }

    @Test
    void caseInsensitiveMapper_pathNamesTheCaseWritten() {
        ResponseModel<Idea> model = ResponseModel.builder(Idea.class)
                .mapper(JsonMapper.builder()
                        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                        .build())
                .build();

        assertThat(violationPaths(model, "{\"Title\":\" \",\"BLURB\":\"this blurb is far too long\"}"))
                .containsExactlyInAnyOrder("/Title", "/BLURB");
    }

    /** Returns the paths of the violations {@code parseAndValidate} throws for {@code json}. */
    private static List<String> violationPaths(ResponseModel<?> model, String json) {
        try {
            model.parseAndValidate(json, ValidationContext.empty());
            return List.of();
        } catch (ValidationException e) {
            return e.violations().stream().map(v -> v.path().toString()).toList();
        }
    }

    private static PartialValue document(String json) {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed(json);
        return parser.finish();
    }

    @Test
    void userValidator_returningNullOrANullViolation_failsNamingIt() {
        Validator<Idea> lazy = new Validator<>() {
            @Override
            public List<Violation> validate(Idea value, ValidationContext context) {
                return null;
            }

            @Override
            public String toString() {
                return "LazyCheck";
            }
        };
        String json = "{\"title\":\"t\",\"blurb\":\"b\"}";

        assertThatThrownBy(() -> ResponseModel.builder(Idea.class)
                        .validator(lazy)
                        .build()
                        .parseAndValidate(json, ValidationContext.empty()))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("LazyCheck returned null");
        Validator<Idea> holey = (idea, context) -> Arrays.asList((Violation) null);
        assertThatThrownBy(() -> ResponseModel.builder(Idea.class)
                        .validator(holey)
                        .build()
                        .parseAndValidate(json, ValidationContext.empty()))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("returned a null violation");
    }

    @Test
    void userValidator_seesContextAndGetsWrappedPaths() {
        ResponseModel<List<Idea>> model = ResponseModel.builder(new TypeRef<List<Idea>>() {})
                .validator((ideas, context) -> {
                    String banned = context.get("banned", String.class).orElseThrow();
                    List<Violation> out = new ArrayList<>();
                    for (int i = 0; i < ideas.size(); i++) {
                        if (ideas.get(i).title().contains(banned)) {
                            out.add(Violation.of(
                                    "/" + i + "/title",
                                    "must not mention " + banned,
                                    ideas.get(i).title()));
                        }
                    }
                    return out;
                })
                .build();
        String json =
                "{\"items\":[{\"title\":\"Notes\",\"blurb\":\"b\"},{\"title\":\"Evernote killer\",\"blurb\":\"b\"}]}";

        assertThatThrownBy(() -> model.parseAndValidate(json, ValidationContext.of(Map.of("banned", "Evernote"))))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.render())
                                .isEqualTo("`/items/1/title`: must not mention Evernote (was: \"Evernote killer\")")));
        assertThat(model.parseAndValidate(json, ValidationContext.of(Map.of("banned", "OneNote"))))
                .hasSize(2);
    }

    @Test
    void nullAnswer_orNullWrapperMember_rejected_unlessTheTypeIsOptional() {
        ResponseModel<List<Idea>> ideas = ResponseModel.builder(new TypeRef<List<Idea>>() {})
                .validator((value, context) -> List.of(Violation.of("", "has " + value.size() + " ideas")))
                .build();

        assertThat(violationPaths(ideas, "{\"items\":null}")).containsExactly("/items");
        assertThat(violationPaths(ResponseModel.of(Idea.class), "null")).containsExactly("");
        assertThat(violationPaths(ResponseModel.of(String.class), "{\"value\":null}"))
                .containsExactly("/value");
        assertThat(ResponseModel.of(new TypeRef<Optional<Idea>>() {})
                        .parseAndValidate("null", ValidationContext.empty()))
                .isEmpty();
    }

    enum Hue {
        @JsonProperty("red")
        RED,
        @JsonProperty("green")
        GREEN
    }

    record Painted(
            @Null(message = "leave it to the painter") Hue hue,
            @Past @JsonFormat(pattern = "dd.MM.yyyy") LocalDate day,
            @JsonFormat(pattern = "dd.MM.yyyy") List<@Past LocalDate> more) {}

    @Test
    void rejectedEnumsAndDates_areShownAsTheModelWroteThem_finallyAndWhileStreaming() {
        ResponseModel<Painted> model = ResponseModel.of(Painted.class);
        String json = "{\"hue\":\"green\",\"day\":\"01.01.2999\",\"more\":[\"02.02.2999\"]}";

        assertThatThrownBy(() -> model.parseAndValidate(json, ValidationContext.empty()))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations())
                        .extracting(v -> v.path().toString(), Violation::rejectedValue)
                        .containsExactlyInAnyOrder(
                                tuple("/hue", "green"), tuple("/day", "01.01.2999"), tuple("/more/0", "02.02.2999")));
        PartialJsonParser parser = PartialJsonParser.strict();
        StreamingValidator validator = model.newStreamingValidator();
        List<Violation> streamed = new ArrayList<>();
        for (int i = 0; i < json.length(); i++) {
            parser.feed(json.substring(i, i + 1));
            if (parser.current() != null) {
                streamed.addAll(validator.check(parser.current(), parser.completedPaths()));
            }
        }
        assertThat(streamed)
                .extracting(v -> v.path().toString(), Violation::rejectedValue)
                .containsExactlyInAnyOrder(
                        tuple("/hue", "green"), tuple("/day", "01.01.2999"), tuple("/more/0", "02.02.2999"));
    }

    enum Colour {
        RED,
        BLUE
    }

    record Span(int from, int to) {
        @AssertTrue(message = "from must not exceed to")
        public boolean isOrdered() {
            return from <= to;
        }
    }

    record Keyed(Map<Colour, @Size(max = 1) String> byColour, Map<Integer, @Valid Span> byNumber) {}

    @Test
    void mapKeysJacksonReadsAsAnotherKey_areNamedAsTheModelWroteThem_finallyAndWhileStreaming() {
        JsonMapper caseless = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
        ResponseModel<Keyed> model =
                ResponseModel.builder(Keyed.class).mapper(caseless).build();
        String json = "{\"byColour\":{\"red\":\"abc\"},\"byNumber\":{\"007\":{\"from\":5,\"to\":1}}}";

        assertThatThrownBy(() -> model.parseAndValidate(json, ValidationContext.empty()))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations())
                        .extracting(v -> v.path().toString())
                        .containsExactlyInAnyOrder("/byColour/red", "/byNumber/007"));
        PartialJsonParser parser = PartialJsonParser.strict();
        StreamingValidator validator = model.newStreamingValidator();
        List<String> streamed = new ArrayList<>();
        for (int i = 0; i < json.length(); i++) {
            parser.feed(json.substring(i, i + 1));
            if (parser.current() != null) {
                validator
                        .check(parser.current(), parser.completedPaths())
                        .forEach(v -> streamed.add(v.path().toString()));
            }
        }
        assertThat(streamed).containsExactlyInAnyOrder("/byColour/red", "/byNumber/007");
    }

    @Test
    void render_oneLinePerViolation_longValuesShortened() {
        String longText = "x".repeat(300);
        List<Violation> violations = List.of(
                Violation.of("/items/1/blurb", "size must be between 0 and 140", longText),
                Violation.of("", "answer is empty"),
                Violation.of("/items", "size must be between 0 and 2", List.of(1, 2, 3)));

        String text = Violation.render(violations);

        assertThat(text.split("\n")).hasSize(3);
        assertThat(text).startsWith("`/items/1/blurb`: size must be between 0 and 140 (was: \"xxx");
        assertThat(text.split("\n")[0]).hasSizeLessThan(200).endsWith("...\")");
        assertThat(text.split("\n")[1]).isEqualTo("`(root)`: answer is empty");
        assertThat(text.split("\n")[2]).isEqualTo("`/items`: size must be between 0 and 2 (was: 3 items)");
    }

    @Test
    void render_manyViolations_listsTheFirstFiftyAndCountsTheRest() {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            violations.add(Violation.of("/items/" + i + "/blurb", "must not be blank", ""));
        }

        String[] lines = Violation.render(violations).split("\n");

        assertThat(lines).hasSize(Violation.RENDERED_LIMIT + 1);
        assertThat(lines[49]).startsWith("`/items/49/blurb`");
        assertThat(lines[50]).isEqualTo("(and 9950 more violations not listed)");
        assertThat(Violation.render(violations.subList(0, 51))).endsWith("\n(and 1 more violation not listed)");
        assertThat(Violation.render(violations.subList(0, 50)).split("\n"))
                .hasSize(50)
                .allMatch(line -> line.startsWith("`/items/"));
    }

    @Test
    void render_longValueShortenedBetweenTheHalvesOfASurrogatePair_keepsNoHalf() {
        String value = "x".repeat(116) + "\uD83D\uDE00" + "y".repeat(20);

        String text = Violation.of("/blurb", "too long", value).render();

        assertThat(text).endsWith("x...\")").doesNotContain("\uD83D");
    }

    @Test
    void render_controlCharactersInTheValue_escaped_soTheViolationStaysOneLine() {
        String text = Violation.of("/notes", "bad", "one\r\ntwo\tthree\u0000").render();

        assertThat(text).isEqualTo("`/notes`: bad (was: \"one\\r\\ntwo\\tthree\\u0000\")");
    }

    @Test
    void parse_unbindableAnswer_throwsViolationAtJacksonsPath() {
        record Movie(String title, int year) {}
        ResponseModel<List<Movie>> model = ResponseModel.of(new TypeRef<List<Movie>>() {});

        assertThatThrownBy(() ->
                        model.parse("{\"items\":[{\"title\":\"A\",\"year\":1},{\"title\":\"B\",\"year\":\"abc\"}]}"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .singleElement()
                        .satisfies(v -> assertThat(v.path().toString()).isEqualTo("/items/1/year")));
        assertThatThrownBy(() -> model.parse("{\"items\":[{\"title\":\"A\"")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> model.parse("{\"other\":[]}"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage())
                        .contains("missing member \"items\""));
    }

    @Test
    void parse_invalidJson_saysWhereAtLineAndColumn_withoutJacksonsHiddenSource() {
        record Movie(String title, int year) {}
        ResponseModel<Movie> movie = ResponseModel.of(Movie.class);
        ResponseModel<List<Movie>> movies = ResponseModel.of(new TypeRef<List<Movie>>() {});

        assertThat(parseError(movie, "{\"title\":\"A\",\n \"year\":1"))
                .isEqualTo(" Unexpected end-of-input: expected close marker for Object at line 2, column 10");
        assertThat(parseError(movie, "{\"title\":\"A\"\n \"year\":1}"))
                .startsWith(" Unexpected character ('\"' (code 34)): was expecting comma")
                .endsWith(" at line 2, column 2");
        assertThat(parseError(movies, "{\"items\":[{\"title\":\"A\",\"year\":1]}"))
                .isEqualTo("/items/0 Unexpected close marker ']': expected '}' at line 1, column 32");
    }

    @Test
    void parse_aValueOutOfRangeInValidJson_hasItsPathAndNoLocation() {
        record Movie(String title, int year) {}

        assertThat(parseError(ResponseModel.of(Movie.class), "{\"title\":\"A\",\n \"year\":99999999999}"))
                .startsWith("/year ")
                .contains("out of range of `int`")
                .doesNotContain("line");
    }

    /** The one violation {@code parse} reports for {@code json}, as {@code "path message"}. */
    private static String parseError(ResponseModel<?> model, String json) {
        try {
            model.parse(json);
        } catch (ValidationException e) {
            assertThat(e.violations()).hasSize(1);
            assertThat(e.getCause()).as("Jackson's exception is kept").isNotNull();
            return e.violations().get(0).path() + " " + e.violations().get(0).message();
        }
        throw new AssertionError("parsed: " + json);
    }

    record Shelf(
            @Size(min = 1, max = 2) Iterable<String> tags,
            @NotEmpty Iterable<Step> steps) {}

    @Test
    void sizeAndNotEmptyOnAnIterable_validatedAsOnAList_inTheSchemaTheFinalValueAndWhileStreaming() {
        ResponseModel<Shelf> model = ResponseModel.of(Shelf.class);

        assertThat(model.schema().at("/properties/tags/maxItems").asInt()).isEqualTo(2);
        assertThat(model.schema().at("/properties/steps/minItems").asInt()).isEqualTo(1);
        assertThat(violationPaths(model, "{\"tags\":[\"a\",\"b\"],\"steps\":[{\"action\":\"go\"}]}"))
                .isEmpty();
        assertThatThrownBy(() -> model.parseAndValidate(
                        "{\"tags\":[\"a\",\"b\",\"c\"],\"steps\":[]}", ValidationContext.empty()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.path().toString(), Violation::message)
                        .containsExactlyInAnyOrder(
                                tuple("/tags", "size must be between 1 and 2"), tuple("/steps", "must not be empty")));

        String json = "{\"tags\":[\"a\",\"b\",\"c\"],\"steps\":[]}";
        PartialJsonParser parser = PartialJsonParser.strict();
        StreamingValidator validator = model.newStreamingValidator();
        List<String> found = new ArrayList<>();
        for (int i = 0; i < json.length(); i++) {
            parser.feed(json.substring(i, i + 1));
            PartialValue snapshot = parser.snapshot().orElse(null);
            for (Violation violation : validator.check(snapshot, parser.completedPaths())) {
                found.add(violation.path() + " after " + json.substring(0, i + 1));
            }
        }
        assertThat(found)
                .contains("/tags after " + json.substring(0, json.indexOf("\"c") + 1))
                .contains("/steps after " + json.substring(0, json.length() - 1));
    }

    record Odd(@Min(2) Optional<Integer> count) {}

    record Odds(String name, List<Odd> odds) {}

    record Even(
            Optional<@Min(2) Integer> count, @Size(max = 2) Iterable<String> tags) {}

    @Test
    void constraintWithNoValidatorForItsPropertysType_isRefusedWhenTheModelIsBuilt_namingTheProperty() {
        for (Class<?> type : List.of(Odd.class, Odds.class)) {
            assertThatThrownBy(() -> ResponseModel.of(type))
                    .as(type.getSimpleName())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("@Min")
                    .hasMessageContaining(Odd.class.getName() + ".count")
                    .hasMessageContaining("Optional<@Min");
        }
        assertThat(violationPaths(ResponseModel.of(Even.class), "{\"count\":1,\"tags\":[]}"))
                .containsExactly("/count");
    }

    /** A constraint of the user's whose validator, as many do, assumes a value. */
    @jakarta.validation.Constraint(validatedBy = EvenValidator.class)
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target({java.lang.annotation.ElementType.FIELD, java.lang.annotation.ElementType.METHOD})
    @interface EvenNumber {
        String message() default "must be even";

        Class<?>[] groups() default {};

        Class<? extends jakarta.validation.Payload>[] payload() default {};
    }

    /** Fails on null, which Bean Validation's convention says a validator must accept. */
    public static final class EvenValidator implements jakarta.validation.ConstraintValidator<EvenNumber, Integer> {
        @Override
        public boolean isValid(Integer value, jakarta.validation.ConstraintValidatorContext context) {
            return value % 2 == 0;
        }
    }

    record Pairs(@EvenNumber Integer count) {}

    @Test
    void constraintWhoseValidatorFailsOnNull_isRefusedWhenTheModelIsBuilt_asTheBuildPromises() {
        assertThatThrownBy(() -> ResponseModel.of(Pairs.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Pairs.class.getName() + ".count")
                .hasMessageContaining("null");
    }
}
