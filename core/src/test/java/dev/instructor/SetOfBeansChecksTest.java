package dev.instructor;

import static dev.instructor.CheckRuns.lines;
import static dev.instructor.CheckRuns.reported;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.instructor.CheckRuns.Reported;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The violations inside the beans of a {@code Set} are reported while streaming as the final validation reports them:
 * on the set, the member named in the message (a set's items have no index), and once for equal items.
 */
class SetOfBeansChecksTest {
    record Idea(@NotBlank String title, @Size(max = 5) String blurb) {}

    record Ideas(@Valid Set<Idea> ideas, String note) {}

    record Shelf(Set<Idea> ideas) {}

    record Shelves(List<Shelf> shelves, List<Set<Idea>> rows) {}

    record Piles(Collection<Idea> listed, Iterable<Idea> iterated) {}

    /** A valid item, two equal items with a blank title, and one with a blank title and a blurb past its bound. */
    private static final String ITEMS = "[{\"title\":\"A\",\"blurb\":\"a\"},{\"title\":\" \",\"blurb\":\"b\"},"
            + "{\"title\":\" \",\"blurb\":\"b\"},{\"title\":\"\",\"blurb\":\"toolong\"}]";

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void beansOfASet_reportedOnTheSet_equalItemsOnce_asTheFinalValidationDoes(int chunk) {
        ResponseModel<Ideas> model = ResponseModel.of(Ideas.class);
        String json = "{\"ideas\":" + ITEMS + ",\"note\":\"n\"}";

        List<Reported> found = reported(model, json, chunk);

        assertThat(lines(found))
                .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json))
                .hasSize(3);
        if (chunk > 0) {
            // The first blank title as it completes, so that fail-fast stops there; the open blurb past its bound.
            assertFirstReportedBy(found, "/ideas title:", json.indexOf("\" \"") + 3 + chunk);
            assertFirstReportedBy(found, "/ideas blurb:", json.indexOf("toolo") + 6 + chunk);
            assertEachReportedBy(found, "/ideas", json.indexOf("}],") + 1 + chunk);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void beansOfASetInAList_reportedOnTheSet_asTheFinalValidationDoes(int chunk) {
        ResponseModel<Shelves> model = ResponseModel.of(Shelves.class);
        String json = "{\"shelves\":[{\"ideas\":[]},{\"ideas\":" + ITEMS + "}],\"rows\":[" + ITEMS + "]}";

        List<Reported> found = reported(model, json, chunk);

        assertThat(lines(found))
                .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json))
                .hasSize(6);
        if (chunk > 0) {
            assertFirstReportedBy(found, "/shelves/1/ideas title:", json.indexOf("\" \"") + 3 + chunk);
            assertFirstReportedBy(found, "/rows/0 title:", json.lastIndexOf("{\"title\":\" \"") + 12 + chunk);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void beansOfACollectionOrIterable_reportedAtTheirIndex_asTheFinalValidationDoes(int chunk) {
        ResponseModel<Piles> model = ResponseModel.of(Piles.class);
        String json = "{\"listed\":" + ITEMS + ",\"iterated\":" + ITEMS + "}";

        assertThat(lines(reported(model, json, chunk)))
                .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json))
                .hasSize(8);
    }

    record Maybe(Optional<Set<Idea>> ideas) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void beansOfARootOrOptionalSet_reportedOnTheSet_asTheFinalValidationDoes(int chunk) {
        ResponseModel<Set<Idea>> root = ResponseModel.of(new TypeRef<Set<Idea>>() {});
        String wrapped = "{\"items\":" + ITEMS + "}";
        ResponseModel<Maybe> maybe = ResponseModel.of(Maybe.class);
        String optional = "{\"ideas\":" + ITEMS + "}";

        // A root set written bare is named as the wrapped one, under the wrapper.
        assertThat(lines(reported(root, ITEMS, chunk)))
                .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(root, wrapped))
                .hasSize(3);
        assertThat(lines(reported(root, wrapped, chunk)))
                .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(root, wrapped));
        assertThat(lines(reported(maybe, optional, chunk)))
                .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(maybe, optional))
                .hasSize(3);
    }

    record Aliased(
            Set<StreamingValidatorTest.Span> spans,
            Set<StreamingValidatorTest.Mark> marks,
            Set<StreamingValidatorTest.Person> people) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void aliasedMembersOfBeansOfASet_namedByTheirProperty_asTheFinalValidationNamesThem(int chunk) {
        ResponseModel<Aliased> model = ResponseModel.of(Aliased.class);
        // Unions written with an alias, after the type id or before it, are one Dot(-1) and one Dot(-2) in the set.
        String json = "{\"spans\":[{\"start\":-1,\"end\":-3},{\"from\":2,\"to\":1},{\"from\":2,\"to\":1},"
                + "{\"start\":-2,\"to\":5}],\"marks\":[{\"kind\":\"dot\",\"r\":-1},{\"r\":-2,\"kind\":\"dot\"},"
                + "{\"kind\":\"dot\",\"radius\":-1}],\"people\":[{\"fullName\":\"abcdefg\"},{\"name\":\"abcdefgh\"}]}";

        assertThat(lines(reported(model, json, chunk)))
                .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json))
                .hasSize(8);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(Wall.class)})
    sealed interface Board permits Wall {}

    @JsonTypeName("wall")
    record Wall(Set<Idea> ideas) implements Board {}

    record Office(Board board) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void beansOfASetInAUnion_reportedOnTheSet_notAgainWhenTheUnionIsCheckedWhole(int chunk) {
        ResponseModel<Office> model = ResponseModel.of(Office.class);
        // The type id first, so that the items are checked as they complete, as those of any set of beans.
        String json = "{\"board\":{\"kind\":\"wall\",\"ideas\":" + ITEMS + "}}";

        assertThat(lines(reported(model, json, chunk)))
                .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json))
                .hasSize(3);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(Pinboard.class)})
    sealed interface Panel permits Pinboard {}

    @JsonTypeName("pinboard")
    record Pinboard(Set<Idea> ideas, Set<@NotBlank String> names) implements Panel {}

    record Studio(Panel panel) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void itemsOfSetsInAUnionWithItsTypeIdLast_eachReported_whenTheUnionIsCheckedWhole(int chunk) {
        ResponseModel<Studio> model = ResponseModel.of(Studio.class);
        // Nothing in the union is checked before its type id: the whole union is, once complete, as the final does.
        String json =
                "{\"panel\":{\"ideas\":" + ITEMS + ",\"names\":[\" \",\"x\",\"\",\" \"]," + "\"kind\":\"pinboard\"}}";

        assertThat(lines(reported(model, json, chunk)))
                .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json))
                .hasSize(5);
    }

    record Group(Set<Idea> ideas, Set<@NotBlank String> names, List<@NotBlank String> tags) {}

    record Groups(Set<Group> groups) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void setsInsideTheBeansOfASet_reportedOnTheOuterSet_equalItemsOnce_asTheFinalValidationDoes(int chunk) {
        ResponseModel<Groups> model = ResponseModel.of(Groups.class);
        String first = "{\"ideas\":" + ITEMS + ",\"names\":[\" \",\"\",\" \"],\"tags\":[\" \",\"x\",\"\"]}";
        String second = "{\"ideas\":[{\"title\":\"\",\"blurb\":\"b\"}],\"names\":[\"\"],\"tags\":[]}";
        String json = "{\"groups\":[" + first + "," + second + "," + first + "]}";

        List<Reported> found = reported(model, json, chunk);

        // The first group: two distinct ideas with a blank title, one with a long blurb, two distinct blank names, two
        // blank tags; the second: one of each; the third is the first again, one item of the set.
        assertThat(lines(found))
                .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json))
                .hasSize(9);
        if (chunk > 0) {
            assertFirstReportedBy(found, "/groups ideas: title:", json.indexOf("\" \"") + 3 + chunk);
        }
    }

    @Test
    void randomSetsOfBeans_streamedInAnyChunks_reportWhatTheFinalValidationReports() {
        String[] pool = {
            "{\"title\":\"A\",\"blurb\":\"a\"}",
            "{\"title\":\" \",\"blurb\":\"b\"}",
            "{\"title\":\"\",\"blurb\":\"b\"}",
            "{\"title\":\" \",\"blurb\":\"toolong\"}",
            "{\"title\":\"B\",\"blurb\":\"toolong\"}",
            "{\"blurb\":\"c\"}",
        };
        ResponseModel<Groups> model = ResponseModel.of(Groups.class);
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            StringBuilder json = new StringBuilder("{\"groups\":[");
            for (int group = random.nextInt(4); group > 0; group--) {
                json.append("{\"ideas\":[");
                for (int idea = random.nextInt(5); idea > 0; idea--) {
                    json.append(pool[random.nextInt(pool.length)]).append(idea > 1 ? "," : "");
                }
                json.append("],\"names\":[],\"tags\":[]}").append(group > 1 ? "," : "");
            }
            String document = json.append("]}").toString();
            for (int chunk : new int[] {1, 2, 3, 7, 0}) {
                assertThat(lines(reported(model, document, chunk)))
                        .as("%s in chunks of %d", document, chunk)
                        .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, document));
            }
        }
    }

    record Boards(
            Set<List<Idea>> rows,
            Set<Map<String, Idea>> named,
            Set<List<@NotNull Idea>> strict,
            Set<List<@NotBlank String>> names) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void beansInContainersOfASet_reportedOnTheSet_equalItemsOnce_asTheFinalValidationDoes(int chunk) {
        ResponseModel<Boards> model = ResponseModel.of(Boards.class);
        String valid = "{\"title\":\"A\",\"blurb\":\"a\"}";
        String blank = "{\"title\":\" \",\"blurb\":\"b\"}";
        String both = "{\"title\":\"\",\"blurb\":\"toolong\"}";
        // The third row is the first again, one item of the set; the null idea breaks the list's own @NotNull too,
        // which Bean Validation reports at the index in the inner list (/strict/1), as it does blank names.
        String json = "{\"rows\":[[" + valid + "," + blank + "],[" + both + "],[" + valid + "," + blank + "]],"
                + "\"named\":[{\"x\":" + blank + ",\"y\":" + valid + "},{\"z\":" + both + "}],"
                + "\"strict\":[[" + valid + ",null]],\"names\":[[\"a\",\" \"],[\"\"]]}";

        List<Reported> found = reported(model, json, chunk);

        assertThat(lines(found))
                .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, json))
                .contains(
                        "/rows 1/title: must not be blank",
                        "/named x/title: must not be blank",
                        "/strict 1: must not be null",
                        "/strict/1 must not be null",
                        "/names/1 must not be blank")
                .hasSize(10);
        if (chunk > 0) {
            // Each as it completes in its open item, so that fail-fast stops there.
            assertFirstReportedBy(found, "/rows 1/title:", json.indexOf("\" \"") + 3 + chunk);
            assertFirstReportedBy(found, "/named x/title:", json.indexOf("\" \"", json.indexOf("named")) + 3 + chunk);
        }
    }

    @Test
    void randomSetsOfContainersOfBeans_streamedInAnyChunks_reportWhatTheFinalValidationReports() {
        String[] pool = {
            "{\"title\":\"A\",\"blurb\":\"a\"}",
            "{\"title\":\" \",\"blurb\":\"b\"}",
            "{\"title\":\"\",\"blurb\":\"toolong\"}",
            "{\"blurb\":\"c\"}",
            "null",
        };
        ResponseModel<Boards> model = ResponseModel.of(Boards.class);
        Random random = new Random(7);
        for (int run = 0; run < 150; run++) {
            StringBuilder rows = new StringBuilder();
            StringBuilder named = new StringBuilder();
            for (int item = random.nextInt(4); item > 0; item--) {
                rows.append('[');
                named.append('{');
                for (int idea = random.nextInt(3); idea > 0; idea--) {
                    rows.append(pool[random.nextInt(pool.length)]).append(idea > 1 ? "," : "");
                    named.append("\"k").append(idea).append("\":");
                    named.append(pool[random.nextInt(pool.length)]).append(idea > 1 ? "," : "");
                }
                rows.append(']').append(item > 1 ? "," : "");
                named.append('}').append(item > 1 ? "," : "");
            }
            String document = "{\"rows\":[" + rows + "],\"named\":[" + named + "],\"strict\":[],\"names\":[]}";
            for (int chunk : new int[] {1, 2, 3, 7, 0}) {
                assertThat(lines(reported(model, document, chunk)))
                        .as("%s in chunks of %d", document, chunk)
                        .containsExactlyInAnyOrderElementsOf(CheckRuns.violations(model, document));
            }
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(Deposit.class)})
    sealed interface Txn permits Deposit {}

    /** Names the type id among its components, which Jackson takes for itself and passes on as null. */
    @JsonTypeName("deposit")
    record Deposit(String kind, @Positive long amount) implements Txn {}

    record Ledgers(Set<Txn> txns) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 0})
    void aTypeIdJacksonTakesInAnItemOfASet_isNoGap_finallyAsWhileStreaming(int chunk) {
        ResponseModel<Ledgers> model = ResponseModel.of(Ledgers.class);
        String json = "{\"txns\":[{\"kind\":\"deposit\",\"amount\":5},{\"kind\":\"deposit\",\"amount\":-1}]}";

        assertThat(model.parse(json).txns()).contains(new Deposit(null, 5));
        assertThat(CheckRuns.violations(model, json)).containsExactly("/txns amount: must be greater than 0");
        assertThat(lines(reported(model, json, chunk))).containsExactlyElementsOf(CheckRuns.violations(model, json));
    }

    /** Asserts that the first violation whose line starts with {@code start} was reported by {@code offset}. */
    private static void assertFirstReportedBy(List<Reported> found, String start, int offset) {
        assertThat(found).filteredOn(r -> r.line().startsWith(start)).first().satisfies(r -> assertThat(r.offset())
                .as(start)
                .isLessThanOrEqualTo(offset));
    }

    /** Asserts that every violation whose line starts with {@code start} was reported by {@code offset}. */
    private static void assertEachReportedBy(List<Reported> found, String start, int offset) {
        assertThat(found)
                .filteredOn(r -> r.line().startsWith(start))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.offset()).as(start).isLessThanOrEqualTo(offset));
    }
}
