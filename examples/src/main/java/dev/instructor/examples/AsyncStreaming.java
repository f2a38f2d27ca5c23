package dev.instructor.examples;

import dev.instructor.AsyncPartialStream;
import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.TypeRef;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The seed chapter's async example: movie recommendations streamed without a thread per stream. Partials arrive on
 * the HTTP client's threads through a {@link Flow.Subscriber}; {@code   Streaming: <title> ...} is printed whenever
 * the latest item's title changes, then every final recommendation as {@code <title> (<year>): <reason>}.
 *
 * <p>Run it like {@link BasicStreaming}.
 */
public final class AsyncStreaming {
    /** The scripted model's answer. */
    static final List<MovieRecommendation> OFFLINE_ANSWER = List.of(
            new MovieRecommendation("Arrival", 2016, "A linguist decodes an alien language and rethinks time itself."),
            new MovieRecommendation(
                    "Blade Runner 2049", 2017, "A patient, gorgeous meditation on what makes us human."),
            new MovieRecommendation("Ex Machina", 2014, "A tense three-hander about who is testing whom."),
            new MovieRecommendation("Moon", 2009, "One actor, one base, and a quietly devastating twist."),
            new MovieRecommendation("Interstellar", 2014, "Hard science and a father's love stretched across time."));

    private AsyncStreaming() {}

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

    /** Streams the recommendations from {@code provider}, printing to {@code out}; returns the final value. */
    static List<MovieRecommendation> run(ExampleProvider provider, PrintStream out) {
        List<MovieRecommendation> recommendations =
                recommend(provider.client(), provider.model(), "sci-fi", 5, out).join();
        for (MovieRecommendation rec : recommendations) {
            out.println(rec.title() + " (" + rec.year() + "): " + rec.reason());
        }
        return recommendations;
    }

    /**
     * Starts streaming recommendations and returns at once; the future completes with the validated list after the
     * last partial has been printed. Any number of these may run concurrently on one client.
     */
    static CompletableFuture<List<MovieRecommendation>> recommend(
            Instructor client, String model, String genre, int count, PrintStream out) {
        ChatRequest request = ChatRequest.builder()
                .model(model)
                .user("Recommend " + count + " " + genre + " movies. For each, explain why it's great.")
                .build();
        AsyncPartialStream<List<MovieRecommendation>> stream =
                client.responses().streamAsync(request, new TypeRef<List<MovieRecommendation>>() {});
        TitlePrinter printer = new TitlePrinter(out);
        stream.subscribe(printer);
        // finalResponse() may complete before the subscriber has seen the last partial: wait for both.
        return printer.done.thenCompose(ignored -> stream.finalResponse());
    }

    /** Prints the latest item's title whenever it changes; in a web app this would push to a socket instead. */
    private static final class TitlePrinter implements Flow.Subscriber<List<MovieRecommendation>> {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final PrintStream out;
        private String lastShown = "";

        TitlePrinter(PrintStream out) {
            this.out = out;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE); // partials are conflated anyway: nothing buffers without bound
        }

        @Override
        public void onNext(List<MovieRecommendation> partial) {
            MovieRecommendation latest = partial.isEmpty() ? null : partial.get(partial.size() - 1);
            if (latest != null && latest.title() != null && !latest.title().isEmpty()) {
                String shown = partial.size() + ":" + latest.title();
                if (!shown.equals(lastShown)) {
                    lastShown = shown;
                    out.println("  Streaming: " + latest.title() + " ...");
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            done.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }
}
