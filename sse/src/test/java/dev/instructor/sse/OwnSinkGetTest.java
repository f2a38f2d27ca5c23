package dev.instructor.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server of one's own (Spring, a servlet), here a hand-written JDK handler using neither adapter, serving {@code GET}
 * through {@link StructuredSse#stream} with its own sink: with {@link StructuredSse#isReconnect} and {@link
 * StructuredSse#GET_STREAM_PRELUDE} a browser's {@code EventSource} that reconnects after a cut gets {@code 204}, and
 * the model is called once.
 */
class OwnSinkGetTest {
    private static final StructuredSse SSE = StructuredSse.builder()
            .partialInterval(Duration.ZERO)
            .heartbeat(Duration.ofMillis(50)) // finds the dropped connection while the model is silent
            .build();

    private final AtomicInteger modelCalls = new AtomicInteger();
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;
    private ExecutorService executor;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    @Test
    void eventSourceReconnectingAfterACut_204WithoutAnotherModelCall() throws Exception {
        URI uri = serve();

        String lastEventId = readAsEventSourceUntilFirstPartialThenDrop(uri);
        HttpResponse<String> reconnect = client.send(
                HttpRequest.newBuilder(uri)
                        .GET()
                        .header("Accept", "text/event-stream")
                        .header("Last-Event-ID", lastEventId)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(lastEventId).isEqualTo("0");
        assertThat(reconnect.statusCode()).isEqualTo(204);
        assertThat(reconnect.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(modelCalls).hasValue(1);
    }

    @Test
    void reconnect_blankOrAbsentIdIsAFreshRequest() {
        assertThat(StructuredSse.isReconnect("0")).isTrue();
        assertThat(StructuredSse.isReconnect(null)).isFalse();
        assertThat(StructuredSse.isReconnect(" ")).isFalse();
    }

    /** The handler an application writes around {@link StructuredSse#stream}, as the class Javadoc shows. */
    private void handle(HttpExchange exchange) throws IOException {
        if (StructuredSse.isReconnect(exchange.getRequestHeaders().getFirst("Last-Event-ID"))) {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        modelCalls.incrementAndGet();
        FakePartialStream model =
                new FakePartialStream(new Script().partials("[1").silentUntilClosed());
        SSE.stream(model, SseFormat.SNAPSHOT, new SseSink() {
            private OutputStream body;

            @Override
            public void open(Map<String, String> headers) throws IOException {
                headers.forEach(exchange.getResponseHeaders()::set);
                exchange.sendResponseHeaders(200, 0);
                body = exchange.getResponseBody();
                body.write(StructuredSse.GET_STREAM_PRELUDE.getBytes(StandardCharsets.US_ASCII));
                body.flush();
            }

            @Override
            public void write(byte[] bytes) throws IOException {
                body.write(bytes);
                body.flush();
            }

            @Override
            public void close() {
                exchange.close();
            }
        });
    }

    private URI serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ideas", this::handle);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ideas");
    }

    /**
     * Reads the stream as an {@code EventSource} does (WHATWG HTML: the last event id is set at every dispatch, even
     * of an event without data) until its first event with data, then drops the connection.
     *
     * @return the last event id the {@code EventSource} then holds, which it sends back when it reconnects
     */
    private String readAsEventSourceUntilFirstPartialThenDrop(URI uri) throws Exception {
        HttpResponse<InputStream> response = client.send(
                HttpRequest.newBuilder(uri)
                        .GET()
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        String lastEventId = "";
        String idBuffer = "";
        boolean data = false;
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    lastEventId = idBuffer;
                    if (data) {
                        return lastEventId;
                    }
                } else if (line.startsWith("id:")) {
                    idBuffer = line.substring(line.startsWith("id: ") ? 4 : 3);
                } else if (line.startsWith("data:")) {
                    data = true;
                }
            }
        }
        throw new AssertionError("the stream ended before its first partial");
    }
}
