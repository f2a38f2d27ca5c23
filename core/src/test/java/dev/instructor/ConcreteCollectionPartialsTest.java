package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties declared as a concrete collection or map class ({@code ArrayList}, {@code HashMap}, ...) stream their
 * items as {@code List}, {@code Set} and {@code Map} properties do, each partial holding an instance of the class
 * Jackson makes.
 */
class ConcreteCollectionPartialsTest {
    record Idea(String title, String blurb) {}

    record Bag(
            ArrayList<String> tags,
            LinkedList<Idea> ideas,
            HashMap<String, Integer> counts,
            LinkedHashMap<String, Idea> byName,
            HashSet<String> labels,
            TreeMap<String, String> sorted,
            TreeSet<String> ordered) {}

    static final String BAG = "{\"tags\":[\"alpha\",\"beta\",\"gamma\"],"
            + "\"ideas\":[{\"title\":\"Note Ninja\",\"blurb\":\"Capture ideas\"},{\"title\":\"Jot\",\"blurb\":\"Fast\"}],"
            + "\"counts\":{\"x\":1,\"y\":22,\"z\":333},"
            + "\"byName\":{\"first\":{\"title\":\"A\",\"blurb\":\"a\"},\"second\":{\"title\":\"B\",\"blurb\":\"b\"}},"
            + "\"labels\":[\"q\",\"r\",\"q\",\"s\"],"
            + "\"sorted\":{\"m\":\"1\",\"c\":\"2\",\"x\":\"3\"},"
            + "\"ordered\":[\"pear\",\"apple\",\"fig\"]}";

    static final List<Function<Bag, Object>> PROPERTIES =
            List.of(Bag::tags, Bag::ideas, Bag::counts, Bag::byName, Bag::labels, Bag::sorted, Bag::ordered);

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Streamer.WHOLE})
    void concreteCollections_holdJacksonsClass_andEndAsJacksonBindsTheText(int chunk) {
        ResponseModel<Bag> model = ResponseModel.of(Bag.class);

        Streamer.Run<Bag> run = Streamer.stream(model, BAG, chunk);

        Bag expected = model.mapper().readValue(BAG, Bag.class);
        assertThat(run.result()).isEqualTo(expected);
        assertThat(run.partials().get(run.partials().size() - 1).value()).isEqualTo(expected);
        for (PartialResult<Bag> partial : run.partials()) {
            for (Function<Bag, Object> property : PROPERTIES) {
                Object value = property.apply(partial.value());
                if (value != null) {
                    assertThat(value).hasSameClassAs(property.apply(expected));
                }
            }
        }
        Streamer.assertEachPartialMatchesAFreshBind(
                model, Streamer.chunks(BAG, chunk), List.of("/tags", "/ideas/1/title"), v -> true, "chunk " + chunk);
    }

    @Test
    void items_showOneByOne_beforeTheCollectionCompletes() {
        ResponseModel<Bag> model = ResponseModel.of(Bag.class);

        Streamer.Run<Bag> run = Streamer.stream(model, BAG, 3);

        assertThat(sizesSeen(run, Bag::tags)).containsSubsequence(1, 2, 3);
        assertThat(sizesSeen(run, Bag::ideas)).containsSubsequence(1, 2);
        assertThat(sizesSeen(run, Bag::counts)).containsSubsequence(1, 2, 3);
        assertThat(sizesSeen(run, Bag::byName)).containsSubsequence(1, 2);
        assertThat(sizesSeen(run, Bag::labels)).containsSubsequence(1, 2, 3);
        assertThat(sizesSeen(run, Bag::sorted)).containsSubsequence(1, 2, 3);
        assertThat(sizesSeen(run, Bag::ordered)).containsSubsequence(1, 2, 3);
        // The item being written shows as it grows, as in a List.
        List<String> firstBlurbs = run.distinct().stream()
                .map(Bag::ideas)
                .filter(ideas ->
                        ideas != null && ideas.size() == 1 && ideas.get(0).blurb() != null)
                .map(ideas -> ideas.get(0).blurb())
                .toList();
        assertThat(firstBlurbs).contains("Capture ideas").anyMatch(blurb -> blurb.length() > 1 && blurb.length() < 13);
    }

    @Test
    void unchangedCollection_isTheSameInstanceInTheNextPartial() {
        ResponseModel<Bag> model = ResponseModel.of(Bag.class);

        Streamer.Run<Bag> run = Streamer.stream(model, BAG, 3);

        ArrayList<String> complete = run.result().tags();
        List<ArrayList<String>> whileLaterPropertiesStream = run.partials().stream()
                .map(PartialResult::value)
                .filter(bag -> bag.ideas() != null)
                .map(Bag::tags)
                .toList();
        assertThat(whileLaterPropertiesStream).hasSizeGreaterThan(10).allSatisfy(tags -> {
            assertThat(tags).isEqualTo(complete);
            assertThat(tags).isSameAs(whileLaterPropertiesStream.get(0));
        });
    }

    private static List<Integer> sizesSeen(Streamer.Run<Bag> run, Function<Bag, Object> property) {
        List<Integer> sizes = new ArrayList<>();
        for (PartialResult<Bag> partial : run.partials()) {
            Object value = property.apply(partial.value());
            int size = value instanceof Map<?, ?> map ? map.size() : value == null ? 0 : ((Collection<?>) value).size();
            if (sizes.isEmpty() || sizes.get(sizes.size() - 1) != size) {
                sizes.add(size);
            }
        }
        return sizes;
    }

    record Pitch(@NotBlank String title) {}

    record Pitches(@Size(max = 2) ArrayList<String> tags, LinkedList<Pitch> pitches) {}

    @Test
    void streamingChecks_seeItemsAsTheyComplete_andTheBoundWhileOpen() {
        ResponseModel<Pitches> model = ResponseModel.of(Pitches.class);
        String json = "{\"tags\":[\"a\",\"b\",\"c\",\"d\"],\"pitches\":[{\"title\":\" \"},{\"title\":\"ok\"}]}";

        List<String> found = new ArrayList<>();
        PartialJsonParser parser = PartialJsonParser.strict();
        StreamingValidator validator = model.newStreamingValidator();
        for (int i = 0; i < json.length(); i++) {
            parser.feed(json.substring(i, i + 1));
            PartialValue snapshot = parser.snapshot().orElse(null);
            if (snapshot != null) {
                for (Violation violation : validator.check(snapshot, parser.completedPaths())) {
                    found.add(violation.path() + " after " + json.substring(0, i + 1));
                }
            }
        }

        assertThat(found)
                .containsExactly(
                        "/tags after " + json.substring(0, json.indexOf("\"c") + 1),
                        "/pitches/0/title after " + json.substring(0, json.indexOf("\" \"}") + 3));
    }

    /** A list class Jackson makes through its delegating creator, which keeps each tag once, in upper case. */
    static final class Tags extends ArrayList<String> {
        Tags() {}

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        Tags(List<String> written) {
            for (String tag : written) {
                String upper = tag.toUpperCase(Locale.ROOT);
                if (!contains(upper)) {
                    add(upper);
                }
            }
        }
    }

    /** A map class Jackson makes through its delegating creator, which keeps the entries sorted by key. */
    static final class Sorted extends LinkedHashMap<String, String> {
        Sorted() {}

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        Sorted(Map<String, String> written) {
            putAll(new TreeMap<>(written));
        }
    }

    record Tagged(Tags tags, Sorted sorted, String note) {}

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Streamer.WHOLE})
    void classMadeByADelegatingCreator_isShownAsJacksonMakesIt(int chunk) {
        ResponseModel<Tagged> model = ResponseModel.of(Tagged.class);
        String json = "{\"tags\":[\"b\",\"a\",\"B\"],\"sorted\":{\"y\":\"1\",\"x\":\"2\"},\"note\":\"n\"}";

        Streamer.Run<Tagged> run = Streamer.stream(model, json, chunk);

        Tagged expected = model.mapper().readValue(json, Tagged.class);
        assertThat(expected.tags()).containsExactly("B", "A");
        for (PartialResult<Tagged> partial : run.partials()) {
            if (partial.value().tags() != null) {
                assertThat(partial.value().tags()).as("tags").isEqualTo(expected.tags());
            }
            if (partial.value().sorted() != null) {
                assertThat(List.copyOf(partial.value().sorted().keySet()))
                        .as("keys")
                        .isEqualTo(List.copyOf(expected.sorted().keySet()));
            }
        }
    }
}
