package dev.instructor.sse;

import com.sun.net.httpserver.HttpServer;
import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback JDK server whose {@code /stream} answers every request with one structured call of {@code client}, through
 * {@link HttpServerSse}: blocking ({@code stream}) or async ({@code streamAsync}), for the tests that follow a real
 * model call from the browser's side.
 */
final class StreamEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    private StreamEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Starts a server that streams {@code type} for {@code request}; the request's body is read and dropped. */
    static <T> StreamEndpoint start(
            StructuredSse sse, Instructor client, ChatRequest request, Class<T> type, boolean async)
            throws IOException {
        HttpServerSse adapter = HttpServerSse.create(sse);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/stream", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (async) {
                adapter.streamAsync(exchange, format -> client.responses().streamAsync(request, type));
            } else {
                adapter.stream(exchange, format -> client.responses().stream(request, type));
            }
        });
        StreamEndpoint endpoint = new StreamEndpoint(server);
        server.setExecutor(endpoint.executor);
        server.start();
        return endpoint;
    }

    /** Returns the address of {@code /stream}. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stream");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
