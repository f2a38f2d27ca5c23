package dev.instructor.it;

import dev.instructor.Description;
import dev.instructor.TypeRef;
import dev.instructor.internal.transport.Json;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The models and scripted answers of the seed chapter's three programs, in Java. */
final class SeedModels {
    private SeedModels() {}

    record Idea(String title, @Size(max = 140) String blurb) {}

    record MovieRecommendation(
            String title,
            int year,

            @Description("One sentence explaining why this movie fits")
            String reason) {}

    record Recipe(
            String name,
            @Min(1) int prepTimeMinutes,
            @Size(min = 1) List<String> ingredients,
            String instructions) {}

    static final TypeRef<List<Idea>> IDEAS = new TypeRef<>() {};
    static final TypeRef<List<MovieRecommendation>> MOVIES = new TypeRef<>() {};
    static final TypeRef<List<Recipe>> RECIPES = new TypeRef<>() {};

    static final List<Idea> EXPECTED_IDEAS = List.of(
            new Idea("Note Ninja", "Capture ideas at the speed of thought"),
            new Idea("Think Ink", "Where messy thoughts become organized plans"),
            new Idea("Brain Dump Pro", "Your second brain, always ready"));

    /** The seed ideas with a first blurb far over {@code @Size(max = 140)}: rejected early in the answer. */
    static final List<Idea> TOO_LONG_IDEAS = List.of(
            new Idea("Note Ninja", "Capture ideas ".repeat(40).trim()),
            new Idea("Think Ink", "Where messy thoughts become organized plans"),
            new Idea("Brain Dump Pro", "Your second brain, always ready"));

    static final List<MovieRecommendation> EXPECTED_MOVIES = List.of(
            new MovieRecommendation("Arrival", 2016, "A linguist's first contact story that rewards patience."),
            new MovieRecommendation("Blade Runner 2049", 2017, "A haunting, gorgeous meditation on memory."),
            new MovieRecommendation("Ex Machina", 2014, "A tense chamber piece about minds and manipulation."),
            new MovieRecommendation("Moon", 2009, "A lonely, clever twist on identity \"at work\"."),
            new MovieRecommendation("Interstellar", 2014, "Big ideas about time, love and survival — in 4K."));

    static final List<Recipe> EXPECTED_RECIPES = List.of(
            new Recipe("Garlic Butter Pasta", 15, List.of("spaghetti", "garlic", "butter"), "Boil, toss, serve."),
            new Recipe("Sheet Pan Chicken", 30, List.of("chicken thighs", "potatoes"), "Roast at 220°C."),
            new Recipe("Veggie Stir Fry", 20, List.of("broccoli", "peppers", "soy sauce"), "Stir fry hot and fast."),
            new Recipe("Black Bean Tacos", 10, List.of("tortillas", "black beans"), "Warm, fill, fold."));

    /** Returns the answer a provider sends for {@code items}: the list wrapped as the client asks for it. */
    static String answer(List<?> items) {
        return Json.MAPPER.writeValueAsString(Map.of("items", items));
    }
}
