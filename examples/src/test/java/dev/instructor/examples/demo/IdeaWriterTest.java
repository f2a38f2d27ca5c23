package dev.instructor.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdeaWriterTest {

    @Test
    void write_exactlyCountIdeasWithDistinctTitles() {
        for (int count = 1; count <= IdeasRequest.MAX_COUNT; count++) {
            List<Idea> ideas = IdeaWriter.write("healthy snacks for night shifts", count);
            assertThat(ideas).hasSize(count);
            assertThat(ideas).extracting(Idea::title).doesNotHaveDuplicates().allMatch(t -> !t.isBlank());
        }
    }

    @Test
    void write_usesTheTopicsWords() {
        List<Idea> ideas = IdeaWriter.write("sourdough baking", 6);
        assertThat(ideas)
                .allMatch(idea ->
                        (idea.title() + " " + idea.blurb()).toLowerCase().matches(".*(sourdough|baking).*"));
    }

    @Test
    void write_sameRequestSameIdeas() {
        assertThat(IdeaWriter.write("Board games", 5)).isEqualTo(IdeaWriter.write("board games", 5));
        assertThat(IdeaWriter.write("board games", 5)).isNotEqualTo(IdeaWriter.write("card games", 5));
    }

    @Test
    void write_blurbsFitIn140CharactersForAnyTopic() {
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            String topic = randomTopic(random);
            for (Idea idea : IdeaWriter.write(topic, 1 + random.nextInt(20))) {
                assertThat(idea.blurb()).as(topic).hasSizeLessThanOrEqualTo(140).isNotBlank();
            }
        }
    }

    @Test
    void keywords_fallBackWhenTheTopicHasNoWords() {
        assertThat(IdeaWriter.keywords("?? !!")).containsExactly("idea");
        assertThat(IdeaWriter.keywords("The best ideas for a café")).containsExactly("best", "café");
    }

    private static String randomTopic(Random random) {
        StringBuilder topic = new StringBuilder();
        int words = 1 + random.nextInt(30);
        for (int w = 0; w < words && topic.length() < 200; w++) {
            int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 60 : 9);
            for (int c = 0; c < length; c++) {
                topic.append((char) ('a' + random.nextInt(26)));
            }
            topic.append(' ');
        }
        String text = topic.toString().trim();
        return text.length() > 200 ? text.substring(0, 200).trim() : text;
    }

    @Test
    void keywords_aLongWordIsCutBetweenCharactersNotInsideOne() {
        // U+20000, a CJK ideograph outside the BMP: two Java chars. Cut at 30 chars, the 30th would be half of one.
        String word = "a" + "\ud840\udc00".repeat(20);

        String keyword = IdeaWriter.keywords(word).get(0);

        assertThat(keyword).isEqualTo("a" + "\ud840\udc00".repeat(14));
    }
}
