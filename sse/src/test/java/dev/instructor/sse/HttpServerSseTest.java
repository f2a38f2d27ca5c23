package dev.instructor.sse;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.instructor.AsyncPartialStream;
import dev.instructor.PartialStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

class HttpServerSseTest extends AdapterContractTest {
    private HttpServer server;
    private ExecutorService executor;

    @Override
    protected URI start(StructuredSse sse, SseCors cors, Function<SseFormat, PartialStream<?>> streams)
            throws IOException {
        HttpServerSse adapter = cors == null
                ? HttpServerSse.create(sse)
                : HttpServerSse.create(sse).cors(cors);
        return serve(exchange -> {
            exchange.getRequestBody().readAllBytes();
            adapter.stream(exchange, streams);
        });
    }

    @Override
    protected URI startAsync(StructuredSse sse, Function<SseFormat, AsyncPartialStream<?>> streams) throws IOException {
        HttpServerSse adapter = HttpServerSse.create(sse);
        return serve(exchange -> {
            exchange.getRequestBody().readAllBytes();
            adapter.streamAsync(exchange, streams);
        });
    }

    @Override
    protected URI startAnyMethod(SseCors cors, boolean allowGet, Function<SseFormat, PartialStream<?>> streams)
            throws IOException {
        HttpServerSse plain = HttpServerSse.create(StructuredSse.builder()
                        .pacing(Duration.ZERO)
                        .heartbeat(Duration.ZERO)
                        .build())
                .allowGet(allowGet);
        HttpServerSse adapter = cors == null ? plain : plain.cors(cors);
        return serve(exchange -> {
            exchange.getRequestBody().readAllBytes();
            adapter.stream(exchange, streams);
        });
    }

    @Override
    protected URI startRejecting(SseCors cors, String message, String field) throws IOException {
        HttpServerSse plain = HttpServerSse.create(StructuredSse.create());
        HttpServerSse adapter = cors == null ? plain : plain.cors(cors);
        return serve(exchange -> adapter.stream(exchange, format -> {
            try {
                adapter.sendBadRequest(exchange, message, field);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return null;
        }));
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
}
