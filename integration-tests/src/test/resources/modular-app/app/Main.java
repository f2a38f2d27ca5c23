package app;

import app.model.Idea;
import com.sun.net.httpserver.HttpServer;
import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.InstructorListener;
import dev.instructor.PartialStream;
import dev.instructor.TypeRef;
import dev.instructor.Violation;
import dev.instructor.json.PartialJsonParser;
import dev.instructor.openai.OpenAi;
import dev.instructor.spi.Mode;
import dev.instructor.sse.HttpServerSse;
import dev.instructor.sse.StructuredSse;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.ScriptedAnswer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Streams, re-asks and serves partials as SSE, printing what it saw for ModulePathTest to check. */
public final class Main {
    private static final TypeRef<List<Idea>> IDEAS = new TypeRef<List<Idea>>() {};

    public static void main(String[] args) throws Exception {
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("{\"a\": [1, ");
        System.out.println("engine " + parser.snapshot().orElseThrow().toJson());

        try (FakeProviderServer server = FakeProviderServer.start()) {
            server.enqueue(answer("far too long for the bound"));
            server.enqueue(answer("short"));
            server.enqueue(answer("served"));
            AtomicInteger retries = new AtomicInteger();
            Instructor client = Instructor.builder()
                    .provider(OpenAi.compatible(server.url("/v1").toString()).build())
                    .defaultMode(Mode.JSON)
                    .listener(new InstructorListener() {
                        @Override
                        public void onRetry(List<Violation> violations, int attempt) {
                            retries.incrementAndGet();
                        }
                    })
                    .build();
            ChatRequest request = ChatRequest.builder().model("m").user("ideas").build();

            int partials = 0;
            try (PartialStream<List<Idea>> stream = client.responses().stream(request, IDEAS)) {
                for (List<Idea> ignored : stream) {
                    partials++;
                }
                System.out.println("final " + stream.getFinalResponse());
            }
            System.out.println("partials " + (partials > 3) + " retries " + retries.get());

            System.out.println("sse " + serveOnce(client, request));
        }
    }

    private static FakeResponse answer(String blurb) {
        return ScriptedAnswer.openAiChatContent("{\"items\":[{\"title\":\"A\",\"blurb\":\"" + blurb + "\"}]}")
                .deltaSize(3)
                .toResponse();
    }

    /** Serves one SSE stream on the JDK's HTTP server and returns its last event. */
    private static String serveOnce(Instructor client, ChatRequest request) throws Exception {
        HttpServerSse sse = HttpServerSse.create(StructuredSse.create());
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/ideas", exchange -> sse.stream(exchange, format -> client.responses()
                .stream(request, IDEAS)));
        http.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/ideas");
            HttpRequest post = HttpRequest.newBuilder(uri)
                    .header("Accept", "text/event-stream")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
            String body = response.body().trim();
            int lastEvent = body.lastIndexOf("event:");
            return response.statusCode() + " " + (lastEvent < 0 ? body : body.substring(lastEvent));
        } finally {
            http.stop(0);
        }
    }
}
