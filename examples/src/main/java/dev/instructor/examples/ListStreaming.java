package dev.instructor.examples;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.PartialStream;
import dev.instructor.TypeRef;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * The seed chapter's list example: four recipes, each printed once, as soon as it is complete. It detects new items
 * twice, on two calls: with {@link PartialStream#elements(Class)}, which yields each item once it is complete and
 * valid, and with the chapter's {@code seen_count} loop over the partial list's length.
 *
 * <p>Run it like {@link BasicStreaming}.
 */
public final class ListStreaming {
    private static final TypeRef<List<Recipe>> RECIPES = new TypeRef<>() {};

    /** The scripted model's answer. */
    static final List<Recipe> OFFLINE_ANSWER = List.of(
            new Recipe(
                    "Garlic Butter Shrimp Pasta",
                    20,
                    List.of("spaghetti", "shrimp", "garlic", "butter", "parsley"),
                    "Boil the pasta; sear the shrimp in garlic butter; toss together with parsley."),
            new Recipe(
                    "Chickpea Curry",
                    25,
                    List.of("chickpeas", "coconut milk", "onion", "curry paste", "spinach"),
                    "Soften the onion, stir in curry paste, add chickpeas and coconut milk, wilt the spinach."),
            new Recipe(
                    "Sheet Pan Chicken Fajitas",
                    30,
                    List.of("chicken breast", "bell peppers", "onion", "fajita seasoning", "tortillas"),
                    "Roast sliced chicken and vegetables with seasoning at 220 C; serve in warm tortillas."),
            new Recipe(
                    "Egg Fried Rice",
                    15,
                    List.of("cooked rice", "eggs", "peas", "soy sauce", "spring onions"),
                    "Scramble the eggs, add rice and peas, season with soy sauce, finish with spring onions."));

    private ListStreaming() {}

    /**
     * Runs the example and prints to standard output.
     *
     * @param args {@code --offline} to use the scripted model even when an API key is set
     */
    public static void main(String[] args) {
        try (ExampleProvider provider = ExampleProvider.fromEnv(args, OFFLINE_ANSWER)) {
            run(provider, System.out);
        }
    }

    /** Streams the recipes twice, detecting new items each way, printing to {@code out}. */
    static void run(ExampleProvider provider, PrintStream out) {
        Instructor client = provider.client();
        ChatRequest request = ChatRequest.builder()
                .model(provider.model())
                .user("Give me 4 quick weeknight dinner recipes.")
                .build();
        out.println("== with stream.elements(Recipe.class)");
        withElements(client, request, out);
        out.println();
        out.println("== with the partial list's length");
        withLength(client, request, out);
    }

    /** Prints each recipe once it is complete and valid: the library tracks what is new. */
    static List<Recipe> withElements(Instructor client, ChatRequest request, PrintStream out) {
        try (PartialStream<List<Recipe>> stream = client.responses().stream(request, RECIPES)) {
            int number = 0;
            for (Recipe recipe : stream.elements(Recipe.class)) {
                print(++number, recipe, out);
            }
            List<Recipe> recipes = stream.getFinalResponse();
            out.println("Done! Got " + recipes.size() + " recipes total.");
            return recipes;
        }
    }

    /**
     * The chapter's {@code seen_count} loop. An item is complete once the list has grown past it; the last one is
     * complete when the stream ends. (The chapter's own test, "name and instructions populated", passes while the
     * instructions are still being written.)
     */
    static List<Recipe> withLength(Instructor client, ChatRequest request, PrintStream out) {
        try (PartialStream<List<Recipe>> stream = client.responses().stream(request, RECIPES)) {
            int seenCount = 0;
            for (List<Recipe> partial : stream) {
                while (seenCount < partial.size() - 1) {
                    print(seenCount + 1, partial.get(seenCount), out);
                    seenCount++;
                }
            }
            List<Recipe> recipes = stream.getFinalResponse();
            for (; seenCount < recipes.size(); seenCount++) {
                print(seenCount + 1, recipes.get(seenCount), out);
            }
            out.println("Done! Got " + recipes.size() + " recipes total.");
            return recipes;
        }
    }

    private static void print(int number, Recipe recipe, PrintStream out) {
        out.println("--- Recipe #" + number + ": " + recipe.name() + " ---");
        out.println("  Prep time: " + recipe.prepTimeMinutes() + " min");
        // An item read off a partial has not been validated yet: the model may have left its ingredients out.
        List<String> ingredients = Objects.requireNonNullElse(recipe.ingredients(), List.of());
        out.println("  Ingredients: " + String.join(", ", ingredients));
    }
}
