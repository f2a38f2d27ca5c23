package dev.instructor.sse.javalin;

import dev.instructor.AsyncPartialStream;
import dev.instructor.PartialStream;
import dev.instructor.sse.SseCors;
import dev.instructor.sse.SseFormat;
import dev.instructor.sse.StructuredSse;
import dev.instructor.sse.internal.HttpParts;
import dev.instructor.sse.internal.ServletResponseSink;
import dev.instructor.sse.internal.StreamAdmission;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Serves structured streams from Javalin 7 handlers.
 *
 * <pre>{@code
 * JavalinSse sse = JavalinSse.create(StructuredSse.create()).cors(SseCors.allowOrigins("https://app.example.com"));
 * Javalin.create(config -> {
 *     config.routes.post("/ideas", ctx -> sse.stream(ctx, format -> client.responses().stream(request(ctx), type)));
 *     config.routes.options("/ideas", sse::preflight);
 * });
 * }</pre>
 *
 * <p><b>Who may start a stream.</b> Before {@code streams} is called, and so before any model call, the request
 * must be a {@code POST} whose {@code Content-Type} is {@code application/json}: another method is answered
 * {@code 405} (whatever route it came in by), another media type {@code 415} (docs/wire-format.md, section 1). A
 * browser cannot send such a request across origins without a preflight, which {@link #preflight} refuses unless the
 * {@link SseCors} policy names the page's origin; a {@code text/plain} or form {@code POST}, which a page on any
 * origin may send without asking, therefore never reaches the model. {@link #allowGet} opts in to {@code GET} for
 * {@code EventSource}. Only a method with a route reaches the adapter: Javalin answers one without a route {@code
 * 404}, and a {@code HEAD} where a {@code GET} route exists {@code 200} by itself, so route the other methods to a
 * handler that calls the adapter, {@code HEAD} included, for their {@code 405} (the demo's {@code DemoServer} does).
 *
 * <p>Events are written straight to the servlet response, past Javalin's result and compression, and flushed one
 * by one. {@link #stream} holds the handler's thread until the response ends; {@link #streamAsync} hands the
 * response to Javalin's async support instead. Instances are immutable and thread-safe.
 */
public final class JavalinSse {
    private final StructuredSse sse;
    private final SseCors cors;
    private final boolean allowGet;
    private final StreamAdmission admission;

    private JavalinSse(StructuredSse sse, SseCors cors, boolean allowGet) {
        this.sse = sse;
        this.cors = cors;
        this.allowGet = allowGet;
        this.admission = new StreamAdmission(cors, allowGet);
    }

    /**
     * Returns an adapter writing with {@code sse}'s settings, answering same-origin requests only.
     *
     * @param sse the settings: heartbeat, pacing, time limit, mappers
     */
    public static JavalinSse create(StructuredSse sse) {
        if (sse == null) {
            throw new NullPointerException("sse");
        }
        return new JavalinSse(sse, null, false);
    }

    /**
     * Returns a copy that adds CORS headers as {@code cors} allows; register {@link #preflight} for {@code OPTIONS}.
     *
     * @param cors the policy
     */
    public JavalinSse cors(SseCors cors) {
        return new JavalinSse(sse, cors, allowGet);
    }

    /**
     * Returns a copy that also starts streams for {@code GET}, as a browser's {@code EventSource} sends, on a route
     * registered with {@code config.routes.get}: an escape hatch for clients that cannot use {@code fetch}, off unless
     * set. The application then reads its request from the query string, and the format comes from the
     * {@code format} parameter or {@code Accept}.
     *
     * <p>A {@code GET} is never preflighted, so a page on any origin can make a browser send one. It is refused with
     * {@code 403} when the browser says it comes from another origin ({@code Sec-Fetch-Site}, or an {@code Origin}
     * header) that the {@link #cors CORS policy} does not name. A client that sends neither header (not a browser,
     * or a browser without fetch metadata, which some send only to HTTPS and localhost) cannot be told from a
     * same-origin page and is served, so keep such an endpoint behind authentication that a cross-site request does
     * not carry. An {@code EventSource} cannot send a header: use a short-lived token in the query string, or a
     * {@code SameSite=Strict} cookie (a cookie without {@code SameSite} goes with an {@code <img>} from any site in
     * some browsers).
     * And an {@code EventSource} reconnects on its own when the connection drops, which would start another model
     * call whose partials the page mixes with the first answer's: so a {@code GET} stream starts with a {@code start}
     * event of id {@code 0} ({@link StructuredSse#GET_STREAM_PRELUDE}), which the browser keeps as its last event
     * id, and a {@code GET} carrying {@code Last-Event-ID} is answered {@code 204} without calling {@code
     * streams}, which makes the {@code EventSource} stop (docs/wire-format.md, section 7). Close it on {@code done}
     * and {@code error} all the same.
     *
     * <p>A {@code HEAD} (registered with {@code config.routes.head}) is checked as a {@code GET} is and answered with
     * the headers a {@code GET} would get, without calling {@code streams}.
     *
     * @param allow true to serve {@code GET} as well as {@code POST}
     */
    public JavalinSse allowGet(boolean allow) {
        return new JavalinSse(sse, cors, allow);
    }

    /**
     * Answers with the stream {@code streams} returns for the negotiated format, blocking until the response ends. A
     * preflight {@code OPTIONS} is answered by {@link #preflight} instead; without calling {@code streams}, a method
     * other than {@code POST} (and {@code GET} when {@link #allowGet allowed}) is answered {@code 405}, a {@code
     * Content-Type} other than {@code application/json} {@code 415}, a cross-origin {@code GET} from an origin the
     * policy does not name {@code 403}, a {@code GET} or {@code HEAD} carrying {@code Last-Event-ID} (an {@code
     * EventSource} reconnecting) {@code 204} without a body, a {@code POST} carrying it (a stream cannot be resumed)
     * {@code 400}, an {@code Accept} that lets in no {@code text/event-stream} {@code 406}, and an unknown {@code
     * format} query parameter {@code 400}, each with a JSON body and this adapter's CORS headers.
     *
     * <p>When {@code streams} throws one of Javalin's {@link HttpResponseException}s with an error status (as {@code
     * ctx.body()} does past {@code maxRequestSize}, {@code 413}, or a failed {@code bodyValidator}, {@code 400}), the
     * request is answered that status with the JSON body {@code {"error": message}} and this adapter's CORS headers,
     * and nothing is logged. When it throws any other exception (an {@link Error} is left to propagate), no stream
     * starts: the exception is logged through {@link System.Logger} ({@code dev.instructor.Instructor}, level {@code
     * ERROR}) and not rethrown, so Javalin's exception handlers do not see it, and the request is answered {@code 500}
     * with the JSON body {@code {"error":"Something went wrong while starting the answer."}} and this adapter's CORS
     * headers, so that an allowed page can read it (Javalin's own {@code 500} carries no CORS headers, and the browser
     * would hide it).
     *
     * @param ctx the request, not yet answered
     * @param streams starts the model call; may call {@link #sendBadRequest} and return null to decline; what
     *     happens when it throws is described above
     */
    public void stream(Context ctx, Function<SseFormat, ? extends PartialStream<?>> streams) {
        SseFormat format = negotiate(ctx);
        PartialStream<?> stream;
        try {
            stream = format == null ? null : streams.apply(format);
        } catch (Exception e) { // unchecked, or checked thrown sneakily (Kotlin, Lombok): the same failure
            streamsFailed(ctx, e);
            return;
        }
        if (stream != null) {
            sse.stream(stream, format, sink(ctx));
        }
    }

    /**
     * Answers with the asynchronous stream {@code streams} returns, through {@link Context#future}: the handler's
     * thread returns at once. Javalin's {@code http.asyncTimeout}, when set, cancels the stream at its end; Javalin
     * then ends the body with its own text ({@code Request Timeout}), which a client reads as a cut stream, not as
     * an {@code error} event: set {@link StructuredSse.Builder#timeLimit} below it to end a long answer with an
     * {@code error} of type {@code timeout} instead. Requests are checked, and refused, as by {@link #stream}, and a
     * {@code streams} that throws gets the same logged {@code 500}.
     *
     * <p>Javalin runs the stream once the handler has returned and it has put the request in async mode, and only
     * then is {@code streams} called: a handler that throws after this call, or that replaces the future with
     * {@code ctx.future} of its own, makes Javalin drop this one, and then no model call is made. The returned
     * future completes when the response has ended, as {@link StructuredSse#streamAsync}'s does; when Javalin drops
     * the stream it never completes.
     *
     * @param ctx the request, not yet answered
     * @param streams starts the model call; may call {@link #sendBadRequest} and return null to decline
     * @return a future completed, never exceptionally, when the response has ended (once {@code streams} has returned
     *     when it started none, and at once when the request was refused)
     */
    public CompletableFuture<Void> streamAsync(
            Context ctx, Function<SseFormat, ? extends AsyncPartialStream<?>> streams) {
        SseFormat format = negotiate(ctx);
        if (format == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> ended = new CompletableFuture<>();
        // Writing any sooner than Javalin calls the supplier would race the handler's thread over the response, and
        // starting the model call sooner would leave it running, unread, whenever Javalin drops the supplier.
        ctx.future(() -> {
            AsyncPartialStream<?> stream;
            try {
                stream = streams.apply(format);
            } catch (Exception e) { // unchecked, or checked thrown sneakily (Kotlin, Lombok): the same failure
                streamsFailed(ctx, e);
                stream = null;
            }
            if (stream == null) {
                ended.complete(null);
                return CompletableFuture.completedFuture(null);
            }
            ServletResponseSink sink = sink(ctx);
            CompletableFuture<Void> session = sse.streamAsync(stream, format, sink);
            session.whenComplete((ignored, failure) -> ended.complete(null));
            return forJavalin(session, sink, ctx, stream);
        });
        return ended;
    }

    /**
     * Answers an {@code OPTIONS}. A CORS preflight (one with {@code Origin} and {@code Access-Control-Request-Method})
     * gets {@code 204} with the CORS headers for an allowed origin, {@code Last-Event-ID} among the headers (so that a
     * retry carrying it reaches its answer), {@code GET} and {@code HEAD} among the methods when {@link #allowGet
     * allowed}, and {@code 403} otherwise (also when no CORS policy is set). Any other {@code OPTIONS}
     * asks what the endpoint serves, and gets {@code 204} with {@code Allow} listing its methods (RFC 9110, section
     * 9.3.7) and this adapter's CORS headers.
     *
     * @param ctx the {@code OPTIONS} request
     */
    public void preflight(Context ctx) {
        answer(ctx, admission.preflight(view(ctx)));
    }

    /**
     * Answers {@code 400} with the JSON body {@code {"error": message, "field": field}} and this adapter's CORS
     * headers for the request's origin, so that a page the policy allows can read it.
     *
     * @param ctx the request, not yet answered
     * @param message a readable message, shown to the user
     * @param field the request member at fault as a dot-separated path, or null
     */
    public void sendBadRequest(Context ctx, String message, String field) {
        answer(ctx, admission.error(view(ctx), 400, message, field));
    }

    /**
     * Answers {@code status} with the JSON body {@code {"error": message}} of docs/wire-format.md, section 6, and
     * this adapter's CORS headers for the request's origin, so that a page the policy allows can read why: for a
     * refusal the application decides before the stream, such as {@code 413} for a body over Javalin's {@code
     * maxRequestSize} (the {@code ContentTooLargeResponse} that {@code ctx.body()} throws) or {@code 429}.
     *
     * @param ctx the request, not yet answered
     * @param status an error status, 400 to 599
     * @param message a readable message, shown to the user
     * @throws IllegalArgumentException when {@code status} is not an error status
     */
    public void sendError(Context ctx, int status, String message) {
        HttpParts.checkErrorStatus(status);
        answer(ctx, admission.error(view(ctx), status, message, null));
    }

    /**
     * Answers a {@code streams} function that threw, replacing anything it had set: Javalin's own refusals
     * ({@link HttpResponseException}: {@code ctx.body()} past {@code maxRequestSize}, a failed {@code bodyValidator},
     * a {@code BadRequestResponse}) with their status and message, as Javalin answers them elsewhere; anything else
     * with a logged {@code 500}.
     */
    private void streamsFailed(Context ctx, Exception failure) {
        if (failure instanceof HttpResponseException refusal && isErrorStatus(refusal.getStatus())) {
            answer(ctx, admission.error(view(ctx), refusal.getStatus(), refusal.getMessage(), null));
            return;
        }
        HttpParts.logStreamsFailure(ctx.req().getMethod(), ctx.path(), failure);
        answer(ctx, admission.error(view(ctx), 500, HttpParts.STREAMS_FAILED, null));
    }

    private static boolean isErrorStatus(int status) {
        return status >= 400 && status <= 599;
    }

    private static void writeError(Context ctx, int status, String message, String field) {
        ctx.status(status).contentType("application/json").result(HttpParts.errorBody(message, field));
    }

    /**
     * Passes the end of the response on to Javalin, unless the client left. Jetty may then already have recycled the
     * request, and Javalin finishing a recycled request fails in its error handling over and over; so the servlet's
     * async cycle is completed directly instead, and Javalin's future is left alone. Javalin cancels its future when
     * {@code http.asyncTimeout} runs out and answers the request itself: the response is then over for this adapter,
     * which writes nothing more, and the stream is cancelled, which nothing else would do while the model is silent.
     */
    private static CompletableFuture<Void> forJavalin(
            CompletableFuture<Void> ended, ServletResponseSink sink, Context ctx, AsyncPartialStream<?> stream) {
        CompletableFuture<Void> forJavalin = new CompletableFuture<>();
        forJavalin.whenComplete((ignored, failure) -> {
            if (forJavalin.isCancelled()) {
                sink.abandon();
                stream.cancel();
            }
        });
        ended.whenComplete((ignored, failure) -> {
            if (sink.clientGone()) {
                try {
                    ctx.req().getAsyncContext().complete();
                } catch (RuntimeException alreadyOver) {
                    // Jetty already ended the cycle when the connection failed.
                }
            } else if (failure != null) {
                forJavalin.completeExceptionally(failure);
            } else {
                forJavalin.complete(null);
            }
        });
        return forJavalin;
    }

    /** Returns the format to stream in, or null once the request has been answered otherwise. */
    private SseFormat negotiate(Context ctx) {
        StreamAdmission.Decision decision = admission.decide(view(ctx));
        if (decision.answer() != null) {
            answer(ctx, decision.answer());
            return null;
        }
        return decision.format();
    }

    /** Writes an answer given instead of a stream through Javalin's result, as its handlers' answers are. */
    private static void answer(Context ctx, StreamAdmission.Answer answer) {
        answer.headers().forEach(ctx::header);
        if (answer.message() != null) {
            writeError(ctx, answer.status(), answer.message(), answer.field());
        } else {
            ctx.status(answer.status());
        }
    }

    /** Returns what the checks read of the request; the {@code format} parameter as Javalin parses the query. */
    private static StreamAdmission.Request view(Context ctx) {
        return new StreamAdmission.Request() {
            @Override
            public String method() {
                return ctx.req().getMethod();
            }

            @Override
            public String header(String name) {
                return ctx.header(name);
            }

            @Override
            public List<String> headerLines(String name) {
                return Collections.list(ctx.req().getHeaders(name));
            }

            @Override
            public String queryParameter(String name) {
                return ctx.queryParam(name);
            }
        };
    }

    private ServletResponseSink sink(Context ctx) {
        byte[] prelude = ctx.req().getMethod().equals("GET")
                ? StructuredSse.GET_STREAM_PRELUDE.getBytes(StandardCharsets.US_ASCII)
                : new byte[0];
        return new ServletResponseSink(ctx.res(), admission.answerHeaders(view(ctx)), prelude);
    }
}
