package dev.instructor.sse.internal;

import dev.instructor.sse.SseCors;
import dev.instructor.sse.SseFormat;
import java.util.List;
import java.util.Map;

/**
 * Decides how an adapter answers a stream request before any model call: with a stream in the negotiated format, or
 * with an answer of its own (a preflight's, a refusal's, a reconnect's {@code 204}, a {@code HEAD}'s headers). The
 * adapters only read the request through {@link Request} and write the {@link Answer}, so that every server checks the
 * same things in the same order: {@code OPTIONS}, {@link RequestGate#check}, {@link RequestGate#resumption},
 * {@code Accept}, the {@code format} parameter, {@code HEAD}.
 */
public final class StreamAdmission {
    private final SseCors cors;
    private final boolean allowGet;

    /**
     * Returns the checks of an adapter with {@code cors} and {@code allowGet}.
     *
     * @param cors the adapter's policy, or null for same-origin only
     * @param allowGet whether {@code GET} (and so {@code HEAD}) may start a stream
     */
    public StreamAdmission(SseCors cors, boolean allowGet) {
        this.cors = cors;
        this.allowGet = allowGet;
    }

    /** What the checks read of a request, in the server's own terms. */
    public interface Request {
        /** Returns the request method. */
        String method();

        /** Returns the first value of header {@code name}, or null. */
        String header(String name);

        /** Returns the values of every line of header {@code name}, in order, possibly none. */
        List<String> headerLines(String name);

        /** Returns the query parameter {@code name}, or null; never read from a body. */
        String queryParameter(String name);
    }

    /**
     * An answer given instead of a stream: a status, headers, and, when {@code message} is not null, the JSON body
     * {@link HttpParts#errorBody} of {@code message} and {@code field}.
     */
    public record Answer(int status, Map<String, String> headers, String message, String field) {}

    /** The outcome of {@link #decide}: exactly one of {@code format} (start a stream) and {@code answer} is set. */
    public record Decision(SseFormat format, Answer answer) {}

    /**
     * Returns the format to stream {@code request} in, or the answer to give it instead.
     *
     * @param request the request, not yet answered
     */
    public Decision decide(Request request) {
        String method = request.method();
        if (method.equals("OPTIONS")) {
            return answered(preflight(request));
        }
        RequestGate.Refusal refusal = RequestGate.check(
                method,
                request.header("Content-Type"),
                request.header("Origin"),
                request.header("Sec-Fetch-Site"),
                cors,
                allowGet);
        if (refusal != null) {
            return answered(error(request, refusal.status(), refusal.message(), null, refusal.headers()));
        }
        RequestGate.Refusal resumed = RequestGate.resumption(method, request.header("Last-Event-ID"));
        if (resumed != null) {
            // CORS headers too: an EventSource that cannot read the 204 takes it for a network error and retries.
            return answered(error(request, resumed.status(), resumed.message(), null, resumed.headers()));
        }
        String accept = HttpParts.joinLines(request.headerLines("Accept"));
        if (AcceptHeader.refusesEventStream(accept)) {
            // The answer turns on Accept: a cache must not hand this 406 to a client that accepts the stream.
            return answered(error(request, 406, HttpParts.NOT_ACCEPTABLE, null, Map.of("Vary", "Accept")));
        }
        SseFormat format;
        try {
            format = SseFormat.negotiate(accept, request.queryParameter("format"));
        } catch (IllegalArgumentException e) {
            return answered(error(request, 400, e.getMessage(), "format", Map.of()));
        }
        if (method.equals("HEAD")) {
            // The headers a GET would get, without the model call a GET would start.
            return answered(new Answer(
                    200, HttpParts.merge(StreamSession.headers(format), answerHeaders(request)), null, null));
        }
        return new Decision(format, null);
    }

    /**
     * Returns the answer to an {@code OPTIONS}: a CORS preflight's ({@code 204} with the policy's headers, or
     * {@code 403}), or else {@code 204} with {@code Allow} and the answer headers.
     *
     * @param request the {@code OPTIONS} request
     */
    public Answer preflight(Request request) {
        String origin = request.header("Origin");
        Map<String, String> headers = RequestGate.isPreflight(origin, request.header("Access-Control-Request-Method"))
                ? RequestGate.preflight(origin, cors, allowGet)
                : HttpParts.merge(answerHeaders(request), Map.of("Allow", RequestGate.allowedMethods(allowGet)));
        return new Answer(headers.isEmpty() ? 403 : 204, headers, null, null);
    }

    /**
     * Returns the answer {@code status} with the JSON error body and the answer headers for {@code request}.
     *
     * @param request the request
     * @param status the status
     * @param message a readable message
     * @param field the request member at fault, or null
     */
    public Answer error(Request request, int status, String message, String field) {
        return error(request, status, message, field, Map.of());
    }

    private Answer error(Request request, int status, String message, String field, Map<String, String> headers) {
        return new Answer(status, HttpParts.merge(answerHeaders(request), headers), message, field);
    }

    /**
     * Returns the headers of every answer but a preflight's: CORS, and a {@code Vary} naming what the checks read.
     *
     * @param request the request
     */
    public Map<String, String> answerHeaders(Request request) {
        Map<String, String> corsHeaders = cors == null ? Map.of() : cors.headers(request.header("Origin"));
        return HttpParts.merge(corsHeaders, RequestGate.vary(request.method(), allowGet));
    }

    private static Decision answered(Answer answer) {
        return new Decision(null, answer);
    }
}
