package dev.instructor.examples;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.InstructorListener;
import dev.instructor.PartialStream;
import dev.instructor.TypeRef;
import dev.instructor.Usage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The same request asked twice: with {@code create}, which returns only the validated value, and with
 * {@code stream}, which shows partials long before the end. Both return an equal value and use the same tokens;
 * only the time to the first thing a user can see differs. A first, untimed-for-comparison call warms the JVM up.
 *
 * <p>Run it like {@link BasicStreaming}.
 */
public final class StreamingVsBatch {
    private static final TypeRef<List<Idea>> IDEAS = new TypeRef<>() {};

    private StreamingVsBatch() {}

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

    /** Asks the same request both ways, printing timings and results to {@code out}. */
    static void run(ExampleProvider provider, PrintStream out) {
        // create() returns only the value: a listener sees its usage.
        AtomicReference<Usage> batchUsage = new AtomicReference<>();
        Instructor client = provider.client(new InstructorListener() {
            @Override
            public void onComplete(Object value, Usage usage) {
                batchUsage.set(usage);
            }
        });
        ChatRequest request = ChatRequest.builder()
                .model(provider.model())
                .user("Generate 3 marketing ideas for a note-taking app")
                .build();

        // The first call in a JVM also loads classes and prepares the type (schema, binder, validator): time it apart.
        long start = System.nanoTime();
        client.responses().create(request, IDEAS);
        out.println("warm-up: first call " + millis(since(start)));

        start = System.nanoTime();
        List<Idea> batch = client.responses().create(request, IDEAS); // blocks until validated
        Duration batchTotal = since(start);
        Usage batchTokens = batchUsage.get();
        out.println("batch:  nothing to show for " + millis(batchTotal) + ", then " + batch.size() + " ideas");

        start = System.nanoTime();
        Duration firstPartial = null;
        List<Idea> streamed;
        try (PartialStream<List<Idea>> stream = client.responses().stream(request, IDEAS)) {
            int partials = 0;
            for (List<Idea> partial : stream) {
                if (firstPartial == null && !partial.isEmpty()) {
                    firstPartial = since(start);
                }
                partials++;
            }
            streamed = stream.getFinalResponse();
            out.println("stream: first idea on screen after " + millis(firstPartial) + ", " + partials
                    + " partials, all " + streamed.size() + " validated after " + millis(since(start)));
            out.println("tokens: batch " + batchTokens.totalTokens() + ", stream "
                    + stream.usage().totalTokens());
        }
        out.println("same result: " + batch.equals(streamed));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String millis(Duration duration) {
        return duration == null ? "-" : duration.toMillis() + " ms";
    }
}
