package dev.instructor.sse.servlet;

import dev.instructor.AsyncPartialStream;
import dev.instructor.PartialStream;
import dev.instructor.sse.SseCors;
import dev.instructor.sse.SseFormat;
import dev.instructor.sse.StructuredSse;
import dev.instructor.sse.internal.HttpParts;
import dev.instructor.sse.internal.ServletAnswers;
import dev.instructor.sse.internal.ServletAsyncEnd;
import dev.instructor.sse.internal.ServletResponseSink;
import dev.instructor.sse.internal.StreamAdmission;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Serves structured streams from Jakarta Servlet 6 containers: Tomcat, Jetty, Undertow, and the frameworks on them
 * (Spring MVC, Quarkus with servlets).
 *
 * <pre>{@code
 * ServletSse sse = ServletSse.create(StructuredSse.create()).cors(SseCors.allowOrigins("https://app.example.com"));
 * HttpServlet ideas = new HttpServlet() {
 *     protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
 *         sse.streamAsync(req, res, format -> client.responses().streamAsync(request(req), type));
 *     }
 * };
 * ServletRegistration.Dynamic registration = servletContext.addServlet("ideas", ideas);
 * registration.setAsyncSupported(true); // streamAsync needs it; stream does not
 * registration.addMapping("/ideas");
 * }</pre>
 *
 * <p><b>Who may start a stream.</b> Before {@code streams} is called, and so before any model call, the request
 * must be a {@code POST} whose {@code Content-Type} is {@code application/json}: another method is answered
 * {@code 405}, another media type {@code 415} (docs/wire-format.md, section 1). A browser cannot send such a
 * request across origins without a preflight, which {@link #preflight} refuses unless the {@link SseCors} policy
 * names the page's origin; a {@code text/plain} or form {@code POST}, which a page on any origin may send without
 * asking, therefore never reaches the model. {@link #allowGet} opts in to {@code GET} for {@code EventSource}, and to
 * {@code HEAD}, answered with the headers a {@code GET} would get and no model call. Override {@code service}, as
 * above, so that every method reaches the adapter: {@code HttpServlet}'s own {@code doOptions} and {@code doPut}
 * answer without the adapter's CORS headers and JSON bodies.
 *
 * <p><b>Spring MVC.</b> A controller method that takes the request and the response and returns {@code void} may call
 * {@link #stream} or {@link #streamAsync} (Spring Boot registers its {@code DispatcherServlet} async-supported). Spring
 * answers CORS preflights itself, before any controller: declare CORS in Spring ({@code addCorsMappings} or
 * {@code @CrossOrigin}, exposing {@code X-Instructor-Format} and {@code Retry-After}) and leave {@link #cors} unset,
 * or serve the adapter from a servlet of its own, outside the {@code DispatcherServlet}.
 *
 * <p>Events are written straight to the servlet response and flushed one by one past its buffer. {@link #stream}
 * holds the container's thread until the response ends; {@link #streamAsync} puts the request in the servlet's
 * async mode and returns the thread at once. Instances are immutable and thread-safe.
 */
public final class ServletSse {
    static final String NOT_ASYNC = "streamAsync needs a servlet (and filters) marked async-supported:"
            + " @WebServlet(asyncSupported = true), <async-supported>true</async-supported> in web.xml,"
            + " or setAsyncSupported(true) on its registration; or call stream instead";

    private final StructuredSse sse;
    private final SseCors cors;
    private final boolean allowGet;
    private final Duration asyncTimeout;
    private final StreamAdmission admission;

    private ServletSse(StructuredSse sse, SseCors cors, boolean allowGet, Duration asyncTimeout) {
        this.sse = sse;
        this.cors = cors;
        this.allowGet = allowGet;
        this.asyncTimeout = asyncTimeout;
        this.admission = new StreamAdmission(cors, allowGet);
    }

    /**
     * Returns an adapter writing with {@code sse}'s settings, answering same-origin requests only.
     *
     * @param sse the settings: heartbeat, pacing, time limit, mappers
     */
    public static ServletSse create(StructuredSse sse) {
        if (sse == null) {
            throw new NullPointerException("sse");
        }
        return new ServletSse(sse, null, false, Duration.ZERO);
    }

    /**
     * Returns a copy that answers cross-origin requests and preflights as {@code cors} allows.
     *
     * @param cors the policy
     */
    public ServletSse cors(SseCors cors) {
        return new ServletSse(sse, cors, allowGet, asyncTimeout);
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
    public ServletSse allowGet(boolean allow) {
        return new ServletSse(sse, cors, allow, asyncTimeout);
    }

    /**
     * Returns a copy that gives each {@link #streamAsync} response this async timeout, or none for {@link
     * Duration#ZERO}, the default. The container's own default (30 seconds in Jetty and Tomcat) would cut a long
     * answer, a reasoning model's say, where it is, with no {@code error} event: so the adapter sets none unless told,
     * as Javalin does, and {@link StructuredSse.Builder#timeLimit} is the way to bound an answer, ending it with an
     * {@code error} of type {@code timeout}. When a timeout set here runs out first, the stream is cancelled, which
     * stops the model call, and the response ends where it is.
     *
     * @param timeout positive, or zero for none
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public ServletSse asyncTimeout(Duration timeout) {
        if (Objects.requireNonNull(timeout, "timeout").isNegative()) {
            throw new IllegalArgumentException("asyncTimeout must not be negative: " + timeout);
        }
        return new ServletSse(sse, cors, allowGet, timeout);
    }

    /**
     * Answers with the stream {@code streams} returns for the negotiated format, blocking the container's thread
     * until the response has ended. A preflight {@code OPTIONS} is answered by {@link #preflight} instead; without
     * calling {@code streams}, a method other than {@code POST} (and {@code GET} when {@link #allowGet allowed}) is
     * answered {@code 405}, a {@code Content-Type} other than {@code application/json} {@code 415}, a cross-origin
     * {@code GET} from an origin the policy does not name {@code 403}, a {@code GET} or {@code HEAD} carrying
     * {@code Last-Event-ID} (an {@code EventSource} reconnecting) {@code 204} without a body, a {@code POST} carrying
     * it (a stream cannot be resumed) {@code 400}, an {@code Accept} that lets in no {@code text/event-stream}
     * {@code 406}, and an unknown {@code format} query parameter {@code 400}, each with a JSON body and this
     * adapter's CORS headers.
     *
     * <p>When {@code streams} throws an exception (an {@link Error} is left to propagate), no stream starts: the
     * exception is logged through {@link System.Logger} ({@code dev.instructor.Instructor}, level {@code ERROR}) and
     * not rethrown, so the container's error page does not replace the answer, and the request is answered {@code
     * 500} with the JSON body {@code {"error":"Something went wrong while starting the answer."}} and this adapter's
     * CORS headers, so that an allowed page can read it. If {@code streams} had already answered (with {@link
     * #sendBadRequest}, say) before it threw, that answer stands.
     *
     * @param request the request, not yet answered
     * @param response its response
     * @param streams starts the model call; may call {@link #sendBadRequest} and return null to decline; what
     *     happens when it throws is described above
     * @throws IOException when a refusal, the preflight answer or the {@code 500} cannot be written
     */
    public void stream(
            HttpServletRequest request,
            HttpServletResponse response,
            Function<SseFormat, ? extends PartialStream<?>> streams)
            throws IOException {
        SseFormat format = begin(request, response);
        if (format == null) {
            return;
        }
        PartialStream<?> stream;
        try {
            stream = streams.apply(format);
        } catch (Exception e) { // unchecked, or checked thrown sneakily (Kotlin, Lombok): the same failure
            streamsFailed(request, response, e);
            return;
        }
        if (stream != null) {
            sse.stream(stream, format, sink(request, response));
        }
    }

    /**
     * Answers with the asynchronous stream {@code streams} returns, in the servlet's async mode: the request is
     * checked, and {@code streams} called, on the calling thread; then {@link HttpServletRequest#startAsync()} lets
     * the container's thread return at once, and the async cycle is completed when the response ends. Requests are
     * refused as by {@link #stream}, and a {@code streams} that throws gets the same logged {@code 500}; neither
     * starts the async mode.
     *
     * <p>The servlet, and every filter before it, must be marked async-supported, or this throws before anything is
     * read or written. The async cycle gets the {@link #asyncTimeout} of this adapter, none unless set, in place of
     * the container's default. When a timeout runs out, or the container reports an error on the connection, the
     * stream is cancelled, which stops the model call, and the response ends where it is: a client reads a cut
     * stream, not an {@code error} event. {@link StructuredSse.Builder#timeLimit}, below any such timeout, ends a long
     * answer with an {@code error} of type {@code timeout} instead.
     *
     * @param request the request, not yet answered
     * @param response its response
     * @param streams starts the model call; may call {@link #sendBadRequest} and return null to decline
     * @return a future completed, never exceptionally, when the response has ended (at once when no stream started)
     * @throws IllegalStateException when the request does not support async mode, or cannot start it (the
     *     application started it already); the stream {@code streams} returned is then cancelled
     * @throws IOException when a refusal, the preflight answer or the {@code 500} cannot be written
     */
    public CompletableFuture<Void> streamAsync(
            HttpServletRequest request,
            HttpServletResponse response,
            Function<SseFormat, ? extends AsyncPartialStream<?>> streams)
            throws IOException {
        if (!request.isAsyncSupported()) {
            throw new IllegalStateException(NOT_ASYNC);
        }
        SseFormat format = begin(request, response);
        AsyncPartialStream<?> stream;
        try {
            stream = format == null ? null : streams.apply(format);
        } catch (Exception e) { // as in stream
            streamsFailed(request, response, e);
            stream = null;
        }
        if (stream == null) {
            return CompletableFuture.completedFuture(null);
        }
        AsyncContext async;
        try {
            async = request.startAsync(request, response);
        } catch (RuntimeException e) { // async mode already started, or the response already over
            stream.cancel(); // nothing would read the model call, nor ever stop it
            throw e;
        }
        async.setTimeout(asyncTimeout.toMillis());
        ServletResponseSink sink = sink(request, response);
        async.addListener(new ServletAsyncEnd(sink, stream));
        CompletableFuture<Void> ended = sse.streamAsync(stream, format, sink);
        ended.whenComplete((ignored, failure) -> ServletAsyncEnd.complete(async));
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
     * @param request the {@code OPTIONS} request
     * @param response its response
     * @throws IOException when the answer cannot be written
     */
    public void preflight(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServletAnswers.write(request, response, admission.preflight(ServletAnswers.view(request)));
    }

    /**
     * Answers {@code 400} with the JSON body {@code {"error": message, "field": field}} and this adapter's CORS
     * headers for the request's origin, so that a page the policy allows can read it, and commits the response.
     *
     * @param request the request, not yet answered
     * @param response its response
     * @param message a readable message, shown to the user
     * @param field the request member at fault as a dot-separated path, or null
     * @throws IOException when the answer cannot be written
     */
    public void sendBadRequest(HttpServletRequest request, HttpServletResponse response, String message, String field)
            throws IOException {
        ServletAnswers.write(request, response, admission.error(ServletAnswers.view(request), 400, message, field));
    }

    /**
     * Answers {@code status} with the JSON body {@code {"error": message}} of docs/wire-format.md, section 6, and
     * this adapter's CORS headers for the request's origin, so that a page the policy allows can read why, and
     * commits the response: for a refusal the application decides before the stream, such as {@code 413} for a body
     * over its limit or {@code 429}. Unlike {@link HttpServletResponse#sendError}, the container's error page does
     * not replace it.
     *
     * @param request the request, not yet answered
     * @param response its response
     * @param status an error status, 400 to 599
     * @param message a readable message, shown to the user
     * @throws IOException when the answer cannot be written
     * @throws IllegalArgumentException when {@code status} is not an error status
     */
    public void sendError(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        HttpParts.checkErrorStatus(status);
        ServletAnswers.write(request, response, admission.error(ServletAnswers.view(request), status, message, null));
    }

    /**
     * Answers {@code 500} for a {@code streams} function that threw, replacing anything it had set but not sent;
     * left to the container, the exception would get its HTML error page, without CORS headers.
     */
    private void streamsFailed(HttpServletRequest request, HttpServletResponse response, Exception failure)
            throws IOException {
        HttpParts.logStreamsFailure(request.getMethod(), request.getRequestURI(), failure);
        if (response.isCommitted()) {
            return; // the function answered before it threw; that answer stands
        }
        response.reset();
        ServletAnswers.write(
                request, response, admission.error(ServletAnswers.view(request), 500, HttpParts.STREAMS_FAILED, null));
    }

    /** Returns the format to stream in, or null once the request has been answered otherwise. */
    private SseFormat begin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StreamAdmission.Decision decision = admission.decide(ServletAnswers.view(request));
        if (decision.answer() != null) {
            ServletAnswers.write(request, response, decision.answer());
            return null;
        }
        return decision.format();
    }

    private ServletResponseSink sink(HttpServletRequest request, HttpServletResponse response) {
        byte[] prelude = request.getMethod().equals("GET")
                ? StructuredSse.GET_STREAM_PRELUDE.getBytes(StandardCharsets.US_ASCII)
                : new byte[0];
        return new ServletResponseSink(response, admission.answerHeaders(ServletAnswers.view(request)), prelude);
    }
}
