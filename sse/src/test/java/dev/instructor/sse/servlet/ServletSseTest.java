package dev.instructor.sse.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.AsyncPartialStream;
import dev.instructor.PartialStream;
import dev.instructor.sse.AdapterContractTest;
import dev.instructor.sse.FakeAsyncPartialStream;
import dev.instructor.sse.FakePartialStream;
import dev.instructor.sse.Script;
import dev.instructor.sse.SseCors;
import dev.instructor.sse.SseFormat;
import dev.instructor.sse.StructuredSse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The servlet adapter in a real container on loopback, with servlets that override {@code service}: the adapters'
 * contract and the servlet-only cases. Each container's test extends it and only starts its server.
 */
abstract class ServletSseTest extends AdapterContractTest {

    /** What a servlet's {@code service} does with a request. */
    interface Service {
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    @Override
    protected URI start(StructuredSse sse, SseCors cors, Function<SseFormat, PartialStream<?>> streams)
            throws Exception {
        ServletSse adapter = adapter(sse, cors);
        return serve(true, (request, response) -> {
            request.getInputStream().readAllBytes();
            adapter.stream(request, response, streams);
        });
    }

    @Override
    protected URI startAsync(StructuredSse sse, SseCors cors, Function<SseFormat, AsyncPartialStream<?>> streams)
            throws Exception {
        ServletSse adapter = adapter(sse, cors);
        return serve(true, (request, response) -> {
            request.getInputStream().readAllBytes();
            asyncEnded.add(adapter.streamAsync(request, response, streams));
        });
    }

    @Override
    protected URI startAnyMethod(SseCors cors, boolean allowGet, Function<SseFormat, PartialStream<?>> streams)
            throws Exception {
        ServletSse adapter = adapter(UNPACED, cors).allowGet(allowGet);
        return serve(true, (request, response) -> adapter.stream(request, response, streams));
    }

    @Override
    protected URI startRejecting(SseCors cors, String message, String field) throws Exception {
        ServletSse adapter = adapter(StructuredSse.create(), cors);
        return serve(
                true,
                (request, response) -> adapter.stream(request, response, format -> {
                    try {
                        adapter.sendBadRequest(request, response, message, field);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    return null;
                }));
    }

    @Override
    protected URI startAnswering(SseCors cors, int status, String message) throws Exception {
        ServletSse adapter = adapter(StructuredSse.create(), cors);
        return serve(true, (request, response) -> adapter.sendError(request, response, status, message));
    }

    @Test
    void streamAsync_byDefault_turnsTheContainersAsyncTimeoutOff() throws Exception {
        // The containers' default (30 s in Jetty and Tomcat) would cut a reasoning model's answer without an error
        // event.
        ServletSse adapter = ServletSse.create(UNPACED);
        CompletableFuture<Long> timeout = new CompletableFuture<>();
        URI uri = serve(true, (request, response) -> {
            adapter.streamAsync(request, response, format -> new FakeAsyncPartialStream(new Script().finish("[1]")));
            timeout.complete(request.getAsyncContext().getTimeout());
        });

        assertThat(send(jsonPost(uri)).body()).isEqualTo("event: done\ndata: [1]\n\n");
        assertThat(timeout.get(5, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void streamAsync_containersAsyncTimeout_cancelsTheModelCall() throws Exception {
        // No heartbeat: only the timeout itself can stop a model that has gone silent.
        ServletSse adapter = ServletSse.create(
                        StructuredSse.builder().heartbeat(Duration.ZERO).build())
                .asyncTimeout(Duration.ofMillis(200));
        FakeAsyncPartialStream stream =
                new FakeAsyncPartialStream(new Script().partials("[1,").silentUntilClosed());
        CompletableFuture<CompletableFuture<Void>> ended = new CompletableFuture<>();
        URI uri = serve(true, (request, response) -> {
            ended.complete(adapter.streamAsync(request, response, format -> stream));
        });

        HttpResponse<String> response = send(jsonPost(uri).timeout(Duration.ofSeconds(10)));

        // The response ends where it was: no event, and no error page of the container's, after the partial.
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("data: [1]\n\n");
        assertThat(stream.awaitCancelled(5000)).isTrue();
        assertThat(ended.get(5, TimeUnit.SECONDS)).succeedsWithin(Duration.ofSeconds(5));
    }

    @Test
    void streamAsync_servletNotAsyncSupported_failsClearlyBeforeTheModelCall() throws Exception {
        ServletSse adapter = ServletSse.create(UNPACED);
        AtomicInteger calls = new AtomicInteger();
        List<Exception> thrown = new CopyOnWriteArrayList<>();
        URI uri = serve(false, (request, response) -> {
            try {
                adapter.streamAsync(request, response, format -> {
                    calls.incrementAndGet();
                    return new FakeAsyncPartialStream(new Script().finish("1"));
                });
            } catch (RuntimeException e) {
                thrown.add(e);
                throw e;
            }
        });

        HttpResponse<String> response = send(jsonPost(uri));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(calls).hasValue(0);
        assertThat(thrown)
                .singleElement()
                .isInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("async-supported", "stream"));
    }

    /** When the async mode cannot start, the stream already asked of the model must not run on, unread. */
    @Test
    void streamAsync_asyncModeCannotStart_theModelCallIsCancelled() throws Exception {
        ServletSse adapter = ServletSse.create(UNPACED);
        FakeAsyncPartialStream stream =
                new FakeAsyncPartialStream(new Script().partials("[1,").silentUntilClosed());
        List<Exception> thrown = new CopyOnWriteArrayList<>();
        URI uri = serve(true, (request, response) -> {
            request.startAsync(); // the application's own async cycle: the adapter cannot start one in this dispatch
            try {
                adapter.streamAsync(request, response, format -> stream);
            } catch (IllegalStateException e) {
                thrown.add(e);
            }
            request.getAsyncContext().complete();
        });

        send(jsonPost(uri).timeout(Duration.ofSeconds(10)));

        assertThat(thrown).hasSize(1);
        assertThat(stream.awaitCancelled(2000)).isTrue();
    }

    @ParameterizedTest(name = "async: {0}")
    @ValueSource(booleans = {false, true})
    void largeResponseBuffer_eachEventFlushedPastIt(boolean async) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ServletSse adapter = ServletSse.create(UNPACED);
        Script script = new Script().partials("[1,").await(gate).partials("2]").finish("[1,2]");
        URI uri = serve(true, (request, response) -> {
            response.setBufferSize(1 << 20);
            if (async) {
                adapter.streamAsync(request, response, format -> new FakeAsyncPartialStream(script));
            } else {
                adapter.stream(request, response, format -> new FakePartialStream(script));
            }
        });

        assertFirstPartialBeforeTheEnd(uri, gate);
    }

    @Test
    void streamsThatAnswersThenThrows_keepsItsAnswer() throws Exception {
        ServletSse adapter = ServletSse.create(UNPACED);
        URI uri = serve(
                true,
                (request, response) -> adapter.stream(request, response, format -> {
                    try {
                        adapter.sendBadRequest(request, response, "count: must be at most 20", "count");
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    throw new IllegalStateException("and then a bug");
                }));

        HttpResponse<String> response = send(jsonPost(uri).timeout(Duration.ofSeconds(10)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"count: must be at most 20\",\"field\":\"count\"}");
    }

    /** Reads the stream's first partial while the model is held at {@code gate}, then lets it finish. */
    private static void assertFirstPartialBeforeTheEnd(URI uri, CountDownLatch gate) throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(5000); // a held event fails the read here rather than hanging the test
            InputStream in = socket.getInputStream();
            assertThat(readUntil(in, "data: [1]\n\n")).startsWith("HTTP/1.1 200");
            gate.countDown();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("event: done\ndata: [1,2]\n\n");
        } finally {
            gate.countDown();
        }
    }

    /** The adapter of {@code sse}, answering cross-origin requests as {@code cors} allows if not null. */
    private static ServletSse adapter(StructuredSse sse, SseCors cors) {
        ServletSse plain = ServletSse.create(sse);
        return cors == null ? plain : plain.cors(cors);
    }

    /**
     * Starts the container with {@code service} as the servlet at {@code /stream} on loopback, marked async-supported
     * or not, and returns the servlet's URI.
     */
    protected abstract URI serve(boolean asyncSupported, Service service) throws Exception;

    /** A servlet that hands every request, whatever its method, to {@code service}. */
    protected static HttpServlet servlet(Service service) {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                service.handle(request, response);
            }
        };
    }

    @Override
    protected Class<?> adapterClass() {
        return ServletSse.class;
    }
}
