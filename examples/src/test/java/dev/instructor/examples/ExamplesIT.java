package dev.instructor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The chapter's programs against the real OpenAI API; runs only when OPENAI_API_KEY is set, and only when asked for
 * ({@code -Dtest=ExamplesIT}): Surefire's default includes leave {@code *IT} classes out.
 */
@EnabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+")
class ExamplesIT {

    @Test
    void basicStreaming_live() {
        Output out = new Output();
        List<Idea> ideas;
        try (ExampleProvider provider = ExampleProvider.fromEnv(new String[0], List.of())) {
            ideas = BasicStreaming.run(provider, out.stream());
        }

        assertThat(ideas).isNotEmpty().allSatisfy(idea -> assertThat(idea.blurb())
                .hasSizeLessThanOrEqualTo(140));
        assertThat(out.lines()).last().isEqualTo("final: " + ideas);
        assertThat(out.lines().size()).isGreaterThan(3);
    }

    @Test
    void asyncStreaming_live() {
        Output out = new Output();
        List<MovieRecommendation> recommendations;
        try (ExampleProvider provider = ExampleProvider.fromEnv(new String[0], List.of())) {
            recommendations = AsyncStreaming.run(provider, out.stream());
        }

        assertThat(recommendations).isNotEmpty().allSatisfy(rec -> assertThat(rec.year())
                .isGreaterThan(1900));
        assertThat(out.lines()).anyMatch(line -> line.startsWith("  Streaming: "));
    }

    @Test
    void listStreaming_live() {
        Output out = new Output();
        try (ExampleProvider provider = ExampleProvider.fromEnv(new String[0], List.of())) {
            ListStreaming.run(provider, out.stream());
        }

        assertThat(out.lines().stream().filter(line -> line.matches("Done! Got \\d+ recipes total\\.")))
                .hasSize(2);
    }
}
