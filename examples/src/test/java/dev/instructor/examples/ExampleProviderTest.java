package dev.instructor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.ChatRequest;
import dev.instructor.TypeRef;
import dev.instructor.spi.Mode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleProviderTest {

    @Test
    void choose_withoutKeys_isTheScriptedModel() {
        try (ExampleProvider provider = ExampleProvider.choose(Map.of(), List.of(), Duration.ZERO)) {
            assertThat(provider.fakeServer()).isPresent();
            assertThat(provider.model()).isEqualTo("offline-model");
        }
    }

    @Test
    void choose_blankKey_isIgnored() {
        try (ExampleProvider provider =
                ExampleProvider.choose(Map.of("OPENAI_API_KEY", " "), List.of(), Duration.ZERO)) {
            assertThat(provider.fakeServer()).isPresent();
        }
    }

    @Test
    void tokens_concatenateToTheText() {
        String text = "{\"items\":[{\"title\":\"Brain Dump Pro\",\"blurb\":\"Your second brain, always ready\"}]}";

        List<String> tokens = ScriptedModel.tokens(text);

        assertThat(String.join("", tokens)).isEqualTo(text);
        assertThat(tokens).contains(" Dump", " second", "\",\"");
    }

    @Test
    void offline_answersInContentWhenNoToolIsForced() {
        try (ExampleProvider provider = ExampleProvider.offline(BasicStreaming.OFFLINE_ANSWER, Duration.ZERO)) {
            ChatRequest request = ChatRequest.builder()
                    .model(provider.model())
                    .user("Generate 3 marketing ideas for a note-taking app")
                    .mode(Mode.JSON_SCHEMA)
                    .build();

            List<Idea> ideas = provider.client().responses().create(request, new TypeRef<List<Idea>>() {});

            assertThat(ideas).isEqualTo(BasicStreaming.OFFLINE_ANSWER);
            assertThat(provider.fakeServer().orElseThrow().takeRequest().bodyText())
                    .contains("response_format")
                    .doesNotContain("\"tools\"");
        }
    }
}
