package dev.instructor.examples;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.PartialStream;
import dev.instructor.TypeRef;
import java.io.PrintStream;
import java.util.List;

/**
 * Logging without flooding: a stream yields a partial per token, so log only meaningful transitions. This is the
 * chapter's {@code prev_count} loop: one line when a new item appears, one for the final value.
 *
 * <p>Run it like {@link BasicStreaming}. In an application the lines would go to a logger at debug level; for every
 * partial, {@code InstructorListener.onPartial} is the place (the library's {@code dev.instructor.Instructor} logger
 * logs no partials: at trace level it logs the raw wire events, and why a chunk gave none).
 */
public final class TransitionLogging {
    private TransitionLogging() {}

    /**
     * Runs the example and prints to standard output.
     *
     * @param args {@code --offline} to use the scripted model even when an API key is set
     */
    public static void main(String[] args) {
        try (ExampleProvider provider = ExampleProvider.fromEnv(args, BasicStreaming.OFFLINE_ANSWER)) {
            run(provider, System.out);
        }
    }

    /** Streams the ideas, logging to {@code out} only when the list grows and when it ends; returns the count. */
    static int run(ExampleProvider provider, PrintStream out) {
        Instructor client = provider.client();
        ChatRequest request = ChatRequest.builder()
                .model(provider.model())
                .user("Generate 3 marketing ideas for a note-taking app")
                .build();
        int partials = 0;
        try (PartialStream<List<Idea>> stream = client.responses().stream(request, new TypeRef<List<Idea>>() {})) {
            int prevCount = 0;
            for (List<Idea> partial : stream) {
                partials++;
                if (partial.size() > prevCount) {
                    // A new item appeared: worth a line. Its fields are still empty, so log its position only.
                    out.println("DEBUG new item #" + partial.size());
                    prevCount = partial.size();
                }
            }
            List<Idea> ideas = stream.getFinalResponse();
            out.println("INFO  " + ideas.size() + " ideas after " + partials + " partials, " + stream.usage());
        }
        return partials;
    }
}
