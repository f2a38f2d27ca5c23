package dev.instructor.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.instructor.AsyncPartialStream;
import dev.instructor.PartialStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HttpServerSseTest extends AdapterContractTest {
    private HttpServer server;
    private ExecutorService executor;

    @Override
    protected URI start(StructuredSse sse, SseCors cors, Function<SseFormat, PartialStream<?>> streams)
            throws IOException {
        return serveStreams(adapter(sse, cors), streams);
    }

    @Override
    protected URI startAsync(StructuredSse sse, SseCors cors, Function<SseFormat, AsyncPartialStream<?>> streams)
            throws IOException {
        HttpServerSse adapter = adapter(sse, cors);
        return serve(exchange -> {
            exchange.getRequestBody().readAllBytes();
            asyncEnded.add(adapter.streamAsync(exchange, streams));
        });
    }

    @Override
    protected URI startAnyMethod(SseCors cors, boolean allowGet, Function<SseFormat, PartialStream<?>> streams)
            throws IOException {
        return serveStreams(adapter(UNPACED, cors).allowGet(allowGet), streams);
    }

    @Override
    protected URI startAnswering(SseCors cors, int status, String message) throws IOException {
        HttpServerSse adapter = adapter(StructuredSse.create(), cors);
        return serve(exchange -> {
            exchange.getRequestBody().readAllBytes();
            adapter.sendError(exchange, status, message);
        });
    }

    @Override
    protected URI startRejecting(SseCors cors, String message, String field) throws IOException {
        HttpServerSse adapter = adapter(StructuredSse.create(), cors);
        return serve(exchange -> adapter.stream(exchange, format -> {
            try {
                adapter.sendBadRequest(exchange, message, field);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return null;
        }));
    }

    @Test
    void head_405WithoutBody() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        List<Exception> thrown = new CopyOnWriteArrayList<>();
        HttpServerSse adapter = HttpServerSse.create(StructuredSse.create());
        URI uri = serve(exchange -> {
            try {
                adapter.stream(exchange, format -> {
                    opened.incrementAndGet();
                    return new FakePartialStream(new Script().finish("1"));
                });
            } catch (IOException | RuntimeException e) {
                thrown.add(e);
                throw e;
            }
        });

        HttpResponse<String> response = send(request(uri, "HEAD"));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST, OPTIONS");
        assertThat(response.body()).isEmpty();
        assertThat(opened).hasValue(0);
        assertThat(thrown).isEmpty();
    }

    @Test
    void streamsThatAnswersThenThrows_keepsItsAnswer_andTheResponseEnds() throws Exception {
        HttpServerSse adapter = HttpServerSse.create(StructuredSse.create());
        URI uri = serve(exchange -> adapter.stream(exchange, format -> {
            try {
                adapter.sendBadRequest(exchange, "count: must be at most 20", "count");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("and then a bug");
        }));

        // An exchange left open would hang here.
        HttpResponse<String> response = send(jsonPost(uri).timeout(Duration.ofSeconds(10)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"count: must be at most 20\",\"field\":\"count\"}");
    }

    /** The adapter of {@code sse}, answering cross-origin requests as {@code cors} allows if not null. */
    private static HttpServerSse adapter(StructuredSse sse, SseCors cors) {
        HttpServerSse plain = HttpServerSse.create(sse);
        return cors == null ? plain : plain.cors(cors);
    }

    /** Serves {@code streams} through {@code adapter}, having read the request body as an application does. */
    private URI serveStreams(HttpServerSse adapter, Function<SseFormat, PartialStream<?>> streams) throws IOException {
        return serve(exchange -> {
            exchange.getRequestBody().readAllBytes();
            adapter.stream(exchange, streams);
        });
    }

    private URI serve(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/stream", handler);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stream");
    }

    @Override
    protected void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    @Override
    protected Class<?> adapterClass() {
        return HttpServerSse.class;
    }
}
