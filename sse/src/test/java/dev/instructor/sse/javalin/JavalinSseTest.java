package dev.instructor.sse.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.AsyncPartialStream;
import dev.instructor.PartialStream;
import dev.instructor.sse.AdapterContractTest;
import dev.instructor.sse.FakeAsyncPartialStream;
import dev.instructor.sse.Script;
import dev.instructor.sse.SseCors;
import dev.instructor.sse.SseFormat;
import dev.instructor.sse.StructuredSse;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JavalinSseTest extends AdapterContractTest {
    private Javalin app;

    @Override
    protected URI start(StructuredSse sse, SseCors cors, Function<SseFormat, PartialStream<?>> streams) {
        JavalinSse adapter = adapter(sse, cors);
        return serve(ctx -> adapter.stream(ctx, streams), adapter::preflight);
    }

    @Override
    protected URI startAsync(StructuredSse sse, SseCors cors, Function<SseFormat, AsyncPartialStream<?>> streams) {
        JavalinSse adapter = adapter(sse, cors);
        return serve(ctx -> asyncEnded.add(adapter.streamAsync(ctx, streams)), adapter::preflight);
    }

    @Override
    protected URI startAnyMethod(SseCors cors, boolean allowGet, Function<SseFormat, PartialStream<?>> streams) {
        JavalinSse adapter = adapter(UNPACED, cors).allowGet(allowGet);
        Handler stream = ctx -> adapter.stream(ctx, streams);
        app = Javalin.create(config -> {
                    config.routes.post("/stream", stream);
                    config.routes.get("/stream", stream);
                    config.routes.head("/stream", stream);
                    config.routes.put("/stream", stream);
                    config.routes.delete("/stream", stream);
                    config.routes.options("/stream", adapter::preflight);
                })
                .start("127.0.0.1", 0);
        return uri();
    }

    @Override
    protected URI startAnswering(SseCors cors, int status, String message) {
        JavalinSse adapter = adapter(StructuredSse.create(), cors);
        return serve(ctx -> adapter.sendError(ctx, status, message), adapter::preflight);
    }

    @Override
    protected URI startRejecting(SseCors cors, String message, String field) {
        JavalinSse adapter = adapter(StructuredSse.create(), cors);
        return serve(
                ctx -> adapter.stream(ctx, format -> {
                    adapter.sendBadRequest(ctx, message, field);
                    return null;
                }),
                adapter::preflight);
    }

    @Test
    void handlerFailingAfterStreamAsync_noModelCallIsMade() throws Exception {
        JavalinSse adapter = JavalinSse.create(StructuredSse.create());
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<CompletableFuture<Void>> ended = new CompletableFuture<>();
        serve(
                ctx -> {
                    ended.complete(adapter.streamAsync(ctx, format -> {
                        calls.incrementAndGet();
                        return new FakeAsyncPartialStream(new Script().partials("{}"));
                    }));
                    throw new IllegalStateException("the handler failed after asking for the stream");
                },
                adapter::preflight);

        assertThat(postJson().statusCode()).isEqualTo(500);
        assertThat(calls).hasValue(0);
        assertThat(ended.get(5, TimeUnit.SECONDS)).isNotDone(); // as documented: Javalin dropped the stream
    }

    /**
     * Javalin's own refusals ({@code BadRequestResponse}, the {@code 413} of {@code ctx.body()} past {@code
     * maxRequestSize}, a failed {@code bodyValidator}) thrown in the streams function answer their status, as Javalin
     * answers them elsewhere, with this adapter's JSON body and CORS headers: not a logged {@code 500}.
     */
    @ParameterizedTest(name = "async: {0}")
    @ValueSource(booleans = {false, true})
    void streams_throwingJavalinsHttpResponseException_answersItsStatus(boolean async) throws Exception {
        JavalinSse adapter = adapter(StructuredSse.create(), SseCors.allowOrigins("https://app.example.com"));
        HttpResponseException refusal = async
                ? new ContentTooLargeResponse("the body is over 1 MB")
                : new BadRequestResponse("count must be a number");
        serve(
                ctx -> {
                    if (async) {
                        adapter.streamAsync(ctx, format -> {
                            throw refusal;
                        });
                    } else {
                        adapter.stream(ctx, format -> {
                            throw refusal;
                        });
                    }
                },
                adapter::preflight);

        HttpResponse<String> response = send(jsonPost(uri()).header("Origin", "https://app.example.com"));

        assertThat(response.statusCode()).isEqualTo(refusal.getStatus());
        assertThat(response.body()).isEqualTo("{\"error\":\"" + refusal.getMessage() + "\"}");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
    }

    @Test
    void streamAsync_streamsIsCalledAfterTheHandlerReturned() throws Exception {
        JavalinSse adapter = JavalinSse.create(StructuredSse.create());
        List<String> order = new CopyOnWriteArrayList<>();
        serve(
                ctx -> {
                    adapter.streamAsync(ctx, format -> {
                        order.add("streams");
                        return new FakeAsyncPartialStream(
                                new Script().partials("{}").finish("{}"));
                    });
                    order.add("handler returns");
                },
                adapter::preflight);

        HttpResponse<String> response = postJson();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("event: done");
        assertThat(order).containsExactly("handler returns", "streams");
    }

    @Test
    void streamAsync_javalinsAsyncTimeout_cancelsTheStream() throws Exception {
        // No heartbeat: only the timeout itself can stop a model that has gone silent.
        JavalinSse adapter = JavalinSse.create(
                StructuredSse.builder().heartbeat(Duration.ZERO).build());
        FakeAsyncPartialStream stream =
                new FakeAsyncPartialStream(new Script().partials("[1,").silentUntilClosed());
        CompletableFuture<CompletableFuture<Void>> ended = new CompletableFuture<>();
        app = Javalin.create(config -> {
                    config.http.asyncTimeout = 200;
                    config.routes.post("/stream", ctx -> ended.complete(adapter.streamAsync(ctx, format -> stream)));
                })
                .start("127.0.0.1", 0);

        // Javalin answers the request itself at its timeout (it appends "Request Timeout" to the body): the model must
        // not go on for nobody, and no event may follow Javalin's text, where it would be misread.
        String body = postJson().body();
        assertThat(body).startsWith("data: [1]\n\n");
        assertThat(body.substring("data: [1]\n\n".length())).doesNotContain("data:");
        assertThat(stream.awaitCancelled(5000)).isTrue();
        assertThat(ended.get(5, TimeUnit.SECONDS)).succeedsWithin(Duration.ofSeconds(5));
    }

    private HttpResponse<String> postJson() throws Exception {
        return send(jsonPost(uri()));
    }

    /** The adapter of {@code sse}, answering cross-origin requests as {@code cors} allows if not null. */
    private static JavalinSse adapter(StructuredSse sse, SseCors cors) {
        JavalinSse plain = JavalinSse.create(sse);
        return cors == null ? plain : plain.cors(cors);
    }

    private URI serve(Handler post, Handler options) {
        app = Javalin.create(config -> {
                    config.routes.post("/stream", post);
                    config.routes.options("/stream", options);
                })
                .start("127.0.0.1", 0);
        return uri();
    }

    /** The endpoint's URI on the running app. */
    private URI uri() {
        return URI.create("http://127.0.0.1:" + app.port() + "/stream");
    }

    @Override
    protected void stop() {
        if (app != null) {
            app.stop();
        }
    }

    @Override
    protected Class<?> adapterClass() {
        return JavalinSse.class;
    }
}
