package dev.instructor.sse.javalin;

import dev.instructor.AsyncPartialStream;
import dev.instructor.PartialStream;
import dev.instructor.sse.AdapterContractTest;
import dev.instructor.sse.SseCors;
import dev.instructor.sse.SseFormat;
import dev.instructor.sse.StructuredSse;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

class JavalinSseTest extends AdapterContractTest {
    private Javalin app;

    @Override
    protected URI start(StructuredSse sse, SseCors cors, Function<SseFormat, PartialStream<?>> streams) {
        JavalinSse adapter =
                cors == null ? JavalinSse.create(sse) : JavalinSse.create(sse).cors(cors);
        return serve(ctx -> adapter.stream(ctx, streams), adapter::preflight);
    }

    @Override
    protected URI startAsync(StructuredSse sse, SseCors cors, Function<SseFormat, AsyncPartialStream<?>> streams) {
        JavalinSse plain = JavalinSse.create(sse);
        JavalinSse adapter = cors == null ? plain : plain.cors(cors);
        return serve(ctx -> asyncEnded.add(adapter.streamAsync(ctx, streams)), adapter::preflight);
    }

    @Override
    protected URI startAnyMethod(SseCors cors, boolean allowGet, Function<SseFormat, PartialStream<?>> streams) {
        JavalinSse plain = JavalinSse.create(StructuredSse.builder()
                        .partialInterval(Duration.ZERO)
                        .heartbeat(Duration.ZERO)
                        .build())
                .allowGet(allowGet);
        JavalinSse adapter = cors == null ? plain : plain.cors(cors);
        Handler stream = ctx -> adapter.stream(ctx, streams);
        app = Javalin.create(config -> {
                    config.routes.post("/stream", stream);
                    config.routes.get("/stream", stream);
                    config.routes.put("/stream", stream);
                    config.routes.delete("/stream", stream);
                    config.routes.options("/stream", adapter::preflight);
                })
                .start("127.0.0.1", 0);
        return URI.create("http://127.0.0.1:" + app.port() + "/stream");
    }

    @Override
    protected URI startRejecting(SseCors cors, String message, String field) {
        JavalinSse plain = JavalinSse.create(StructuredSse.create());
        JavalinSse adapter = cors == null ? plain : plain.cors(cors);
        return serve(
                ctx -> adapter.stream(ctx, format -> {
                    adapter.sendBadRequest(ctx, message, field);
                    return null;
                }),
                adapter::preflight);
    }

    private URI serve(Handler post, Handler options) {
        app = Javalin.create(config -> {
                    config.routes.post("/stream", post);
                    config.routes.options("/stream", options);
                })
                .start("127.0.0.1", 0);
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
