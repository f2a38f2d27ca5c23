package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.instructor.json.PartialJsonParser;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps keyed by an enum stream member by member, as a {@code Map<String, V>} does: each key read as Jackson reads it
 * (names, {@code @JsonProperty} and {@code @JsonValue} constants, the mapper's enum features), a completed member
 * shared by the later partials, and the final value Jackson's own.
 */
class EnumKeyedPartialsTest {
    enum Category {
        FOOD,
        TRAVEL,
        @JsonProperty("misc")
        OTHER
    }

    record Task(String title, int hours) {}

    enum Day {
        MON,
        TUE,
        WED
    }

    record Scores(Map<Category, Integer> byCategory, Map<Day, List<Task>> tasks) {}

    static final String SCORES = "{\"byCategory\":{\"FOOD\":3,\"misc\":12,\"TRAVEL\":7},"
            + "\"tasks\":{\"TUE\":[{\"title\":\"Pack\",\"hours\":2}],"
            + "\"MON\":[{\"title\":\"Book\",\"hours\":1},{\"title\":\"Pay\",\"hours\":3}]}}";

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Streamer.WHOLE})
    void enumKeyedMaps_areConsistentWithTheFinal_andEndAsJacksonReadsTheText(int chunk) {
        ResponseModel<Scores> model = ResponseModel.of(Scores.class);

        Streamer.Run<Scores> run = Streamer.stream(model, SCORES, chunk);

        Scores expected = model.mapper().readValue(SCORES, Scores.class);
        assertThat(run.result()).isEqualTo(expected);
        assertThat(run.partials().get(run.partials().size() - 1).value()).isEqualTo(expected);
        Streamer.assertConsistent(model, run);
        Streamer.assertEachPartialMatchesAFreshBind(
                model,
                Streamer.chunks(SCORES, chunk),
                List.of("/byCategory/misc", "/tasks/MON/1/title"),
                v -> true,
                "chunk " + chunk);
    }

    @Test
    void members_showOneByOne_beforeTheMapCompletes() {
        ResponseModel<Scores> model = ResponseModel.of(Scores.class);

        Streamer.Run<Scores> run = Streamer.stream(model, SCORES, 3);

        assertThat(sizesSeen(run, Scores::byCategory)).containsSubsequence(1, 2, 3);
        assertThat(sizesSeen(run, Scores::tasks)).containsSubsequence(1, 2);
        // The value being written shows as it grows, under its converted key.
        List<Integer> mondayTasks = run.distinct().stream()
                .map(Scores::tasks)
                .filter(tasks -> tasks != null && tasks.get(Day.MON) != null)
                .map(tasks -> tasks.get(Day.MON).size())
                .distinct()
                .toList();
        assertThat(mondayTasks).containsSubsequence(1, 2);
    }

    @Test
    void completedMember_isTheSameInstanceInLaterPartials() {
        ResponseModel<Scores> model = ResponseModel.of(Scores.class);

        Streamer.Run<Scores> run = Streamer.stream(model, SCORES, 3);

        List<List<Task>> tuesdays = run.partials().stream()
                .map(PartialResult::value)
                .filter(scores -> scores.tasks() != null && scores.tasks().containsKey(Day.MON))
                .map(scores -> scores.tasks().get(Day.TUE))
                .toList();
        assertThat(tuesdays).hasSizeGreaterThan(5).allSatisfy(tasks -> assertThat(tasks)
                .isSameAs(tuesdays.get(0)));
    }

    record Week(EnumMap<Day, Integer> hours, TreeMap<Day, String> notes, LinkedHashMap<Day, Task> firsts) {}

    static final String WEEK = "{\"hours\":{\"WED\":3,\"MON\":null,\"TUE\":8},"
            + "\"notes\":{\"TUE\":\"gym\",\"MON\":\"rest\"},"
            + "\"firsts\":{\"WED\":{\"title\":\"Plan\",\"hours\":1},\"MON\":{\"title\":\"Mail\",\"hours\":2}}}";

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Streamer.WHOLE})
    void concreteEnumKeyedMaps_holdJacksonsClass_andGrowMemberByMember(int chunk) {
        ResponseModel<Week> model = ResponseModel.of(Week.class);

        Streamer.Run<Week> run = Streamer.stream(model, WEEK, chunk);

        Week expected = model.mapper().readValue(WEEK, Week.class);
        assertThat(run.result()).isEqualTo(expected);
        assertThat(run.partials().get(run.partials().size() - 1).value()).isEqualTo(expected);
        Streamer.assertConsistent(model, run);
        for (PartialResult<Week> partial : run.partials()) {
            for (Function<Week, Object> property :
                    List.<Function<Week, Object>>of(Week::hours, Week::notes, Week::firsts)) {
                Object value = property.apply(partial.value());
                if (value != null) {
                    assertThat(value).hasSameClassAs(property.apply(expected));
                }
            }
        }
        if (chunk == 1) {
            assertThat(sizesSeen(run, Week::hours)).containsSubsequence(1, 2, 3);
            assertThat(sizesSeen(run, Week::notes)).containsSubsequence(1, 2);
            assertThat(sizesSeen(run, Week::firsts)).containsSubsequence(1, 2);
        }
        Streamer.assertEachPartialMatchesAFreshBind(
                model,
                Streamer.chunks(WEEK, chunk),
                List.of("/hours/MON", "/firsts/MON/title"),
                v -> true,
                "chunk " + chunk);
    }

    enum Mood {
        CALM,
        ANGRY,
        @JsonEnumDefaultValue
        UNKNOWN;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT) + "!";
        }
    }

    enum Cup {
        SMALL("s"),
        LARGE("l");

        private final String code;

        Cup(String code) {
            this.code = code;
        }

        @JsonValue
        String code() {
            return code;
        }
    }

    record Moods(Map<Mood, String> notes, Map<Cup, Integer> counts) {}

    /** Each mapper reads the keys of {@link Moods} its own way; the document is written for it. */
    static final Map<String, JsonMapper> MOOD_MAPPERS = Map.of(
            "{\"notes\":{\"CALM\":\"ok\",\"ANGRY\":\"no\"},\"counts\":{\"s\":1,\"l\":2}}",
            JsonMapper.builder().disable(EnumFeature.READ_ENUMS_USING_TO_STRING).build(),
            "{\"notes\":{\"calm!\":\"ok\",\"angry!\":\"no\"},\"counts\":{\"s\":1,\"l\":2}}",
            JsonMapper.builder().enable(EnumFeature.READ_ENUMS_USING_TO_STRING).build(),
            "{\"notes\":{\"calm\":\"ok\",\"Angry\":\"no\"},\"counts\":{\"s\":1,\"l\":2}}",
            JsonMapper.builder()
                    .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
                    .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                    .build(),
            "{\"notes\":{\"CALM\":\"ok\",\"sulky\":\"hm\",\"ANGRY\":\"no\"},\"counts\":{\"l\":2}}",
            JsonMapper.builder()
                    .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
                    .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                    .build(),
            "{\"notes\":{\"CALM\":\"ok\",\"sulky\":\"hm\",\"ANGRY\":\"no\"},\"counts\":{\"s\":1}}",
            JsonMapper.builder()
                    .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
                    .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                    .build());

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Streamer.WHOLE})
    void keys_areReadAsTheMapperReadsThem(int chunk) {
        MOOD_MAPPERS.forEach((json, mapper) -> {
            ResponseModel<Moods> model =
                    ResponseModel.builder(Moods.class).mapper(mapper).build();

            Streamer.Run<Moods> run = Streamer.stream(model, json, chunk);

            Moods expected = mapper.readValue(json, Moods.class);
            assertThat(run.result()).as(json).isEqualTo(expected);
            assertThat(run.partials().get(run.partials().size() - 1).value())
                    .as(json)
                    .isEqualTo(expected);
            Streamer.assertConsistent(model, run);
            if (chunk == 1) {
                assertThat(sizesSeen(run, Moods::notes)).as(json).containsSubsequence(1, 2);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Streamer.WHOLE})
    void writtenKeysJacksonReadsAsOneKey_endAsJacksonReadsThem(int chunk) {
        JsonMapper mapper = JsonMapper.builder()
                .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
        ResponseModel<Moods> model =
                ResponseModel.builder(Moods.class).mapper(mapper).build();
        String json = "{\"notes\":{\"calm\":\"first\",\"ANGRY\":\"no\",\"CALM\":\"second\"},\"counts\":{}}";

        Moods expected = mapper.readValue(json, Moods.class);
        assertThat(expected.notes()).containsEntry(Mood.CALM, "second").hasSize(2);
        Bound<Moods> bound = bindEach(model, json, chunk);
        assertThat(bound.values().get(bound.values().size() - 1)).isEqualTo(expected);
        int secondName = json.indexOf("\"CALM\"") + 7;
        for (int i = 0; i < bound.values().size(); i++) {
            Map<Mood, String> notes = bound.values().get(i).notes();
            if (bound.lengths().get(i) > secondName && notes != null) {
                // Once the second name is written, the map shows only once complete, as Jackson reads it.
                assertThat(notes)
                        .as("after " + json.substring(0, bound.lengths().get(i)))
                        .isEqualTo(expected.notes());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Streamer.WHOLE})
    void unknownKey_skipsThePartialsFromWhereItIsComplete_andTheFinalFails(int chunk) {
        ResponseModel<Scores> model = ResponseModel.of(Scores.class);
        String json = "{\"byCategory\":{\"FOOD\":1,\"SPORT\":2,\"TRAVEL\":3}}";
        int valueComplete = json.indexOf(",\"TRAVEL\"");

        Bound<Scores> bound = bindEach(model, json, chunk);

        assertThatThrownBy(() -> model.parse(json)).isInstanceOf(ValidationException.class);
        assertThat(bound.skipReasons()).isNotEmpty().allSatisfy(reason -> assertThat(reason)
                .contains("SPORT"));
        assertThat(bound.lengths()).allSatisfy(length -> assertThat(length).isLessThanOrEqualTo(valueComplete));
        assertThat(bound.values())
                .allSatisfy(scores -> assertThat(scores.byCategory() == null ? Map.of() : scores.byCategory())
                        .isIn(Map.of(), Map.of(Category.FOOD, 1)));
    }

    record Plan(
            EnumSet<Day> days,

            @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES)
            EnumSet<Day> free) {}

    static final String PLAN = "{\"days\":[\"WED\",\"MON\",\"WED\",\"TUE\"],\"free\":[\"tue\",\"Mon\"]}";

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Streamer.WHOLE})
    void enumSets_growItemByItem_asEnumSets_andEndAsJacksonReadsThem(int chunk) {
        ResponseModel<Plan> model = ResponseModel.of(Plan.class);

        Streamer.Run<Plan> run = Streamer.stream(model, PLAN, chunk);

        Plan expected = model.mapper().readValue(PLAN, Plan.class);
        assertThat(run.result()).isEqualTo(expected);
        assertThat(run.partials().get(run.partials().size() - 1).value()).isEqualTo(expected);
        for (PartialResult<Plan> partial : run.partials()) {
            for (Function<Plan, EnumSet<Day>> property :
                    List.<Function<Plan, EnumSet<Day>>>of(Plan::days, Plan::free)) {
                EnumSet<Day> days = property.apply(partial.value());
                if (days != null) {
                    assertThat(property.apply(expected))
                            .as(partial.value().toString())
                            .containsAll(days);
                }
            }
        }
        if (chunk == 1) {
            assertThat(sizesSeen(run, Plan::days)).containsSubsequence(1, 2, 3);
            assertThat(sizesSeen(run, Plan::free)).containsSubsequence(1, 2);
        }
        Streamer.assertEachPartialMatchesAFreshBind(
                model, Streamer.chunks(PLAN, chunk), List.of("/days/1", "/free"), v -> true, "chunk " + chunk);
    }

    @Test
    void completedEnumSet_isTheSameInstanceWhileLaterPropertiesStream() {
        ResponseModel<Plan> model = ResponseModel.of(Plan.class);

        Streamer.Run<Plan> run = Streamer.stream(model, PLAN, 1);

        List<EnumSet<Day>> whileFreeStreams = run.partials().stream()
                .map(PartialResult::value)
                .filter(plan -> plan.free() != null)
                .map(Plan::days)
                .toList();
        assertThat(whileFreeStreams).hasSizeGreaterThan(5).allSatisfy(days -> assertThat(days)
                .isSameAs(whileFreeStreams.get(0)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Streamer.WHOLE})
    void unknownItemOfAnEnumSet_skipsThePartialsFromWhereItIsComplete_andTheFinalFails(int chunk) {
        ResponseModel<Plan> model = ResponseModel.of(Plan.class);
        String json = "{\"days\":[\"MON\",\"SUN\",\"TUE\"],\"free\":[]}";
        int itemComplete = json.indexOf("SUN") + 4;

        Bound<Plan> bound = bindEach(model, json, chunk);

        assertThatThrownBy(() -> model.parse(json)).isInstanceOf(ValidationException.class);
        assertThat(bound.skipReasons()).isNotEmpty();
        assertThat(bound.lengths()).allSatisfy(length -> assertThat(length).isLessThan(itemComplete));
        assertThat(bound.values())
                .allSatisfy(plan -> assertThat(plan.days() == null ? EnumSet.noneOf(Day.class) : plan.days())
                        .isSubsetOf(Day.MON));
    }

    record Sized(@Size(max = 1) Map<Mood, String> notes) {}

    @Test
    void sizeBoundOfAnEnumKeyedMap_countsTheKeysJacksonKeeps_notTheNamesWritten() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
        ResponseModel<Sized> model =
                ResponseModel.builder(Sized.class).mapper(mapper).build();
        String json = "{\"notes\":{\"calm\":\"first\",\"CALM\":\"second\"}}";

        assertThat(model.parse(json).notes()).hasSize(1);
        PartialJsonParser parser = PartialJsonParser.strict();
        StreamingValidator validator = model.newStreamingValidator();
        List<Violation> found = new ArrayList<>();
        for (String part : Streamer.chunks(json, 1)) {
            parser.feed(part);
            if (parser.current() != null) {
                found.addAll(validator.check(parser.current(), parser.completedPaths()));
            }
        }
        assertThat(found).isEmpty();
    }

    /** The partials of a stream, the length of text each was bound from, and why the other snapshots were skipped. */
    record Bound<T>(List<T> values, List<Integer> lengths, List<String> skipReasons) {}

    /** Binds each snapshot of {@code json} fed in chunks of {@code chunk} chars, without parsing the final. */
    private static <T> Bound<T> bindEach(ResponseModel<T> model, String json, int chunk) {
        PartialJsonParser parser = PartialJsonParser.strict();
        PartialBinder<T> binder = model.newPartialBinder();
        Bound<T> bound = new Bound<>(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int fed = 0;
        for (String part : Streamer.chunks(json, chunk)) {
            parser.feed(part);
            fed += part.length();
            if (parser.current() == null) {
                continue;
            }
            Optional<PartialResult<T>> partial = binder.bind(parser.current());
            if (partial.isPresent()) {
                bound.values().add(partial.get().value());
                bound.lengths().add(fed);
            } else {
                binder.lastSkipReason().ifPresent(bound.skipReasons()::add);
            }
        }
        return bound;
    }

    private static <T> List<Integer> sizesSeen(Streamer.Run<T> run, Function<T, Object> property) {
        List<Integer> sizes = new ArrayList<>();
        for (PartialResult<T> partial : run.partials()) {
            Object value = property.apply(partial.value());
            int size = value instanceof Map<?, ?> map ? map.size() : value == null ? 0 : ((Collection<?>) value).size();
            if (sizes.isEmpty() || !Objects.equals(sizes.get(sizes.size() - 1), size)) {
                sizes.add(size);
            }
        }
        return sizes;
    }
}
