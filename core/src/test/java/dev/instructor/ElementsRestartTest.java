package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code elements()} hands out when the list it streams starts again: after a re-ask, or within one answer that
 * writes its wrapper member twice ({@code {"items":[A,B],"items":[C]}}, which Jackson reads as its last value).
 */
class ElementsRestartTest {
    record Recipe(String name, @Min(1) int prepTimeMinutes) {}

    record Idea(String title, @Size(max = 5) String blurb) {}

    static final TypeRef<List<Recipe>> RECIPES = new TypeRef<>() {};

    static ChatRequest request() {
        return ChatRequest.builder().model("test-model").user("Give me recipes").build();
    }

    static String recipe(String name, int minutes) {
        return "{\"name\":\"" + name + "\",\"prepTimeMinutes\":" + minutes + "}";
    }

    static String idea(String title, String blurb) {
        return "{\"title\":\"" + title + "\",\"blurb\":\"" + blurb + "\"}";
    }

    /** Streams {@code type} through answers typed out a character at a time; returns its elements, then its final. */
    private static <T> List<Object> elementsThenFinal(
            Instructor.Builder builder, TypeRef<T> type, Class<?> element, String... answers) {
        ScriptedProvider provider = new ScriptedProvider();
        for (String answer : answers) {
            provider.answer(answer, 1, 1, 1);
        }
        Instructor client = builder.provider(provider).build();
        List<Object> seen = new ArrayList<>();
        try (PartialStream<T> stream = client.responses().stream(request(), type)) {
            stream.elements(element).forEach(seen::add);
            seen.add(stream.getFinalResponse());
        }
        return seen;
    }

    @Test
    void elements_wrapperWrittenTwice_neverHandOutAnItemStillBeingWritten() {
        // The first list's B cannot be bound, so it is never handed out; its index stays complete in the first list
        // only: D, at that index in the second, must wait for its own closing brace.
        String twice = "{\"items\":[" + recipe("A", 1) + ",{\"name\":\"B\",\"prepTimeMinutes\":\"12 minutes\"}],"
                + "\"items\":[" + recipe("C", 3) + "," + recipe("D", 4) + "]}";
        String good = "{\"items\":[" + recipe("C", 3) + "," + recipe("D", 4) + "]}";

        List<Object> seen = elementsThenFinal(Instructor.builder(), RECIPES, Recipe.class, twice, good);

        assertThat(seen.subList(0, seen.size() - 1))
                .as("only items the model wrote whole")
                .allMatch(item -> List.of(new Recipe("A", 1), new Recipe("C", 3), new Recipe("D", 4))
                        .contains(item));
        assertThat(seen).last().isEqualTo(List.of(new Recipe("C", 3), new Recipe("D", 4)));
    }

    @Test
    void elements_wrapperWrittenTwice_anItemBreakingTheSameConstraintAgainIsHeldBack() {
        // Without fail-fast the first list's broken X is only held back; the second list's Y breaks the same
        // constraint at the same index, so the same violation: it must be held back too, and the answer re-asked.
        String twice = "{\"items\":[" + idea("A", "a") + "," + idea("X", "xxxxxxxx") + "]," + "\"items\":["
                + idea("B", "b") + "," + idea("Y", "yyyyyyyy") + "," + idea("C", "c") + "]}";
        String good = "{\"items\":[" + idea("B", "b") + "," + idea("Y", "y") + "," + idea("C", "c") + "]}";

        List<Object> seen = elementsThenFinal(
                Instructor.builder().failFast(false), new TypeRef<List<Idea>>() {}, Idea.class, twice, good);

        assertThat(seen).doesNotContain(new Idea("Y", "yyyyyyyy"));
        assertThat(seen)
                .containsExactly(
                        new Idea("A", "a"),
                        new Idea("Y", "y"),
                        new Idea("C", "c"),
                        List.of(new Idea("B", "b"), new Idea("Y", "y"), new Idea("C", "c")));
    }

    /** Where the chunk that ends the first list stops: in, at the end of, or after the repeated wrapper key. */
    @ParameterizedTest
    @ValueSource(strings = {"}],\"items\":[", "}],\"items\":", "}],\"items\"", "}],\"ite", "}],"})
    void elements_wrapperWrittenAgainInTheChunkThatEndsTheFirstList_theFirstListsLastIndexIsNotTheSecondsItem(
            String end) {
        // One chunk closes the first list's B (index 1) and starts the second list, whose D (index 1) is still being
        // written a chunk later: B's completion says nothing of D.
        String second = "\"items\":[" + recipe("C", 3) + ",{\"name\":\"Dav";
        ScriptedProvider provider = new ScriptedProvider()
                .deltas(
                        "{\"items\":[" + recipe("A", 1) + ",{\"name\":\"B\",\"prepTimeMinutes\":2",
                        end,
                        second.substring(end.length() - 3),
                        "e\",\"prepTimeMinutes\":4}]}");
        List<Recipe> seen = new ArrayList<>();
        try (PartialStream<List<Recipe>> stream = Instructor.from(provider).responses().stream(request(), RECIPES)) {
            stream.elements(Recipe.class).forEach(seen::add);
            assertThat(stream.getFinalResponse()).containsExactly(new Recipe("C", 3), new Recipe("Dave", 4));
        }
        assertThat(provider.requests).as("requests: no re-ask").hasSize(1);
        // B is handed out when its list is still the one shown, i.e. when the chunk stops before the second starts.
        assertThat(seen)
                .as("only items the model wrote whole")
                .startsWith(new Recipe("A", 1))
                .isSubsetOf(new Recipe("A", 1), new Recipe("B", 2), new Recipe("C", 3), new Recipe("Dave", 4));
    }

    @Test
    void elements_ofASet_wrapperWrittenTwice_theSecondListsItemsComeFromItsFirst() {
        String twice = "{\"items\":[" + idea("A", "a") + "," + idea("B", "b") + "]," + "\"items\":[" + idea("C", "c")
                + "," + idea("A", "a") + "," + idea("D", "d") + "]}";

        List<Object> seen = elementsThenFinal(Instructor.builder(), new TypeRef<Set<Idea>>() {}, Idea.class, twice);

        // As after a re-ask: A and B of the first list, then the second's in its order, A passed over; C need not
        // wait for the final value.
        assertThat(seen.subList(0, seen.size() - 1))
                .containsExactly(new Idea("A", "a"), new Idea("B", "b"), new Idea("C", "c"), new Idea("D", "d"));
        assertThat(seen).last().isEqualTo(Set.of(new Idea("C", "c"), new Idea("A", "a"), new Idea("D", "d")));
    }

    @Test
    void elements_wrapperWrittenTwiceShorter_itemsHandedOutStayHandedOut() {
        String twice = "{\"items\":[" + recipe("A", 1) + "," + recipe("B", 2) + "],\"items\":[" + recipe("C", 3) + "]}";

        List<Object> seen = elementsThenFinal(Instructor.builder(), RECIPES, Recipe.class, twice);

        // Jackson reads the last list; A and B were handed out as they completed, and C's index was handed out.
        assertThat(seen).containsExactly(new Recipe("A", 1), new Recipe("B", 2), List.of(new Recipe("C", 3)));
    }

    @Test
    void updates_wrapperWrittenTwice_theListStartsAgainInTheSameAttempt() {
        String twice = "{\"items\":[" + recipe("A", 1) + "," + recipe("B", 2) + "],\"items\":[" + recipe("C", 3) + "]}";
        Instructor client = Instructor.from(new ScriptedProvider().answer(twice, 1, 1, 1));
        List<PartialUpdate<List<Recipe>>> updates = new ArrayList<>();
        try (PartialStream<List<Recipe>> stream = client.responses().stream(request(), RECIPES)) {
            stream.updates().forEach(updates::add);
        }

        assertThat(updates).allMatch(update -> update.attempt() == 1);
        assertThat(updates).anyMatch(update -> update.value().size() == 2);
        assertThat(updates).last().satisfies(last -> assertThat(last.value()).containsExactly(new Recipe("C", 3)));
    }

    @Test
    void elements_reaskWithFewerItems_handsOutNoItemOfAnIndexAlreadyHandedOut() {
        ResponseModel<List<Recipe>> three = ResponseModel.builder(RECIPES)
                .validator((recipes, context) ->
                        recipes.size() == 1 ? List.of() : List.of(Violation.of("", "give exactly one recipe")))
                .build();
        ScriptedProvider provider = new ScriptedProvider()
                .answer("{\"items\":[" + recipe("A", 1) + "," + recipe("B", 2) + "]}", 1, 1, 1)
                .answer("{\"items\":[" + recipe("C", 3) + "]}", 1, 1, 1);
        List<Recipe> seen = new ArrayList<>();
        try (PartialStream<List<Recipe>> stream = Instructor.from(provider).responses().stream(request(), three)) {
            stream.elements(Recipe.class).forEach(seen::add);
            assertThat(stream.getFinalResponse()).containsExactly(new Recipe("C", 3));
        }
        assertThat(seen).containsExactly(new Recipe("A", 1), new Recipe("B", 2));
    }

    @Test
    void elements_reaskWithOtherItems_continueFromTheFirstIndexNotHandedOut() {
        String bad = "{\"items\":[" + recipe("A", 1) + "," + recipe("B", 2) + "," + recipe("X", 0) + "]}";
        String good = "{\"items\":[" + recipe("C", 3) + "," + recipe("D", 4) + "," + recipe("E", 5) + "]}";

        List<Object> seen = elementsThenFinal(Instructor.builder(), RECIPES, Recipe.class, bad, good);

        assertThat(seen)
                .containsExactly(
                        new Recipe("A", 1),
                        new Recipe("B", 2),
                        new Recipe("E", 5),
                        List.of(new Recipe("C", 3), new Recipe("D", 4), new Recipe("E", 5)));
    }
}
