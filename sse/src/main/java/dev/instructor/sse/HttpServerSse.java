package dev.instructor.sse;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.instructor.AsyncPartialStream;
import dev.instructor.PartialStream;
import dev.instructor.sse.internal.HttpParts;
import dev.instructor.sse.internal.StreamAdmission;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Serves structured streams from the JDK's {@code com.sun.net.httpserver.HttpServer}.
 *
 * <pre>{@code
 * HttpServerSse sse = HttpServerSse.create(StructuredSse.create())
 *         .cors(SseCors.allowOrigins("https://app.example.com"));
 * server.createContext("/ideas", exchange -> sse.stream(exchange, format -> client.responses().stream(...)));
 * server.setExecutor(Executors.newCachedThreadPool()); // a stream holds its thread until it ends
 * }</pre>
 *
 * <p><b>Who may start a stream.</b> Before {@code streams} is called, and so before any model call, the request
 * must be a {@code POST} whose {@code Content-Type} is {@code application/json}: another method is answered
 * {@code 405}, another media type {@code 415} (docs/wire-format.md, section 1). A browser cannot send such a
 * request across origins without a preflight, which {@link #preflight} refuses unless the {@link SseCors} policy
 * names the page's origin; a {@code text/plain} or form {@code POST}, which a page on any origin may send without
 * asking, therefore never reaches the model. {@link #allowGet} opts in to {@code GET} for {@code EventSource}, and to
 * {@code HEAD}, answered with the headers a {@code GET} would get and no model call.
 *
 * <p>The server's default executor runs every handler on its one dispatcher thread, which a stream would hold until
 * it ends: give the server an executor, or use {@link #streamAsync}. This server has no write timeout: a client that
 * keeps the connection open but stops reading blocks the writing thread until the connection fails, which
 * {@link StructuredSse.Builder#writeTimeout} cannot shorten; it does stop the model call. Instances are immutable and
 * thread-safe.
 */
public final class HttpServerSse {
    private final StructuredSse sse;
    private final SseCors cors;
    private final boolean allowGet;
    private final StreamAdmission admission;

    private HttpServerSse(StructuredSse sse, SseCors cors, boolean allowGet) {
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
    public static HttpServerSse create(StructuredSse sse) {
        if (sse == null) {
            throw new NullPointerException("sse");
        }
        return new HttpServerSse(sse, null, false);
    }

    /**
     * Returns a copy that answers cross-origin requests and preflights as {@code cors} allows.
     *
     * @param cors the policy
     */
    public HttpServerSse cors(SseCors cors) {
        return new HttpServerSse(sse, cors, allowGet);
    }

    /**
     * Returns a copy that also starts streams for {@code GET}, as a browser's {@code EventSource} sends: an escape
     * hatch for clients that cannot use {@code fetch}, off unless set. The application then reads its request from
     * the query string, and the format comes from the {@code format} parameter or {@code Accept}.
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
     * <p>A {@code HEAD} is checked as a {@code GET} is and answered with the headers a {@code GET} would get,
     * without calling {@code streams}.
     *
     * @param allow true to serve {@code GET} as well as {@code POST}
     */
    public HttpServerSse allowGet(boolean allow) {
        return new HttpServerSse(sse, cors, allow);
    }

    /**
     * Answers the exchange with the stream {@code streams} returns for the negotiated format, blocking until the
     * response has ended. A preflight {@code OPTIONS} is answered by {@link #preflight} instead; without calling {@code
     * streams}, a method other than {@code POST} (and {@code GET} when {@link #allowGet allowed}) is answered {@code
     * 405}, a {@code Content-Type} other than {@code application/json} {@code 415}, a cross-origin {@code GET} from an
     * origin the policy does not name {@code 403}, a {@code GET} or {@code HEAD} carrying {@code Last-Event-ID} (an
     * {@code EventSource} reconnecting) {@code 204} without a body, a {@code POST} carrying it (a stream cannot be
     * resumed) {@code 400}, an {@code Accept} that lets in no {@code text/event-stream} {@code 406}, and an unknown
     * {@code format} query parameter {@code 400}, each with a JSON body and this adapter's CORS headers.
     *
     * <p>When {@code streams} throws an exception (an {@link Error} is left to propagate), no stream starts: the
     * exception is logged through {@link System.Logger} ({@code dev.instructor.Instructor}, level {@code ERROR}) and
     * not rethrown, and the request is answered {@code 500} with the JSON body {@code {"error":"Something went wrong
     * while starting the answer."}} and this adapter's CORS headers, so that an allowed page can read it rather than
     * see the connection drop. If {@code streams} had already answered (with {@link #sendBadRequest}, say) before it
     * threw, that answer stands and the exchange is closed.
     *
     * @param exchange the request, not yet answered
     * @param streams starts the model call; may call {@link #sendBadRequest} and return null to decline; what
     *     happens when it throws is described above
     * @throws IOException when a refusal, the preflight answer or the {@code 500} cannot be written
     */
    public void stream(HttpExchange exchange, Function<SseFormat, ? extends PartialStream<?>> streams)
            throws IOException {
        SseFormat format = begin(exchange);
        if (format == null) {
            return;
        }
        PartialStream<?> stream;
        try {
            stream = streams.apply(format);
        } catch (Exception e) { // unchecked, or checked thrown sneakily (Kotlin, Lombok): the same failure
            streamsFailed(exchange, e);
            return;
        }
        if (stream != null) {
            sse.stream(stream, format, sink(exchange));
        }
    }

    /**
     * Answers the exchange with the asynchronous stream {@code streams} returns, without holding the calling thread.
     * Requests are checked, and refused, as by {@link #stream}, and a {@code streams} that throws gets the same
     * logged {@code 500}.
     *
     * @param exchange the request, not yet answered
     * @param streams starts the model call; may call {@link #sendBadRequest} and return null to decline
     * @return a future completed when the response has ended (at once when none was started)
     * @throws IOException when a refusal, the preflight answer or the {@code 500} cannot be written
     */
    public CompletableFuture<Void> streamAsync(
            HttpExchange exchange, Function<SseFormat, ? extends AsyncPartialStream<?>> streams) throws IOException {
        SseFormat format = begin(exchange);
        AsyncPartialStream<?> stream;
        try {
            stream = format == null ? null : streams.apply(format);
        } catch (Exception e) { // as in stream
            streamsFailed(exchange, e);
            stream = null;
        }
        if (stream == null) {
            return CompletableFuture.completedFuture(null);
        }
        return sse.streamAsync(stream, format, sink(exchange));
    }

    /**
     * Answers an {@code OPTIONS}. A CORS preflight (one with {@code Origin} and {@code Access-Control-Request-Method})
     * gets {@code 204} with the CORS headers for an allowed origin, {@code Last-Event-ID} among the headers (so that a
     * retry carrying it reaches its answer), {@code GET} and {@code HEAD} among the methods when {@link #allowGet
     * allowed}, and {@code 403} otherwise (also when no CORS policy is set). Any other {@code OPTIONS}
     * asks what the endpoint serves, and gets {@code 204} with {@code Allow} listing its methods (RFC 9110, section
     * 9.3.7) and this adapter's CORS headers.
     *
     * @param exchange the {@code OPTIONS} request
     * @throws IOException when the answer cannot be written
     */
    public void preflight(HttpExchange exchange) throws IOException {
        answer(exchange, admission.preflight(view(exchange)));
    }

    /**
     * Answers {@code 400} with the JSON body {@code {"error": message, "field": field}} and this adapter's CORS
     * headers for the request's origin, so that a page the policy allows can read it, and closes the exchange.
     *
     * @param exchange the request, not yet answered
     * @param message a readable message, shown to the user
     * @param field the request member at fault as a dot-separated path, or null
     * @throws IOException when the answer cannot be written
     */
    public void sendBadRequest(HttpExchange exchange, String message, String field) throws IOException {
        answer(exchange, admission.error(view(exchange), 400, message, field));
    }

    /**
     * Answers {@code status} with the JSON body {@code {"error": message}} of docs/wire-format.md, section 6, and
     * this adapter's CORS headers for the request's origin, so that a page the policy allows can read why, and
     * closes the exchange: for a refusal the application decides before the stream, such as {@code 413} for a body
     * over its limit or {@code 429}.
     *
     * @param exchange the request, not yet answered
     * @param status an error status, 400 to 599
     * @param message a readable message, shown to the user
     * @throws IOException when the answer cannot be written
     * @throws IllegalArgumentException when {@code status} is not an error status
     */
    public void sendError(HttpExchange exchange, int status, String message) throws IOException {
        HttpParts.checkErrorStatus(status);
        answer(exchange, admission.error(view(exchange), status, message, null));
    }

    /**
     * Answers {@code 500} for a {@code streams} function that threw. Left to the JDK server, the exception would close
     * the connection unanswered, which a browser reports as a network failure with no reason.
     */
    private void streamsFailed(HttpExchange exchange, Exception failure) throws IOException {
        HttpParts.logStreamsFailure(
                exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), failure);
        if (exchange.getResponseCode() != -1) {
            // The function answered before it threw; a second answer cannot be sent, and no one else ends this one.
            exchange.close();
            return;
        }
        answer(exchange, admission.error(view(exchange), 500, HttpParts.STREAMS_FAILED, null));
    }

    private static void writeError(HttpExchange exchange, int status, String message, String field) throws IOException {
        byte[] body = HttpParts.errorBody(message, field).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1); // an answer to HEAD has no body; writing one would fail
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Returns the format to stream in, or null once the exchange has been answered otherwise. */
    private SseFormat begin(HttpExchange exchange) throws IOException {
        StreamAdmission.Decision decision = admission.decide(view(exchange));
        if (decision.answer() != null) {
            answer(exchange, decision.answer());
            return null;
        }
        return decision.format();
    }

    /** Writes an answer given instead of a stream, and closes the exchange. */
    private static void answer(HttpExchange exchange, StreamAdmission.Answer answer) throws IOException {
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        if (answer.message() != null) {
            writeError(exchange, answer.status(), answer.message(), answer.field());
        } else {
            exchange.sendResponseHeaders(answer.status(), -1);
            exchange.close();
        }
    }

    /** Returns what the checks read of the exchange's request. */
    private static StreamAdmission.Request view(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        return new StreamAdmission.Request() {
            @Override
            public String method() {
                return exchange.getRequestMethod();
            }

            @Override
            public String header(String name) {
                return headers.getFirst(name);
            }

            @Override
            public List<String> headerLines(String name) {
                List<String> lines = headers.get(name);
                return lines == null ? List.of() : lines;
            }

            @Override
            public String queryParameter(String name) {
                return HttpParts.queryParameter(exchange.getRequestURI().getRawQuery(), name);
            }
        };
    }

    private ExchangeSink sink(HttpExchange exchange) {
        byte[] prelude = exchange.getRequestMethod().equals("GET")
                ? StructuredSse.GET_STREAM_PRELUDE.getBytes(StandardCharsets.US_ASCII)
                : new byte[0];
        return new ExchangeSink(exchange, admission.answerHeaders(view(exchange)), prelude);
    }

    /** Writes events to the exchange's chunked body, flushing each, after {@code prelude}. */
    private static final class ExchangeSink implements SseSink {
        private final HttpExchange exchange;
        private final Map<String, String> extraHeaders;
        private final byte[] prelude;
        private OutputStream body;

        ExchangeSink(HttpExchange exchange, Map<String, String> extraHeaders, byte[] prelude) {
            this.exchange = exchange;
            this.extraHeaders = extraHeaders;
            this.prelude = prelude;
        }

        @Override
        public void open(Map<String, String> headers) throws IOException {
            HttpParts.merge(headers, extraHeaders).forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(200, 0);
            body = exchange.getResponseBody();
            body.write(prelude);
            body.flush();
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            body.write(bytes);
            body.flush();
        }

        @Override
        public void close() {
            // Closing the exchange ends the chunked body, or drops a connection whose client has gone.
            exchange.close();
        }
    }
}
