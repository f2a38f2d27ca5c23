package dev.instructor.examples;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.PartialStream;
import dev.instructor.TypeRef;
import java.io.PrintStream;
import java.util.List;

/**
 * The seed chapter's basic streaming example: three marketing ideas as a {@code List<Idea>}, each partial printed as
 * it arrives ({@code partial: [...]}), then the fully validated value ({@code final: [...]}).
 *
 * <p>Run with {@code java -cp examples/target/instructor-examples.jar dev.instructor.examples.BasicStreaming}:
 * offline against a scripted model unless {@code OPENAI_API_KEY} (or another provider's variable, see
 * {@link ExampleProvider}) is set; {@code --offline} forces the scripted model.
 */
public final class BasicStreaming {
    /** The scripted model's answer: the ideas the chapter's output shows. */
    static final List<Idea> OFFLINE_ANSWER = List.of(
            new Idea("Note Ninja", "Capture ideas at the speed of thought"),
            new Idea("Think Ink", "Where messy thoughts become organized plans"),
            new Idea("Brain Dump Pro", "Your second brain, always ready"));

    private BasicStreaming() {}

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

    /** Streams the ideas from {@code provider}, printing to {@code out}; returns the final value. */
    static List<Idea> run(ExampleProvider provider, PrintStream out) {
        Instructor client = provider.client();
        ChatRequest request = ChatRequest.builder()
                .model(provider.model())
                .user("Generate 3 marketing ideas for a note-taking app")
                .build();
        // The type argument of an anonymous TypeRef survives erasure: the client sees List<Idea>.
        try (PartialStream<List<Idea>> stream = client.responses().stream(request, new TypeRef<List<Idea>>() {})) {
            for (List<Idea> partial : stream) {
                out.println("partial: " + partial);
            }
            List<Idea> ideas = stream.getFinalResponse(); // the source of truth: fully validated
            out.println("final: " + ideas);
            return ideas;
        }
    }
}
