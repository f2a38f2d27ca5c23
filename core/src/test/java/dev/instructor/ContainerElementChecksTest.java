package dev.instructor;

import static dev.instructor.CheckRuns.lines;
import static dev.instructor.CheckRuns.reported;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.Nulls;
import dev.instructor.CheckRuns.Reported;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Container elements ({@code List<@NotBlank String>}, {@code Map<String, @Min(1) Integer>}...) are checked as each
 * element completes, and an open string element as soon as it passes its {@code @Size(max)}, as properties are: not
 * only once the whole property completes.
 */
class ContainerElementChecksTest {
    record Pantry(
            List<@NotBlank String> ingredients,
            List<@Size(max = 5) String> tags,
            Map<String, @Min(1) Integer> counts,
            Set<@Email String> emails,
            Optional<@Size(max = 3) String> nick,
            List<List<@Size(max = 3) String>> grid,
            String note) {}

    private static final ResponseModel<Pantry> PANTRY = ResponseModel.of(Pantry.class);
    /** Valid members that complete a document starting with ingredients, counts and emails. */
    private static final String REST_OF_A = "\"tags\":[],\"nick\":\"a\",\"grid\":[],\"note\":\"n\"";
    /** Valid members that complete a document starting with tags, nick and grid. */
    private static final String REST_OF_B = "\"ingredients\":[],\"counts\":{},\"emails\":[],\"note\":\"n\"";

    /** Every chunk size: 1, 3 and the whole document at once (0). */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void completedElement_reportedAsItCompletes_beforeItsContainerEnds(int chunk) {
        String json = "{\"ingredients\":[\"salt\",\" \",\"pepper\"],\"counts\":{\"a\":1,\"b\":0,\"c\":2},"
                + "\"emails\":[\"x@y.org\",\"nope\",\"q@r.org\"]," + REST_OF_A + "}";

        List<Reported> found = reported(PANTRY, json, chunk);

        assertThat(lines(found)).containsExactlyInAnyOrderElementsOf(CheckRuns.violations(PANTRY, json));
        assertThat(lines(found)).hasSize(3);
        if (chunk > 0) {
            assertReportedBy(found, "/ingredients/1", json.indexOf("\" \"") + 3 + chunk);
            assertReportedBy(found, "/counts/b", json.indexOf(",\"c\"") + 1 + chunk);
            assertReportedBy(found, "/emails", json.indexOf("\"nope\"") + 6 + chunk);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void openStringElement_reportedOnceAsItPassesItsBound_atEveryDepth(int chunk) {
        String json = "{\"tags\":[\"ok\",\"far too long\",\"x\"],\"nick\":\"abcdefg\","
                + "\"grid\":[[\"ab\",\"abcdefgh\"],[\"x\"]]," + REST_OF_B + "}";

        List<Reported> found = reported(PANTRY, json, chunk);

        assertThat(lines(found)).containsExactlyInAnyOrderElementsOf(CheckRuns.violations(PANTRY, json));
        assertThat(lines(found)).hasSize(3).doesNotHaveDuplicates();
        if (chunk > 0) {
            // The chunk that brings the char past the bound reports it, before the string closes.
            assertReportedBy(found, "/tags/1", json.indexOf("far too") + 6 + chunk);
            assertReportedBy(found, "/nick", json.indexOf("abcdefg") + 4 + chunk);
            assertReportedBy(found, "/grid/0/1", json.indexOf("abcdefgh") + 4 + chunk);
        }
    }

    @Test
    void validElements_reportNothing() {
        String json = "{\"ingredients\":[\"salt\"],\"tags\":[\"abcde\"],\"counts\":{\"a\":1},"
                + "\"emails\":[\"x@y.org\"],\"nick\":\"abc\",\"grid\":[[\"abc\"],[]],\"note\":\"n\"}";

        assertThat(reported(PANTRY, json, 1)).isEmpty();
        assertThat(CheckRuns.violations(PANTRY, json)).isEmpty();
    }

    record Holes(
            List<@NotNull String> tags,
            Map<String, @NotNull Integer> counts,
            List<String> plain,
            List<@NotBlank String> blanks,
            List<List<@NotNull String>> grid,
            @JsonSetter(contentNulls = Nulls.AS_EMPTY) List<@NotNull String> filled,
            String note) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void nullElement_reportedAsItCompletes_beforeItsContainerEnds(int chunk) {
        ResponseModel<Holes> model = ResponseModel.of(Holes.class);
        String json = "{\"tags\":[\"a\",null,\"b\"],\"counts\":{\"k\":null,\"j\":1},\"plain\":[null,\"x\"],"
                + "\"blanks\":[null,\"y\"],\"grid\":[[\"p\",null,\"q\"]],\"filled\":[null,\"z\"],\"note\":\"n\"}";

        List<Reported> found = reported(model, json, chunk);

        assertThat(lines(found)).containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json));
        assertThat(lines(found)).hasSize(6).doesNotHaveDuplicates();
        if (chunk > 0) {
            // A null is complete at its last letter: the chunk that brings it reports it, before its container ends.
            assertEachReportedBy(found, "/tags/1", json.indexOf("null,\"b\"") + 4 + chunk);
            assertEachReportedBy(found, "/counts/k", json.indexOf("null,\"j\"") + 4 + chunk);
            assertEachReportedBy(found, "/plain/0", json.indexOf("null,\"x\"") + 4 + chunk);
            assertEachReportedBy(found, "/blanks/0", json.indexOf("null,\"y\"") + 4 + chunk);
            assertEachReportedBy(found, "/grid/0/1", json.indexOf("null,\"q\"") + 4 + chunk);
        }
    }

    record Shelf(
            Optional<List<@Size(max = 3) String>> maybe,
            Map<@Size(max = 2) String, List<@NotBlank String>> byKey,
            List<Optional<@Size(max = 2) String>> optionals) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void elementsThroughOptionalsAndMaps_reportedAsTheFinalValidationDoes(int chunk) {
        ResponseModel<Shelf> model = ResponseModel.of(Shelf.class);
        String json = "{\"maybe\":[\"ab\",\"abcdef\",\"c\"],\"byKey\":{\"ok\":[\"a\",\"\",\"b\"],"
                + "\"long\":[\"c\"],\"z\":[]},\"optionals\":[\"a\",\"abcd\",null]}";

        List<Reported> found = reported(model, json, chunk);

        assertThat(lines(found)).containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json));
        assertThat(lines(found)).hasSize(4);
        if (chunk > 0) {
            assertReportedBy(found, "/maybe/1", json.indexOf("abcdef") + 4 + chunk);
            assertReportedBy(found, "/byKey/ok/1", json.indexOf(",\"b\"]") + chunk);
            assertReportedBy(found, "/byKey/long", json.indexOf("[\"c\"]") + 5 + chunk);
            assertReportedBy(found, "/optionals/1", json.lastIndexOf("abcd") + 3 + chunk);
        }
    }

    record Table(
            List<@Size(max = 2) List<String>> rows,
            Map<String, @Size(max = 1) Map<String, Integer>> groups,
            List<List<String @Size(max = 2) []>> cells,
            Optional<@Size(max = 2) List<String>> maybe,
            Set<@Size(max = 2) List<String>> pairs,
            String note) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void openListOrMapElement_reportedOnceAsItPassesItsBound_atEveryDepth(int chunk) {
        ResponseModel<Table> model = ResponseModel.of(Table.class);
        String json = "{\"rows\":[[\"a\",\"b\"],[\"a\",\"b\",\"c\",\"d\"],[\"e\"]],"
                + "\"groups\":{\"g\":{\"x\":1,\"y\":2,\"z\":3},\"h\":{}},"
                + "\"cells\":[[[\"a\"],[\"p\",\"q\",\"r\"]]],\"maybe\":[\"m\",\"n\",\"o\"],"
                + "\"pairs\":[[\"a\"],[\"s\",\"t\",\"u\"]],\"note\":\"n\"}";

        List<Reported> found = reported(model, json, chunk);

        assertThat(lines(found)).containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json));
        assertThat(lines(found)).hasSize(5).doesNotHaveDuplicates();
        if (chunk > 0) {
            // The chunk that starts the item or entry one too many reports it, before the list or map closes.
            assertReportedBy(found, "/rows/1", json.indexOf(",\"c\"") + 2 + chunk);
            assertReportedBy(found, "/groups/g", json.indexOf("\"y\":2") + 5 + chunk);
            assertReportedBy(found, "/cells/0/1", json.indexOf(",\"r\"") + 2 + chunk);
            assertReportedBy(found, "/maybe", json.indexOf(",\"o\"") + 2 + chunk);
            // An item of a set is reported on the set, as Bean Validation names no index for it.
            assertReportedBy(found, "/pairs", json.indexOf(",\"u\"") + 2 + chunk);
        }
    }

    record Readings(
            List<int @Size(max = 3) []> rows,
            Map<String, long @Size(max = 2) []> series,
            Optional<int @Size(max = 1) []> maybe,
            @Size(max = 2) int[] nums,
            String note) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void openPrimitiveArray_reportedOnceAsItPassesItsBound_asAListIs(int chunk) {
        ResponseModel<Readings> model = ResponseModel.of(Readings.class);
        String json = "{\"rows\":[[1,2],[1,2,3,4,5]],\"series\":{\"a\":[1],\"b\":[1,2,3,4]},\"maybe\":[7,8,9],"
                + "\"nums\":[1,2,3,4],\"note\":\"n\"}";

        List<Reported> found = reported(model, json, chunk);

        assertThat(lines(found)).containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json));
        assertThat(lines(found)).hasSize(4).doesNotHaveDuplicates();
        if (chunk > 0) {
            // A number is an item once it ends: the chunk that ends the item one too many reports it, before the
            // array closes.
            assertReportedBy(found, "/rows/1", json.indexOf("4,5]]") + 2 + chunk);
            assertReportedBy(found, "/series/b", json.indexOf("3,4]}") + 2 + chunk);
            assertReportedBy(found, "/maybe", json.indexOf("8,9]") + 2 + chunk);
            assertReportedBy(found, "/nums", json.lastIndexOf("3,4]") + 2 + chunk);
        }
    }

    record Gaps(
            @Size(max = 3) int[] nums,
            List<int @Size(max = 3) []> rows,

            @JsonDeserialize(using = Odd.class) @Size(max = 1)
            int[] odd) {}

    /** Reads an array of ints keeping the odd ones, as a deserializer of the user's may read it otherwise. */
    static final class Odd extends StdDeserializer<int[]> {
        Odd() {
            super(int[].class);
        }

        @Override
        public int[] deserialize(JsonParser parser, DeserializationContext context) {
            int[] read = context.readValue(parser, int[].class);
            return Arrays.stream(read).filter(i -> i % 2 != 0).toArray();
        }
    }

    @Test
    void openPrimitiveArray_measuredOnlyOnceComplete_whenJacksonMayReadFewerItems() {
        // Jackson skips null items under the mapper's content null handling, and the property's deserializer drops
        // even numbers: the final value is valid either way, so the attempt must not be aborted.
        ResponseModel<Gaps> model = ResponseModel.builder(Gaps.class)
                .mapper(JsonMapper.builder()
                        .changeDefaultNullHandling(h -> JsonSetter.Value.forContentNulls(Nulls.SKIP))
                        .build())
                .build();
        String json = "{\"nums\":[1,null,null,2,3],\"rows\":[[1,null,null,2,3]],\"odd\":[1,2,4,6]}";

        assertThat(CheckRuns.violations(model, json)).isEmpty();
        assertThat(reported(model, json, 1)).isEmpty();
    }

    record Bags(
            Set<@Size(max = 2) List<String>> pairs,
            Set<@NotBlank String> names,
            Set<List<@NotBlank String>> deep,
            List<Set<@Size(max = 1) String>> nested,
            String note) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void itemsOfASet_eachReported_asTheFinalValidationReportsThemOnTheSet(int chunk) {
        ResponseModel<Bags> model = ResponseModel.of(Bags.class);
        String json = "{\"pairs\":[[\"a\",\"b\",\"c\"],[\"a\"],[\"d\",\"e\",\"f\"]],\"names\":[\" \",\"x\",\"\"],"
                + "\"deep\":[[\" \",\"x\"],[\" \"]],\"nested\":[[\"ab\",\"cd\"]],\"note\":\"n\"}";

        List<Reported> found = reported(model, json, chunk);

        // Bean Validation names no item of a set: two items breaking the same constraint are two violations with one
        // path and message, each reported.
        assertThat(lines(found))
                .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json))
                .hasSize(8);
        if (chunk > 0) {
            // The first as soon as known, an open item as it passes its bound; a later one once its item is known (it
            // might repeat the first), at the latest with the whole set.
            assertFirstReportedBy(found, "/pairs", json.indexOf(",\"c\"") + 2 + chunk);
            assertEachReportedBy(found, "/pairs", json.indexOf("\"f\"]") + 4 + chunk);
            assertEachReportedBy(found, "/names", json.indexOf("\"\"]") + 2 + chunk);
            assertFirstReportedBy(found, "/deep/0", json.indexOf("[[\" \"") + 5 + chunk);
            assertEachReportedBy(found, "/deep/0", json.indexOf("]],\"nested") + 2 + chunk);
            assertFirstReportedBy(found, "/nested/0", json.indexOf("\"ab") + 3 + chunk);
            assertEachReportedBy(found, "/nested/0", json.indexOf("\"cd\"") + 4 + chunk);
        }
    }

    record Pile(Iterable<@Size(max = 3) String> tags, Iterable<@NotBlank String> names) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void itemsOfAnIterable_eachReported_repeatsToo_asTheFinalValidationReportsThemOnTheIterable(int chunk) {
        ResponseModel<Pile> model = ResponseModel.of(Pile.class);
        String json = "{\"tags\":[\"abcd\",\"x\",\"efgh\",\"abcd\"],\"names\":[\" \",\"y\",\"\",\" \"]}";

        List<Reported> found = reported(model, json, chunk);

        // An Iterable, read as a list, keeps its repeated items: each is reported, as the final validation does.
        assertThat(lines(found))
                .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json))
                .hasSize(6);
        if (chunk > 0) {
            assertEachReportedBy(found, "/tags", json.lastIndexOf("abcd") + 4 + chunk);
            assertEachReportedBy(found, "/names", json.lastIndexOf("\" \"") + 3 + chunk);
        }
    }

    @Test
    void repeatedItemsOfASet_reportedOnce_asTheSetHoldsThemOnce() {
        ResponseModel<Bags> model = ResponseModel.of(Bags.class);
        String json = "{\"pairs\":[[\"a\",\"b\"],[\"a\",\"b\"]],\"names\":[\" \",\"x\",\" \"],\"deep\":[],"
                + "\"nested\":[[\"ab\",\"ab\"]],\"note\":\"n\"}";

        assertThat(lines(reported(model, json, 1)))
                .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json))
                .hasSize(2);
    }

    record Groups(List<@Size(max = 2) Set<String>> sets, List<@Size(max = 2) List<String>> rows) {}

    @Test
    void openSetElement_measuredOnlyOnceComplete_asRepeatedItemsCollapse() {
        ResponseModel<Groups> model = ResponseModel.of(Groups.class);
        String json = "{\"sets\":[[\"x\",\"x\",\"x\"]],\"rows\":[[\"a\",\"b\"]]}";

        assertThat(CheckRuns.violations(model, json)).isEmpty();
        assertThat(reported(model, json, 1)).isEmpty();
    }

    /** A user's constraint on a whole map, whose validator assumes the map holds the key {@code "a"}. */
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = HoldsA.Check.class)
    @interface HoldsA {
        String message() default "must hold a";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** Reads the entry "a" without a null check, as a validator written for complete maps may. */
        final class Check implements ConstraintValidator<HoldsA, Map<String, Integer>> {
            @Override
            public boolean isValid(Map<String, Integer> value, ConstraintValidatorContext context) {
                return value == null || value.get("a").intValue() >= 0;
            }
        }
    }

    record Tally(@HoldsA Map<String, @Min(1) Integer> counts) {}

    @Test
    void propertyValidatorThatFailsOnAMapOfOneElement_doesNotBreakTheElementChecks() {
        ResponseModel<Tally> model = ResponseModel.of(Tally.class);
        String json = "{\"counts\":{\"a\":1,\"b\":0,\"c\":2}}";

        List<Reported> found = reported(model, json, 1);

        assertThat(lines(found)).containsExactlyElementsOf(CheckRuns.violations(model, json));
    }

    record Basket(@Size(min = 3) List<@Size(max = 2) String> items, Set<@Size(min = 2) List<String>> pairs) {}

    @Test
    void constraintsOnTheContainer_notJudgedOnTheElementsSeenSoFar() {
        ResponseModel<Basket> model = ResponseModel.of(Basket.class);
        String json = "{\"items\":[\"a\",\"b\",\"c\"],\"pairs\":[[\"a\",\"b\"]]}";

        assertThat(reported(model, json, 1)).isEmpty();
    }

    /** Jackson keeps the last of a name and its alias: the items are checked only once the object completes. */
    record Labelled(@JsonAlias("labels") Set<@NotBlank String> names) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(Pin.class)})
    sealed interface Board permits Pin {}

    @JsonTypeName("pin")
    record Pin(Labelled labelled) implements Board {}

    record Wall(Labelled labelled, Board board) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void itemsOfASetCheckedWhole_eachReported_alsoWhenAUnionHoldingThemIsCheckedWholeLater(int chunk) {
        ResponseModel<Wall> model = ResponseModel.of(Wall.class);
        // Two distinct blank items, each one violation on the set: found by the check of the bean once it completes,
        // and again by the check of the whole union around it.
        String json = "{\"labelled\":{\"names\":[\" \",\"\"]},"
                + "\"board\":{\"kind\":\"pin\",\"labelled\":{\"names\":[\" \",\"\"]}}}";

        assertThat(lines(reported(model, json, chunk)))
                .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json))
                .hasSize(4);
    }

    record Ranged(
            @Size(min = 10) @Size(max = 5) String name,
            List<@Size(min = 10) @Size(max = 5) String> names,
            @Size(min = 4) @Size(max = 2) List<String> tags) {}

    @Test
    void openValuePastItsUpperBound_reportedForThatBoundOnly_theLowerOneWhenItCompletes() {
        ResponseModel<Ranged> model = ResponseModel.of(Ranged.class);
        String json = "{\"name\":\"abcdefgh\",\"names\":[\"abcdefghijkl\"],\"tags\":[\"a\",\"b\",\"c\"]}";

        List<Reported> found = reported(model, json, 1);

        assertThat(lines(found)).containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json));
        assertThat(found)
                .extracting(Reported::line, Reported::offset)
                .containsExactly(
                        tuple("/name size must be between 0 and 5", json.indexOf("abcdef") + 6),
                        tuple("/name size must be between 10 and 2147483647", json.indexOf("\",") + 1),
                        tuple("/names/0 size must be between 0 and 5", json.indexOf("abcdefghi") + 6),
                        tuple("/tags size must be between 0 and 2", json.indexOf("\"c\"") + 1),
                        tuple("/tags size must be between 4 and 2147483647", json.length() - 1));
    }

    @Test
    void failFast_abortsTheAttemptAtTheBadElement_beforeTheListEnds() {
        String bad = "{\"ingredients\":[\"salt\",\" \",\"pepper\",\"thyme\",\"sage\",\"rosemary\",\"basil\","
                + "\"oregano\",\"parsley\",\"dill\",\"mint\",\"cumin\"],\"counts\":{},\"emails\":[]," + REST_OF_A + "}";
        String good = "{\"ingredients\":[\"salt\"],\"counts\":{},\"emails\":[]," + REST_OF_A + "}";
        ScriptedProvider provider =
                new ScriptedProvider().slowAnswer(bad, 1, 10).answer(good);
        Instructor client = Instructor.from(provider);

        try (PartialStream<Pantry> stream = client.responses().stream(ResponsesStreamTest.request(), Pantry.class)) {
            assertThat(stream.getFinalResponse().ingredients()).containsExactly("salt");
        }

        ScriptedProvider.Played first = provider.calls.get(0);
        assertThat(first.cancelled).isTrue();
        assertThat(first.delivered.get()).isLessThan(bad.indexOf("],"));
        assertThat(provider.requests.get(1).messages().toString())
                .contains("/ingredients/1")
                .contains("must not be blank");
    }

    private static void assertReportedBy(List<Reported> found, String path, int offset) {
        assertThat(found)
                .filteredOn(r -> r.line().startsWith(path + " "))
                .singleElement()
                .satisfies(r -> assertThat(r.offset()).as(path).isLessThanOrEqualTo(offset));
    }

    /** Asserts that the first violation at {@code path} (there may be several) was reported by {@code offset}. */
    private static void assertFirstReportedBy(List<Reported> found, String path, int offset) {
        assertThat(found)
                .filteredOn(r -> r.line().startsWith(path + " "))
                .first()
                .satisfies(r -> assertThat(r.offset()).as(path).isLessThanOrEqualTo(offset));
    }

    /** Asserts that every violation at {@code path} (there may be several) was reported by {@code offset}. */
    private static void assertEachReportedBy(List<Reported> found, String path, int offset) {
        assertThat(found)
                .filteredOn(r -> r.line().startsWith(path + " "))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.offset()).as(path).isLessThanOrEqualTo(offset));
    }
}
