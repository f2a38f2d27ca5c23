package dev.instructor.examples;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.TypeRef;
import dev.instructor.spi.ProviderEvent;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Stream;

/**
 * Debugging a stream that shows no partials: {@code client.responses().raw(...)} sends the same request once and
 * returns what the provider sent, without parsing, validation or re-ask. {@link ProviderEvent.Raw} events are the
 * wire events verbatim; {@link ProviderEvent.TextDelta}s are what the JSON parser would be fed. If the raw events
 * carry your answer but no text deltas come out, the provider or mode does not put it where the decoder looks.
 *
 * <p>Run it like {@link BasicStreaming}.
 */
public final class RawEvents {
    private RawEvents() {}

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

    /** Prints every provider event of one call to {@code out}, then the text the deltas add up to; returns it. */
    static String run(ExampleProvider provider, PrintStream out) {
        Instructor client = provider.client();
        ChatRequest request = ChatRequest.builder()
                .model(provider.model())
                .user("Generate 3 marketing ideas for a note-taking app")
                .build();
        StringBuilder text = new StringBuilder();
        // The stream holds the connection: close it (try-with-resources) to abort the call early.
        try (Stream<ProviderEvent> events = client.responses().raw(request, new TypeRef<List<Idea>>() {})) {
            events.forEach(event -> {
                if (event instanceof ProviderEvent.Raw raw) {
                    out.println("raw   " + raw.event() + ": " + raw.data());
                } else if (event instanceof ProviderEvent.TextDelta delta) {
                    out.println("text  " + delta.text());
                    text.append(delta.text());
                } else {
                    out.println("event " + event);
                }
            });
        }
        out.println("json: " + text);
        return text.toString();
    }
}
