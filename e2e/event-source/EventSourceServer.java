import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.openai.OpenAi;
import dev.instructor.sse.HttpServerSse;
import dev.instructor.sse.StructuredSse;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import dev.instructor.testing.RecordedRequest;
import dev.instructor.testing.ScriptedAnswer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A GET endpoint for a browser's EventSource (HttpServerSse with allowGet), offline, for e2e/test/event-source.test.mjs:
 * {@code /} is an empty page of the same origin, {@code /answer} the stream, {@code /calls} how many model calls the
 * fake provider has had. Run with the demo's jar on the class path, as a single source file:
 * {@code java -cp examples/target/instructor-examples.jar e2e/event-source/EventSourceServer.java}.
 */
public final class EventSourceServer {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the model answers. */
    public record Answer(String text) {}

    public static void main(String[] args) throws IOException {
        FakeProviderServer fake = FakeProviderServer.builder().dispatcher(EventSourceServer::answer).build();
        Instructor client = Instructor.builder()
                .provider(OpenAi.builder()
                        .apiKey("offline")
                        .baseUrl(fake.url("/v1").toString())
                        .name("offline")
                        .maxRetries(0)
                        .build())
                .build();
        HttpServerSse sse = HttpServerSse.create(StructuredSse.create()).allowGet(true);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> answer(exchange, "text/html", "<!doctype html><title>EventSource</title>"));
        server.createContext("/calls", exchange -> answer(exchange, "application/json", "" + fake.requestCount()));
        server.createContext("/answer", exchange -> sse.stream(exchange, format -> client.responses()
                .stream(ChatRequest.builder().model("offline-model").user("Say hello").build(), Answer.class)));
        server.start();
        System.out.println("EventSource server ready: http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static void answer(HttpExchange exchange, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The fake model: {"text": "Hello there, browser"} a word at a time, as a tool call or as content. */
    private static FakeResponse answer(RecordedRequest request) {
        JsonNode function = JSON.readTree(request.bodyText()).path("tools").path(0).path("function");
        String json = "{\"text\":\"Hello there, browser\"}";
        ScriptedAnswer scripted = function.isObject()
                ? ScriptedAnswer.openAiChatTool(function.path("name").asString(), json)
                : ScriptedAnswer.openAiChatContent(json);
        return scripted.toolCallId("call_e2e")
                .tokens(List.of("{\"text\":\"", "Hello", " there", ",", " browser", "\"}"))
                .toResponse()
                .eventPacing(Duration.ofMillis(20));
    }
}
