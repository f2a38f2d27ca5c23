package dev.instructor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.InstructorListener;
import dev.instructor.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListStreamingTest {

    @Test
    void run_printsEveryRecipeOnceBothWays() {
        Output out = new Output();
        try (ExampleProvider provider = ExampleProvider.offline(ListStreaming.OFFLINE_ANSWER, Output.TEST_PACE)) {
            ListStreaming.run(provider, out.stream());
        }

        List<String> block = new ArrayList<>();
        int number = 0;
        for (Recipe recipe : ListStreaming.OFFLINE_ANSWER) {
            block.add("--- Recipe #" + ++number + ": " + recipe.name() + " ---");
            block.add("  Prep time: " + recipe.prepTimeMinutes() + " min");
            block.add("  Ingredients: " + String.join(", ", recipe.ingredients()));
        }
        block.add("Done! Got 4 recipes total.");
        List<String> expected = new ArrayList<>();
        expected.add("== with stream.elements(Recipe.class)");
        expected.addAll(block);
        expected.add("");
        expected.add("== with the partial list's length");
        expected.addAll(block);
        assertThat(out.lines()).containsExactlyElementsOf(expected);
    }

    @Test
    void withLength_printsAnItemBeforeTheStreamEnds() {
        Output out = new Output();
        try (ExampleProvider provider = ExampleProvider.offline(ListStreaming.OFFLINE_ANSWER, Output.TEST_PACE)) {
            Instructor client = provider.client(new InstructorListener() {
                @Override
                public void onComplete(Object value, Usage usage) {
                    out.stream().println("(stream complete)");
                }
            });
            ChatRequest request = ChatRequest.builder()
                    .model(provider.model())
                    .user("Give me 4 quick weeknight dinner recipes.")
                    .build();
            ListStreaming.withLength(client, request, out.stream());
        }

        // Recipes 1 to 3 are complete as soon as the next one starts; only the last waits for the end.
        List<String> lines = out.lines();
        assertThat(lines.indexOf("(stream complete)"))
                .isGreaterThan(lines.indexOf("--- Recipe #3: Sheet Pan Chicken Fajitas ---"));
        assertThat(lines.indexOf("(stream complete)")).isLessThan(lines.indexOf("--- Recipe #4: Egg Fried Rice ---"));
    }
}
