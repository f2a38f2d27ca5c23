package dev.instructor;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/** The streaming chapter's models, streamed as the chapter shows them. */
class SeedExamplesTest {
    record Idea(String title, @Size(max = 140) String blurb) {}

    record MovieRecommendation(String title, int year, String reason) {}

    record Recipe(
            String name,
            @Min(1) int prepTimeMinutes,
            @Size(min = 1) List<String> ingredients,
            String instructions) {}

    private static final ResponseModel<List<Idea>> IDEAS = ResponseModel.of(new TypeRef<List<Idea>>() {});
    private static final ResponseModel<List<MovieRecommendation>> MOVIES =
            ResponseModel.of(new TypeRef<List<MovieRecommendation>>() {});
    private static final ResponseModel<List<Recipe>> RECIPES = ResponseModel.of(new TypeRef<List<Recipe>>() {});

    @Test
    void ideas_partialsAsTheChapterShowsThem() {
        List<String> chunks = List.of(
                "{\"items\":[{\"title\":\"Note Ninja\",\"blurb\":\"",
                "Capture ideas at the",
                " speed of thought\"}",
                ",{\"title\":\"",
                "Think Ink\",\"blurb\":\"",
                "Where messy thoughts become",
                " organized plans\"}",
                ",{\"title\":\"",
                "Brain Dump Pro\",\"blurb\":\"",
                "Your second brain, always ready\"}]}");

        Streamer.Run<List<Idea>> run = Streamer.stream(IDEAS, chunks);

        Idea ninja = new Idea("Note Ninja", "Capture ideas at the speed of thought");
        Idea ink = new Idea("Think Ink", "Where messy thoughts become organized plans");
        Idea brain = new Idea("Brain Dump Pro", "Your second brain, always ready");
        // Unlike Pydantic's placeholder Idea(title='', blurb=''), a field that has not started is null here.
        assertThat(run.distinct())
                .containsExactly(
                        List.of(new Idea("Note Ninja", "")),
                        List.of(new Idea("Note Ninja", "Capture ideas at the")),
                        List.of(ninja),
                        List.of(ninja, new Idea("", null)),
                        List.of(ninja, new Idea("Think Ink", "")),
                        List.of(ninja, new Idea("Think Ink", "Where messy thoughts become")),
                        List.of(ninja, ink),
                        List.of(ninja, ink, new Idea("", null)),
                        List.of(ninja, ink, new Idea("Brain Dump Pro", "")),
                        List.of(ninja, ink, brain));
        assertThat(run.result()).isEqualTo(List.of(ninja, ink, brain)).isEqualTo(jackson(IDEAS, chunks));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Streamer.WHOLE})
    void ideas_titlesFirstBlurbsGrowItemsOneAtATime(int chunkSize) {
        String json = "{\"items\":[{\"title\":\"Note Ninja\",\"blurb\":\"Capture ideas at the speed of thought\"},"
                + "{\"title\":\"Think Ink\",\"blurb\":\"Where messy thoughts become organized plans\"}]}";

        Streamer.Run<List<Idea>> run = Streamer.stream(IDEAS, json, chunkSize);

        Streamer.assertConsistent(IDEAS, run);
        int size = 0;
        for (List<Idea> partial : run.distinct()) {
            assertThat(partial.size()).isBetween(size, chunkSize == Streamer.WHOLE ? 2 : size + 1);
            size = partial.size();
            Idea last = partial.isEmpty() ? null : partial.get(partial.size() - 1);
            if (last != null && last.blurb() != null) {
                assertThat(json).contains("\"title\":\"" + last.title() + "\",\"blurb\"");
            }
        }
        assertThat(run.result()).isEqualTo(jackson(IDEAS, List.of(json)));
        if (chunkSize == 1) {
            assertThat(run.distinct()).contains(List.of(new Idea("Note Ninja", "Capture")));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Streamer.WHOLE})
    void movies_yearAbsentUntilComplete(int chunkSize) {
        String json = "{\"items\":[{\"title\":\"Arrival\",\"year\":2016,\"reason\":\"Language as a time machine.\"},"
                + "{\"title\":\"Moon\",\"year\":2009,\"reason\":\"A quiet, lonely mystery.\"}]}";

        Streamer.Run<List<MovieRecommendation>> run = Streamer.stream(MOVIES, json, chunkSize);

        Streamer.assertConsistent(MOVIES, run);
        for (PartialResult<List<MovieRecommendation>> partial : run.partials()) {
            for (int i = 0; i < partial.value().size(); i++) {
                MovieRecommendation movie = partial.value().get(i);
                boolean present = partial.isPresent("/" + i + "/year");
                assertThat(movie.year() != 0).isEqualTo(present);
                if (movie.reason() != null) {
                    assertThat(present).isTrue();
                }
            }
        }
        assertThat(run.result()).isEqualTo(jackson(MOVIES, List.of(json)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, Streamer.WHOLE})
    void recipes_ingredientsAppearOneAtATime(int chunkSize) {
        String instructions = "Heat the pan. Add \\\"garlic\\\" — then stir.\\nServe with crème fraîche.";
        String json = "{\"items\":[{\"name\":\"Pasta\",\"prepTimeMinutes\":20,"
                + "\"ingredients\":[\"pasta\",\"garlic\",\"oil\"],\"instructions\":\"" + instructions + "\"}]}";

        Streamer.Run<List<Recipe>> run = Streamer.stream(RECIPES, json, chunkSize);

        Streamer.assertConsistent(RECIPES, run);
        List<Integer> counts = new ArrayList<>();
        for (List<Recipe> partial : run.distinct()) {
            if (!partial.isEmpty() && partial.get(0).ingredients() != null) {
                int count = partial.get(0).ingredients().size();
                if (counts.isEmpty() || counts.get(counts.size() - 1) != count) {
                    counts.add(count);
                }
            }
        }
        if (chunkSize == 1) {
            assertThat(counts).containsExactly(0, 1, 2, 3);
        }
        assertThat(run.result().get(0).instructions())
                .isEqualTo("Heat the pan. Add \"garlic\" — then stir.\nServe" + " with crème fraîche.");
        assertThat(run.result()).isEqualTo(jackson(RECIPES, List.of(json)));
    }

    /** Binds the text with plain Jackson, unwrapping by hand. */
    private static <T> T jackson(ResponseModel<T> model, List<String> chunks) {
        JsonMapper mapper = JsonMapper.builder().build();
        JavaType type = mapper.getTypeFactory().constructType(model.type());
        return mapper.treeToValue(mapper.readTree(String.join("", chunks)).get("items"), type);
    }
}
