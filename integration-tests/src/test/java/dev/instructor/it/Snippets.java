package dev.instructor.it;

import dev.instructor.AsyncPartialStream;
import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.PartialStream;
import dev.instructor.PartialUpdate;
import dev.instructor.TypeRef;
import dev.instructor.anthropic.Anthropic;
import dev.instructor.openai.OpenAi;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;

/**
 * The client's documentation examples, compiled with the tests so they cannot rot (as caffeine's
 * {@code Snippets.java}). Never run: they need real API keys.
 */
@SuppressWarnings("unused")
final class Snippets {
    private Snippets() {}

    record Idea(String title, @Size(max = 140) String blurb) {}

    static void quickStart() {
        Instructor client = Instructor.from(OpenAi.fromEnv());
        ChatRequest request = ChatRequest.builder()
                .model("gpt-4o-mini")
                .user("Generate 3 marketing ideas for a note-taking app")
                .build();
        try (PartialStream<List<Idea>> stream = client.responses().stream(request, new TypeRef<List<Idea>>() {})) {
            for (List<Idea> partial : stream) {
                System.out.println("partial: " + partial);
            }
            List<Idea> ideas = stream.getFinalResponse(); // fully validated
        }
        List<Idea> batch = client.responses().create(request, new TypeRef<List<Idea>>() {}); // no streaming
    }

    static void updatesAndElements() {
        Instructor client = Instructor.from(Anthropic.fromEnv());
        ChatRequest request = ChatRequest.builder()
                .model("claude-sonnet-4-5")
                .user("Generate 3 marketing ideas for a note-taking app")
                .partialInterval(Duration.ofMillis(50)) // at most 20 partials a second
                .build();
        try (PartialStream<List<Idea>> stream = client.responses().stream(request, new TypeRef<List<Idea>>() {})) {
            for (PartialUpdate<List<Idea>> update : stream.updates()) {
                if (update.attempt() > 1) {
                    System.out.println("the model is trying again; reset the view");
                }
            }
        }
        try (PartialStream<List<Idea>> stream = client.responses().stream(request, new TypeRef<List<Idea>>() {})) {
            for (Idea idea : stream.elements(Idea.class)) {
                System.out.println("complete and valid: " + idea);
            }
        }
    }

    static void async() {
        Instructor client = Instructor.from(OpenAi.fromEnv());
        ChatRequest request =
                ChatRequest.builder().model("gpt-4o-mini").user("Ideas, please").build();
        AsyncPartialStream<List<Idea>> stream = client.responses().streamAsync(request, new TypeRef<List<Idea>>() {});
        stream.finalResponse().thenAccept(ideas -> System.out.println("final: " + ideas));
    }
}
