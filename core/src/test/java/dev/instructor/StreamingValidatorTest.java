package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.Nulls;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialString;
import dev.instructor.json.PartialValue;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.GroupSequence;
import jakarta.validation.Payload;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.validation.valueextraction.Unwrapping;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks while streaming: completed values, and open values already past an upper bound. */
class StreamingValidatorTest {
    record Idea(@NotBlank String title, @Size(max = 20) String blurb) {}

    record Shortlist(String topic, @Size(max = 2) List<Idea> ideas) {}

    record Recipe(String name, @Min(1) int prepTimeMinutes, List<@NotBlank String> ingredients) {}

    record Range(int from, int to) {
        @AssertTrue(message = "from must not exceed to")
        public boolean isOrdered() {
            return from <= to;
        }
    }

    record Lines(@Size(max = 2) String[] lines) {}

    record Note(@Size(max = 3) String title, @Size(max = 2) List<String> tags) {}

    record Motto(
            @Size(max = 4, payload = Unwrapping.Unwrap.class)
            Optional<String> motto) {}

    record Labels(@Size(max = 2) Set<String> labels) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(Circle.class)})
    sealed interface Figure permits Circle {}

    @JsonTypeName("circle")
    record Circle(@Positive double radius) implements Figure {}

    record Drawing(Figure figure) {}

    record Person(
            @JsonProperty("name") @JsonAlias({"fullName"}) @Size(max = 5)
            String name) {}

    record Span(
            @JsonAlias("start") @Min(0) int from,
            @JsonAlias("end") int to) {
        @AssertTrue(message = "from must not exceed to")
        public boolean isOrdered() {
            return from <= to;
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(Dot.class)})
    sealed interface Mark permits Dot {}

    @JsonTypeName("dot")
    record Dot(@JsonAlias("r") @Positive double radius) implements Mark {}

    record Marks(List<Mark> marks) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    @JsonSubTypes(
            @JsonSubTypes.Type(
                    value = Wave.class,
                    names = {"wave", "greet"}))
    sealed interface Gesture permits Wave {}

    record Wave(@JsonAlias("who") @NotBlank String to) implements Gesture {}

    record Named(@JsonAlias("full") @Size(max = 3) String name) {}

    /** A bean built by a creator, with a property Jackson sets after it: of two members for it, the first counts. */
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

        @Size(max = 3)
        public String getText() {
            return text;
        }

        @JsonAlias("caption")
        public void setText(String text) {
            this.text = text;
        }
    }

    /** A validation group the default validation does not check. */
    interface Draft {}

    record Drafted(
            @Size(max = 2, groups = Draft.class) @Size(max = 5)
            String title,

            @Size(max = 1, groups = Draft.class) @Size(max = 3)
            List<String> tags) {}

    @Test
    void boundOfAnotherGroup_neitherFailsFast_norHidesTheDefaultGroupsBound() {
        ResponseModel<Drafted> model = ResponseModel.of(Drafted.class);
        String json = "{\"title\":\"abcdefg\",\"tags\":[\"a\",\"b\",\"c\",\"d\"]}";

        assertThat(check(model, json))
                .extracting(found -> found.violation().path().toString(), Found::offset)
                .containsExactly(tuple("/title", json.indexOf("f") + 1), tuple("/tags", json.indexOf("\"d") + 1));
    }

    /** The group a sequence checks once its first group passes. */
    interface Later {}

    @GroupSequence({Sequenced.class, Later.class})
    record Sequenced(
            @Size(max = 3, groups = Later.class) String title,
            @NotBlank String body,
            @Size(max = 1, groups = Later.class) List<String> tags,
            @Min(value = 5, groups = Later.class) int rank) {}

    /** The group a sequence checks first. */
    interface Basic {}

    /** A group that extends the first one: its constraints are checked with it. */
    interface Stricter extends Basic {}

    @GroupSequence({Basic.class, FirstGrouped.class})
    record FirstGrouped(
            @Size(max = 3) String title,
            @NotBlank(groups = Basic.class) String body,
            @Size(max = 2, groups = Stricter.class) String code) {}

    record Sequences(List<Sequenced> items, List<FirstGrouped> firsts) {}

    @Test
    void groupSequence_laterGroupNotReportedWhileAnEarlierOneFails_asTheFinalValidationDoes() {
        ResponseModel<Sequences> model = ResponseModel.of(Sequences.class);
        List<String> documents = List.of(
                "{\"items\":[{\"title\":\"abcdef\",\"tags\":[\"a\",\"b\"],\"rank\":1,\"body\":\" \"}]}",
                "{\"items\":[{\"title\":\"abcdef\",\"tags\":[\"a\",\"b\"],\"rank\":1,\"body\":\"b\"}]}",
                "{\"items\":[{\"body\":\"\",\"title\":\"abcdef\",\"rank\":9},{\"title\":\"ab\",\"rank\":1,\"body\":\"b\"}]}",
                "{\"items\":[],\"firsts\":[{\"title\":\"abcdef\",\"body\":\" \"},{\"title\":\"abcdef\",\"body\":\"b\"}]}");

        for (String json : documents) {
            Set<String> streamed = new java.util.HashSet<>();
            for (Found found : check(model, json)) {
                streamed.add(found.violation().path() + " " + found.violation().message());
            }
            assertThat(streamed).as(json).containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json));
        }
    }

    record Pitch(@NotBlank String title) {}

    record Concrete(Optional<ArrayList<Pitch>> maybe, List<ArrayList<Pitch>> nested) {}

    @Test
    void itemOfAConcreteListInsideAnOptionalOrAList_isCheckedAsItCompletes_notOnlyWithTheList() {
        ResponseModel<Concrete> model = ResponseModel.of(Concrete.class);
        String json = "{\"maybe\":[{\"title\":\" \"},{\"title\":\"c\"}],"
                + "\"nested\":[[{\"title\":\"\"},{\"title\":\"d\"}]]}";

        assertThat(check(model, json))
                .extracting(found -> found.violation().path().toString(), Found::offset)
                .containsExactly(
                        tuple("/maybe/0/title", json.indexOf("\"}") + 1),
                        tuple("/nested/0/0/title", json.indexOf("\"\"}") + 2));
    }

    record Pitches(Iterable<Pitch> pitches, Iterable<@Size(max = 3) String> tags) {}

    @Test
    void itemOfAnIterable_isCheckedAsItCompletes_asAListsIs() {
        ResponseModel<Pitches> model = ResponseModel.of(Pitches.class);
        String json = "{\"pitches\":[{\"title\":\" \"},{\"title\":\"b\"}],\"tags\":[\"abcd\",\"e\"]}";

        List<Found> found = check(model, json);

        // Bean Validation names no index for an item of an Iterable (nor of a Set): the value's path is the Iterable's.
        // The item is reported as soon as it passes its @Size(max = 3), as a list's item is.
        assertThat(found)
                .extracting(f -> f.violation().path().toString(), Found::offset)
                .containsExactly(
                        tuple("/pitches/0/title", json.indexOf("\" \"}") + 3),
                        tuple("/tags", json.indexOf("abcd") + 4));
        assertThat(violationPaths(model, json)).containsExactlyInAnyOrder("/pitches/0/title", "/tags");
    }

    /** A violation together with the snapshot it was found in. */
    record Found(Violation violation, PartialValue snapshot, int offset) {}

    private static List<Found> check(ResponseModel<?> model, String json) {
        PartialJsonParser parser = PartialJsonParser.strict();
        StreamingValidator validator = model.newStreamingValidator();
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < json.length(); i++) {
            parser.feed(json.substring(i, i + 1));
            PartialValue snapshot = parser.snapshot().orElse(null);
            if (snapshot != null) {
                for (Violation violation : validator.check(snapshot, parser.completedPaths())) {
                    found.add(new Found(violation, snapshot, i + 1));
                }
            }
        }
        return found;
    }

    private static List<String> violationPaths(ResponseModel<?> model, String json) {
        try {
            model.parseAndValidate(json, ValidationContext.empty());
            return List.of();
        } catch (ValidationException e) {
            return e.violations().stream().map(v -> v.path().toString()).toList();
        }
    }

    private static PartialValue at(PartialValue root, JsonPointer pointer) {
        PartialValue node = root;
        for (String segment : pointer.segments()) {
            node = node instanceof dev.instructor.json.PartialObject
                    ? ((dev.instructor.json.PartialObject) node).get(segment)
                    : ((dev.instructor.json.PartialArray) node).get(Integer.parseInt(segment));
        }
        return node;
    }

    @Test
    void tooLongString_reportedOnceWhileStillGrowing() {
        ResponseModel<List<Idea>> model = ResponseModel.of(new TypeRef<List<Idea>>() {});
        String blurb = "a blurb that goes on and on and on";
        String json = "{\"items\":[{\"title\":\"A\",\"blurb\":\"" + blurb + "\"}]}";

        List<Found> found = check(model, json);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.violation().path().toString()).isEqualTo("/items/0/blurb");
            assertThat(f.violation().message()).isEqualTo("size must be between 0 and 20");
            PartialValue node = at(f.snapshot(), f.violation().path());
            assertThat(node.isComplete()).isFalse();
            assertThat(((PartialString) node).length()).isEqualTo(21);
            assertThat(f.violation().rejectedValue()).isEqualTo(blurb.substring(0, 21));
        });
    }

    @Test
    void tooLongStringsInTwoItems_eachReportedOnceAtTheChunkThatPassesTheBound() {
        ResponseModel<List<Idea>> model = ResponseModel.of(new TypeRef<List<Idea>>() {});
        String first = "twenty chars exactly";
        String second = "this one passes the bound by far";
        String json = "{\"items\":[{\"title\":\"A\",\"blurb\":\"" + first + "\"},{\"title\":\"B\",\"blurb\":\"" + second
                + "\"},{\"title\":\"C\",\"blurb\":\"" + second + "\"}]}";

        List<Found> found = check(model, json);

        assertThat(found)
                .extracting(f -> f.violation().path().toString())
                .containsExactly("/items/1/blurb", "/items/2/blurb");
        assertThat(found).allSatisfy(f -> assertThat(
                        ((PartialString) at(f.snapshot(), f.violation().path())).length())
                .isEqualTo(21));
    }

    @Test
    void completedBlankTitle_reportedWhenTheTitleCompletes() {
        ResponseModel<List<Idea>> model = ResponseModel.of(new TypeRef<List<Idea>>() {});
        String json = "{\"items\":[{\"title\":\"A\",\"blurb\":\"ok\"},{\"title\":\"  \",\"blurb\":\"fine\"}]}";

        List<Found> found = check(model, json);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.violation().path().toString()).isEqualTo("/items/1/title");
            assertThat(f.violation().message()).isEqualTo("must not be blank");
            assertThat(json.substring(0, f.offset())).endsWith("\"title\":\"  \"");
        });
    }

    @Test
    void missingConstrainedField_reportedWhenItsObjectCompletes() {
        ResponseModel<List<Idea>> model = ResponseModel.of(new TypeRef<List<Idea>>() {});
        String json = "{\"items\":[{\"blurb\":\"no title here\"},{\"title\":\"B\",\"blurb\":\"b\"}]}";

        List<Found> found = check(model, json);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.violation().path().toString()).isEqualTo("/items/0/title");
            assertThat(f.violation().message()).isEqualTo("must not be blank");
            assertThat(json.substring(0, f.offset())).endsWith("here\"}");
        });
    }

    @Test
    void tooManyItems_reportedWhenTheExtraItemStarts() {
        ResponseModel<Shortlist> model = ResponseModel.of(Shortlist.class);
        String json = "{\"topic\":\"t\",\"ideas\":[{\"title\":\"A\",\"blurb\":\"a\"},{\"title\":\"B\",\"blurb\":\"b\"},"
                + "{\"title\":\"C\",\"blurb\":\"c\"}]}";

        List<Found> found = check(model, json);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.violation().path().toString()).isEqualTo("/ideas");
            assertThat(f.violation().message()).isEqualTo("size must be between 0 and 2");
            assertThat(f.violation().render()).endsWith("(was: 3 items)");
            assertThat(json.substring(0, f.offset())).endsWith("\"b\"},{");
        });
    }

    @Test
    void completedNumberAndContainerElements_checkedWhenComplete() {
        ResponseModel<Recipe> model = ResponseModel.of(Recipe.class);
        String json = "{\"name\":\"Soup\",\"prepTimeMinutes\":0,\"ingredients\":[\"water\",\" \"]}";

        List<Found> found = check(model, json);

        assertThat(found)
                .extracting(
                        f -> f.violation().path().toString(), f -> f.violation().message())
                .containsExactly(
                        tuple("/prepTimeMinutes", "must be greater than or equal to 1"),
                        tuple("/ingredients/1", "must not be blank"));
        assertThat(json.substring(0, found.get(0).offset())).endsWith("0,");
    }

    @Test
    void classLevelOfCompletedItem_reportedWhenTheItemCompletes() {
        ResponseModel<List<Range>> model = ResponseModel.of(new TypeRef<List<Range>>() {});
        String json = "{\"items\":[{\"from\":1,\"to\":2},{\"from\":5,\"to\":3},{\"from\":0,\"to\":0}]}";

        List<Found> found = check(model, json);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.violation().path().toString()).isEqualTo("/items/1");
            assertThat(f.violation().message()).isEqualTo("ordered: from must not exceed to");
            assertThat(json.substring(0, f.offset())).endsWith("\"to\":3}");
        });
    }

    @Test
    void validAnswer_reportsNothing() {
        ResponseModel<Shortlist> model = ResponseModel.of(Shortlist.class);

        List<Found> found = check(model, "{\"topic\":\"t\",\"ideas\":[{\"title\":\"A\",\"blurb\":\"short\"}]}");

        assertThat(found).isEmpty();
    }

    @Test
    void tooManyItemsInArrayProperty_reportedWhileOpen() {
        ResponseModel<Lines> model = ResponseModel.of(Lines.class);
        String json = "{\"lines\":[\"a\",\"b\",\"c\"]}";

        List<Found> found = check(model, json);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.violation().path().toString()).isEqualTo("/lines");
            assertThat(f.violation().message()).isEqualTo("size must be between 0 and 2");
            assertThat(json.substring(0, f.offset())).endsWith("\"b\",\"");
        });
    }

    @Test
    void openValueOfTheWrongKind_notMeasuredAgainstTheBound() {
        ResponseModel<Note> model = ResponseModel.of(Note.class);

        List<Found> found = check(model, "{\"title\":[\"a\",\"b\",\"c\",\"d\"],\"tags\":\"abcdef\"}");

        assertThat(found).isEmpty(); // nor does it throw: neither value binds, and the final binding says so
    }

    @Test
    void tooLongUnwrappedOptionalText_reportedWhileOpen() {
        ResponseModel<Motto> model = ResponseModel.of(Motto.class);

        List<Found> found = check(model, "{\"motto\":\"abcdefg\"}");

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.violation().path().toString()).isEqualTo("/motto");
            assertThat(f.violation().message()).isEqualTo("size must be between 0 and 4");
            assertThat(f.violation().rejectedValue()).isEqualTo("abcde");
            assertThat(at(f.snapshot(), f.violation().path()).isComplete()).isFalse();
        });
    }

    enum Shift {
        @JsonProperty("early")
        EARLY,
        LATE
    }

    record Roster(Map<Shift, Idea> byShift, ArrayList<Idea> extra) {}

    @Test
    void beansInAMapWithEnumKeys_checkedAsTheyComplete_asInAConcreteList_andAList() {
        ResponseModel<Roster> model = ResponseModel.of(Roster.class);
        String json = "{\"byShift\":{\"early\":{\"title\":\" \",\"blurb\":\"ok\"},\"LATE\":null},"
                + "\"extra\":[{\"title\":\"A\",\"blurb\":\"ok\"},{\"title\":\"B\",\"blurb\":\"far too long for a blurb\"}],"
                + "\"more\":1}";

        List<Found> found = check(model, json);

        assertThat(violationPaths(model, json))
                .containsExactlyInAnyOrder("/byShift/early/title", "/byShift/LATE", "/extra/1/blurb");
        // As the final validation reports them: in the map as soon as the title completes, or the null value, as in a
        // Map<String, Idea>; in the list as soon as the open blurb passes its @Size(max = 20), as in a List.
        String longBlurb = "far too long for a blurb";
        assertThat(found)
                .extracting(f -> f.violation().path().toString(), f -> json.substring(0, f.offset()))
                .containsExactlyInAnyOrder(
                        tuple("/byShift/early/title", json.substring(0, json.indexOf("\" \"") + 3)),
                        tuple("/byShift/LATE", json.substring(0, json.indexOf("null") + 4)),
                        tuple("/extra/1/blurb", json.substring(0, json.indexOf(longBlurb) + 21)));
    }

    record SkippedNulls(
            @JsonSetter(contentNulls = Nulls.SKIP) @Size(max = 2)
            List<String> tags) {}

    @Test
    void listWhoseNullItemsAreSkipped_checkedOnlyOnceComplete() {
        ResponseModel<SkippedNulls> model = ResponseModel.of(SkippedNulls.class);

        // Jackson binds two tags: the final value is valid, so the attempt must not be aborted.
        assertThat(model.parseAndValidate("{\"tags\":[\"a\",null,\"b\"]}", ValidationContext.empty())
                        .tags())
                .containsExactly("a", "b");
        assertThat(check(model, "{\"tags\":[\"a\",null,\"b\"]}")).isEmpty();
        assertThat(check(model, "{\"tags\":[\"a\",null,\"b\",\"c\"]}"))
                .singleElement()
                .satisfies(f -> assertThat(f.violation().path().toString()).isEqualTo("/tags"));
    }

    /** A user's constraint on a list of strings whose validator reads every item, as one written for answers may. */
    @Target({
        ElementType.FIELD,
        ElementType.METHOD,
        ElementType.PARAMETER,
        ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE
    })
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = AllDistinct.Check.class)
    @interface AllDistinct {
        String message() default "items must differ";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** Throws on a null item: the list as a whole may be null, as Bean Validation requires, its items not. */
        final class Check implements ConstraintValidator<AllDistinct, List<String>> {
            @Override
            public boolean isValid(List<String> value, ConstraintValidatorContext context) {
                return value == null
                        || value.stream()
                                        .map(item -> item.toLowerCase(Locale.ROOT))
                                        .distinct()
                                        .count()
                                == value.size();
            }
        }
    }

    record Distinct(
            @AllDistinct @Size(max = 2) List<String> tags, List<@AllDistinct @Size(max = 2) List<String>> rows) {}

    @Test
    void userValidatorFailingOnTheOpenListMeasured_sizeBoundStillReportedWhileOpen() {
        ResponseModel<Distinct> model = ResponseModel.of(Distinct.class);
        String json = "{\"tags\":[\"a\",\"b\",\"c\"],\"rows\":[[\"x\",\"y\"],[\"x\",\"X\",\"z\"]]}";

        List<Found> found = check(model, json);

        assertThat(found)
                .extracting(f -> f.violation().path() + " " + f.violation().message())
                .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json))
                .contains("/tags size must be between 0 and 2", "/rows/1 items must differ");
        // The user's validator throws on the placeholder items measured, yet the bound does not wait for the list to
        // complete: reported as the item one too many starts, as for a list without such a validator.
        assertThat(found)
                .filteredOn(f -> f.violation().message().startsWith("size"))
                .extracting(f -> f.violation().path().toString(), Found::offset)
                .containsExactlyInAnyOrder(
                        tuple("/tags", json.indexOf(",\"c\"") + 2), tuple("/rows/1", json.indexOf(",\"z\"") + 2));
    }

    @Test
    void setWithRepeatedItems_checkedOnlyOnceComplete() {
        ResponseModel<Labels> model = ResponseModel.of(Labels.class);
        String json = "{\"labels\":[\"x\",\"y\",\"z\"]}";

        List<Found> found = check(model, json);

        assertThat(check(model, "{\"labels\":[\"x\",\"x\",\"x\"]}")).isEmpty(); // one label in the final set
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.violation().path().toString()).isEqualTo("/labels");
            assertThat(f.violation().message()).isEqualTo("size must be between 0 and 2");
            assertThat(json.substring(0, f.offset())).endsWith("\"z\"]");
        });
    }

    record Scores(@Size(max = 2) Map<String, String> scores, String note) {}

    @Test
    void mapPassingItsSizeBound_reportedOnceAsTheExtraEntryStarts_asARootMapIs() {
        ResponseModel<Scores> model = ResponseModel.of(Scores.class);
        String json = "{\"scores\":{\"a\":\"1\",\"b\":\"2\",\"a\":\"5\",\"c\":\"3\",\"d\":\"4\"},\"note\":\"n\"}";

        List<Found> found = check(model, json);

        assertThat(violationPaths(model, json)).containsExactly("/scores");
        assertThat(check(model, "{\"scores\":{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\"},\"note\":\"n\"}"))
                .as("a repeated key is one entry")
                .isEmpty();
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.violation().path().toString()).isEqualTo("/scores");
            assertThat(f.violation().message()).isEqualTo("size must be between 0 and 2");
            assertThat(json.substring(0, f.offset()))
                    .as("as the third entry's value starts")
                    .endsWith("\"c\":\"");
        });
    }

    @Test
    void unionMemberBeforeTheTypeId_checkedWhenTheObjectCompletes() {
        ResponseModel<Drawing> model = ResponseModel.of(Drawing.class);
        String json = "{\"figure\":{\"radius\":-1,\"kind\":\"circle\"}}";

        List<Found> found = check(model, json);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.violation().path().toString()).isEqualTo("/figure/radius");
            assertThat(f.violation().message()).isEqualTo("must be greater than 0");
            assertThat(json.substring(0, f.offset())).endsWith("\"circle\"}");
        });
    }

    @Test
    void alias_tooLong_reportedWhenItsObjectCompletes_pathNamesTheMemberWritten() {
        ResponseModel<List<Person>> model = ResponseModel.of(new TypeRef<List<Person>>() {});
        String json = "{\"items\":[{\"name\":\"Ann\"},{\"fullName\":\"Abcdefgh\"}]}";

        List<Found> found = check(model, json);

        // Not while open: the record keeps the last of its name and alias, and the name may still follow.
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.violation().path().toString()).isEqualTo("/items/1/fullName");
            assertThat(json.substring(0, f.offset())).endsWith("\"Abcdefgh\"}");
        });
    }

    @Test
    void alias_completedMemberAndWholeBean_reportedOnceWhereWritten() {
        ResponseModel<Span> model = ResponseModel.of(Span.class);
        String json = "{\"start\":-1,\"end\":-2}";

        List<Found> found = check(model, json);

        // The whole bean is validated again once complete, for its getter: the member is not reported a second time
        // under its property's name.
        assertThat(found)
                .extracting(
                        f -> f.violation().path().toString(), f -> f.violation().message())
                .containsExactly(
                        tuple("/start", "must be greater than or equal to 0"),
                        tuple("", "ordered: from must not exceed to"));
    }

    @Test
    void alias_unionMemberBeforeTheTypeId_pathNamesTheMemberWritten() {
        ResponseModel<Marks> model = ResponseModel.of(Marks.class);
        String json = "{\"marks\":[{\"kind\":\"dot\",\"r\":1},{\"r\":-1,\"kind\":\"dot\"}]}";

        List<Found> found = check(model, json);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.violation().path().toString()).isEqualTo("/marks/1/r");
            assertThat(f.violation().rejectedValue()).isEqualTo(-1.0);
        });
    }

    @Test
    void anotherTypeIdOfAWrapperObject_pathNamesTheIdWritten() {
        ResponseModel<Gesture> model = ResponseModel.of(Gesture.class);

        List<Found> found = check(model, "{\"greet\":{\"who\":\" \"}}");

        assertThat(found).extracting(f -> f.violation().path().toString()).containsExactly("/greet/who");
    }

    @Test
    void nameAndAlias_theLaterKept_earlierTooLongNotReported() {
        ResponseModel<Named> model = ResponseModel.of(Named.class);
        String json = "{\"full\":\"toolong\",\"name\":\"ok\"}";

        assertThat(check(model, json)).isEmpty();
        assertThat(model.validate(model.parse(json), ValidationContext.empty())).isEmpty();
    }

    @Test
    void nameAndAlias_theLaterKeptTooLong_reportedOnceTheObjectCompletes() {
        ResponseModel<Named> model = ResponseModel.of(Named.class);
        String json = "{\"full\":\"ok\",\"name\":\"toolong\"}";

        assertThat(check(model, json)).singleElement().satisfies(f -> {
            assertThat(f.violation().path().toString()).isEqualTo("/name");
            assertThat(f.offset()).isEqualTo(json.length());
        });
    }

    @Test
    void repeatedName_theLaterKept_earlierTooLongNotReported() {
        ResponseModel<List<Named>> model = ResponseModel.of(new TypeRef<List<Named>>() {});
        String json = "{\"items\":[{\"name\":\"ok\",\"full\":\"toolong\",\"name\":\"ok\"}]}";

        assertThat(check(model, json)).isEmpty();
        assertThat(model.validate(model.parse(json), ValidationContext.empty())).isEmpty();
    }

    @Test
    void propertySetAfterACreator_theFirstKept_laterTooLongNotReported() {
        ResponseModel<Badge> model = ResponseModel.of(Badge.class);

        for (String json : List.of(
                "{\"id\":1,\"text\":\"ok\",\"caption\":\"toolong\"}",
                "{\"id\":1,\"text\":\"ok\",\"text\":\"toolong\"}",
                "{\"id\":1,\"caption\":\"ok\",\"text\":\"toolong\",\"caption\":\"toolong\"}")) {
            assertThat(check(model, json)).as(json).isEmpty();
            assertThat(model.validate(model.parse(json), ValidationContext.empty()))
                    .as(json)
                    .isEmpty();
        }
    }

    @Test
    void propertySetAfterACreator_theFirstTooLong_reportedWhileOpen() {
        ResponseModel<Badge> model = ResponseModel.of(Badge.class);
        String json = "{\"id\":1,\"caption\":\"toolong\",\"text\":\"ok\"}";

        assertThat(check(model, json)).singleElement().satisfies(f -> {
            assertThat(f.violation().path().toString()).isEqualTo("/caption");
            assertThat(at(f.snapshot(), f.violation().path()).isComplete()).isFalse();
        });
    }
}
