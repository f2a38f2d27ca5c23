package dev.instructor.examples.demo;

import dev.instructor.TypeRef;
import dev.instructor.sse.javalin.JavalinSse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code POST /ideas}: checks the body, then streams the model's {@code List<Idea>} as Server-Sent Events in the
 * format the request negotiates (docs/wire-format.md). A bad body or format gets {@code 400} and costs no model call;
 * so does a body that is not sent as {@code application/json} ({@code 415}, from {@link JavalinSse}), which a page on
 * another origin could send without a CORS preflight.
 */
final class IdeasEndpoint {
    private static final TypeRef<List<Idea>> IDEAS = new TypeRef<>() {};

    private final ProviderChoice provider;
    private final JavalinSse sse;
    private final Consumer<Instant> onCancel;

    /**
     * @param onCancel told when a stream is cancelled because its browser went away
     */
    IdeasEndpoint(ProviderChoice provider, JavalinSse sse, Consumer<Instant> onCancel) {
        this.provider = provider;
        this.sse = sse;
        this.onCancel = onCancel;
    }

    /** Handles one request; called on a Jetty thread, which returns as soon as the stream has started. */
    void handle(Context ctx) {
        // The adapter checks the request first (405 for another method, 415 for a body not sent as application/json,
        // docs/wire-format.md, section 1, and the format); only then is the body read and checked.
        sse.streamAsync(ctx, format -> {
            IdeasRequest ideas = readBody(ctx);
            if (ideas == null) {
                return null; // answered 400 or 413: no model call
            }
            ctx.attribute(RequestLog.FORMAT, format.wireName());
            CancelRecordingStream<List<Idea>> stream = new CancelRecordingStream<>(
                    provider.client().responses().streamAsync(IdeaPrompt.request(provider.model(), ideas), IDEAS),
                    onCancel);
            return stream;
        });
    }

    /** Returns the checked request body, or null once the request is answered with why it was refused. */
    private IdeasRequest readBody(Context ctx) {
        String body;
        try {
            body = ctx.body();
        } catch (HttpResponseException e) {
            // A body over maxRequestSize (413). Left to Javalin, the answer would be text/plain without CORS headers,
            // which the page cannot read; wire-format.md, section 6, asks for the JSON body.
            sse.sendError(
                    ctx,
                    e.getStatus(),
                    e.getStatus() == 413
                            ? "the request body is larger than this server accepts"
                            : "the request body could not be read");
            return null;
        }
        try {
            return IdeasRequest.parse(body);
        } catch (BadRequestException e) {
            sse.sendBadRequest(ctx, e.getMessage(), e.field());
            return null;
        }
    }
}
