package dev.instructor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BasicStreamingTest {

    @Test
    void run_printsGrowingPartialsThenTheFinalList() {
        Output out = new Output();
        List<Idea> ideas;
        try (ExampleProvider provider = ExampleProvider.offline(BasicStreaming.OFFLINE_ANSWER, Output.TEST_PACE)) {
            ideas = BasicStreaming.run(provider, out.stream());
        }

        List<String> lines = out.lines();
        String finalList = BasicStreaming.OFFLINE_ANSWER.toString();
        assertThat(ideas).isEqualTo(BasicStreaming.OFFLINE_ANSWER);
        assertThat(lines).last().isEqualTo("final: " + finalList);
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(line -> line.startsWith("partial: ["));
        // As the chapter shows: a string appears as "" before its first characters, and the list grows one by one.
        assertThat(lines).contains("partial: [Idea[title=Note Ninja, blurb=]]");
        assertThat(lines)
                .anyMatch(line ->
                        line.startsWith("partial: [Idea[title=Note Ninja, blurb=Capture") && !line.contains("thought"));
        assertThat(lines)
                .contains("partial: [" + BasicStreaming.OFFLINE_ANSWER.get(0) + ", Idea[title=Think Ink, blurb=]]");
        assertThat(lines.get(lines.size() - 2)).isEqualTo("partial: " + finalList);
        // A chunk that changes nothing yields nothing: no partial is printed twice in a row.
        for (int i = 1; i < lines.size() - 1; i++) {
            assertThat(lines.get(i)).isNotEqualTo(lines.get(i - 1));
        }
    }
}
