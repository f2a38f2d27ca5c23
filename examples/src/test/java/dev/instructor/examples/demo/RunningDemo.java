package dev.instructor.examples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The demo started offline on a free loopback port, with a JDK HTTP client to call it. */
final class RunningDemo implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    final ProviderChoice provider;
    final DemoServer server;
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * @param pace the offline model's pause between tokens
     * @param corsOrigins origins allowed to call /ideas
     */
    RunningDemo(Duration pace, List<String> corsOrigins) {
        DemoLogging.configure();
        DemoOptions options = new DemoOptions("127.0.0.1", 0, corsOrigins, true, pace, null);
        this.provider = ProviderChoice.choose(options, Map.of());
        this.server = DemoServer.start(options, provider);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Returns the offline diagnostics report. */
    JsonNode connections() {
        return JSON.readTree(
                send(HttpRequest.newBuilder(uri("/_offline/connections")).GET().build())
                        .body());
    }

    @Override
    public void close() {
        server.close();
        provider.close();
    }
}
