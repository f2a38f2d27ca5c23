package dev.instructor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncStreamingTest {

    @Test
    void run_printsEachTitleAsItGrowsThenTheFinalRecommendations() {
        Output out = new Output();
        List<MovieRecommendation> recommendations;
        try (ExampleProvider provider = ExampleProvider.offline(AsyncStreaming.OFFLINE_ANSWER, Output.TEST_PACE)) {
            recommendations = AsyncStreaming.run(provider, out.stream());
        }

        assertThat(recommendations).isEqualTo(AsyncStreaming.OFFLINE_ANSWER);
        List<String> lines = out.lines();
        List<String> finals = new ArrayList<>();
        for (MovieRecommendation rec : AsyncStreaming.OFFLINE_ANSWER) {
            finals.add(rec.title() + " (" + rec.year() + "): " + rec.reason());
        }
        assertThat(lines.subList(lines.size() - 5, lines.size())).containsExactlyElementsOf(finals);
        List<String> streaming = lines.subList(0, lines.size() - 5);
        assertThat(streaming).allMatch(line -> line.startsWith("  Streaming: ") && line.endsWith(" ..."));
        // Titles grow word by word ("Blade", "Blade Runner", ...) and every full title is shown, in order.
        assertThat(streaming).contains("  Streaming: Blade ...", "  Streaming: Blade Runner ...");
        assertThat(streaming)
                .containsSubsequence(AsyncStreaming.OFFLINE_ANSWER.stream()
                        .map(rec -> "  Streaming: " + rec.title() + " ...")
                        .toList());
        assertThat(streaming).doesNotHaveDuplicates();
    }
}
