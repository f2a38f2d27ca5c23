package dev.instructor.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.Instructor;
import dev.instructor.PartialStream;
import dev.instructor.PartialUpdate;
import dev.instructor.TypeRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The offline model through the real client and OpenAI provider: what the demo streams when no key is set. */
class OfflineModelTest {
    private static final TypeRef<List<Idea>> IDEAS = new TypeRef<>() {};

    private final OfflineModel offline = OfflineModel.start(Duration.ofMillis(1));
    private final Instructor client = Instructor.from(offline.provider());

    @AfterEach
    void close() {
        offline.close();
    }

    @Test
    void stream_growingPartialsThenExactlyCountValidIdeas() {
        IdeasRequest ask = new IdeasRequest("coffee shop loyalty", 4);
        List<Integer> sizes = new ArrayList<>();
        List<Idea> last;
        try (PartialStream<List<Idea>> stream =
                client.responses().stream(IdeaPrompt.request(OfflineModel.MODEL, ask), IDEAS)) {
            for (List<Idea> partial : stream) {
                sizes.add(partial.size());
            }
            last = stream.getFinalResponse();
        }
        assertThat(last).isEqualTo(IdeaWriter.write("coffee shop loyalty", 4));
        assertThat(sizes).hasSizeGreaterThan(20).isSorted().contains(1, 2, 3, 4);
    }

    /** The page's offline tip promises a validation failure and a restart for any count, one idea included. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void stream_reaskTopicFailsValidationOnceThenSucceeds(int count) {
        IdeasRequest ask = new IdeasRequest("re-ask demo", count);
        List<Integer> attempts = new ArrayList<>();
        List<Idea> ideas;
        try (PartialStream<List<Idea>> stream =
                client.responses().stream(IdeaPrompt.request(OfflineModel.MODEL, ask), IDEAS)) {
            for (PartialUpdate<List<Idea>> update : stream.updates()) {
                attempts.add(update.attempt());
            }
            ideas = stream.getFinalResponse();
        }
        assertThat(attempts).startsWith(1).endsWith(2).isSorted();
        assertThat(ideas).hasSize(count).allMatch(idea -> idea.blurb().length() <= 140);
        // "re-ask" is an instruction to the offline model, not a word to write ideas about.
        assertThat(ideas)
                .noneMatch(idea -> (idea.title() + idea.blurb()).toLowerCase().contains("ask"));
    }

    @Test
    void prompt_roundTripsThroughTheUserText() {
        IdeasRequest ask = new IdeasRequest("quiet weekend trips", 12);
        assertThat(IdeaPrompt.parse(IdeaPrompt.userText(ask))).contains(ask);
        assertThat(IdeaPrompt.parse("What is the weather?")).isEmpty();
    }
}
