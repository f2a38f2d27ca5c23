package dev.instructor.sse.internal;

import dev.instructor.sse.SseCors;
import dev.instructor.sse.StructuredSse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decides, before any model call starts, whether a stream request may have one (docs/wire-format.md, section 1).
 *
 * <p>Implementation notes. A browser sends a cross-origin {@code POST} whose {@code Content-Type} is
 * {@code text/plain}, a form type or absent without asking first ("simple" requests, even in {@code no-cors} mode),
 * and only hides the answer from the page: the model call would already be paid for. Requiring
 * {@code application/json} makes every cross-origin {@code POST} preflighted, and the preflight is refused unless
 * the {@link SseCors} policy names the origin, so no {@code Origin} check is needed for {@code POST}. A {@code GET}
 * is never preflighted and carries no {@code Content-Type}, so when {@code GET} is allowed the browser's own account
 * of where the request comes from is checked instead: {@code Sec-Fetch-Site} and {@code Origin}.
 */
public final class RequestGate {
    static final String CANNOT_RESUME =
            "A stream cannot be resumed: send the request again without Last-Event-ID to start a new answer.";

    private RequestGate() {}

    /** Why a request is refused: the status, a readable message, and headers to add to the answer. */
    public record Refusal(int status, String message, Map<String, String> headers) {}

    /**
     * Returns why the request must not start a stream, or null when it may.
     *
     * @param method the request method; {@code OPTIONS} is the caller's to answer before this
     * @param contentType the {@code Content-Type} header, or null
     * @param origin the {@code Origin} header, or null
     * @param fetchSite the {@code Sec-Fetch-Site} header, or null
     * @param cors the adapter's policy, or null for same-origin only
     * @param allowGet whether {@code GET} may start a stream; {@code HEAD} is then checked as {@code GET} is, and
     *     the caller answers it with the stream's headers alone, never starting the model
     */
    public static Refusal check(
            String method, String contentType, String origin, String fetchSite, SseCors cors, boolean allowGet) {
        if (method.equals("POST")) {
            String mediaType = mediaType(contentType);
            return mediaType.equals("application/json")
                    ? null
                    : new Refusal(
                            415,
                            "Content-Type must be application/json, got " + (mediaType.isEmpty() ? "none" : mediaType),
                            Map.of());
        }
        if ((method.equals("GET") || method.equals("HEAD")) && allowGet) {
            return crossSiteGet(origin, fetchSite, cors)
                    ? new Refusal(403, "cross-origin request from an origin this server does not allow", Map.of())
                    : null;
        }
        return new Refusal(405, method + " cannot start a stream; use POST", Map.of("Allow", allowedMethods(allowGet)));
    }

    /**
     * Returns how to answer a request that {@link #check} let through and that carries {@code Last-Event-ID}, or null
     * when it carries none (or a blank one) and may start a stream. A stream cannot be resumed, and a new one would
     * mix a second answer's partials into the first, so no such request reaches the model. A {@code GET} or {@code
     * HEAD} is an {@code EventSource} reconnecting: {@code 204}, the answer that stops it, with {@code Cache-Control:
     * no-store} (a cache would hand a cacheable {@code 204} to a fresh {@code EventSource}); its message is null, as
     * a {@code 204} has no body. No {@code EventSource} sends a {@code POST}: one carrying the header (a fetch-based
     * client resuming, a proxy adding it) gets {@code 400} with a message, since a {@code 204} is a success to
     * {@code fetch} and would stop its caller without a word.
     *
     * @param method the request method
     * @param lastEventId the {@code Last-Event-ID} header, or null
     */
    public static Refusal resumption(String method, String lastEventId) {
        if (!StructuredSse.isReconnect(lastEventId)) {
            return null;
        }
        if (method.equals("GET") || method.equals("HEAD")) {
            return new Refusal(204, null, Map.of("Cache-Control", "no-store"));
        }
        return new Refusal(400, CANNOT_RESUME, Map.of());
    }

    /**
     * Returns the methods a stream endpoint answers, as its {@code Allow} header lists them.
     *
     * @param allowGet whether {@code GET} (and so {@code HEAD}) may start a stream
     */
    public static String allowedMethods(boolean allowGet) {
        return allowGet ? "GET, HEAD, POST, OPTIONS" : "POST, OPTIONS";
    }

    /**
     * Returns the {@code Vary} header naming the request headers {@link #check} reads for {@code method}, which every
     * answer to such a request must carry, or an empty map when it reads none: whether a {@code GET} streams or gets
     * {@code 403} turns on {@code Origin} and {@code Sec-Fetch-Site}, and a cache that keyed on the URL alone would
     * hand one page's answer to another.
     *
     * @param method the request method
     * @param allowGet whether {@code GET} may start a stream
     */
    public static Map<String, String> vary(String method, boolean allowGet) {
        return allowGet && (method.equals("GET") || method.equals("HEAD"))
                ? Map.of("Vary", "Origin, Sec-Fetch-Site")
                : Map.of();
    }

    /**
     * Returns true when an {@code OPTIONS} is a CORS preflight, as the Fetch standard defines one: it names the
     * page's origin and the method it asks for. Any other {@code OPTIONS} asks what the endpoint serves.
     *
     * @param origin the {@code Origin} header, or null
     * @param requestMethod the {@code Access-Control-Request-Method} header, or null
     */
    public static boolean isPreflight(String origin, String requestMethod) {
        return origin != null && requestMethod != null;
    }

    /**
     * Returns the headers of the answer to a CORS preflight from {@code origin}, or an empty map when it must be
     * refused with {@code 403}: the policy's preflight headers, with {@code GET} and {@code HEAD} among the methods
     * when {@code allowGet}, and {@code Last-Event-ID} among the headers. A client that retries with that header
     * (a {@code fetch}-based event source library; a browser's own {@code EventSource} is not preflighted) must get
     * through the preflight to the answer that stops it ({@link #resumption}): a refused preflight is a network error
     * to it, and it would retry for ever.
     *
     * @param origin the preflight's {@code Origin} header, or null
     * @param cors the adapter's policy, or null for same-origin only
     * @param allowGet whether {@code GET} may start a stream
     */
    public static Map<String, String> preflight(String origin, SseCors cors, boolean allowGet) {
        Map<String, String> headers = cors == null ? Map.of() : cors.preflightHeaders(origin);
        if (headers.isEmpty()) {
            return headers;
        }
        Map<String, String> out = new LinkedHashMap<>(headers);
        out.put("Access-Control-Allow-Headers", withLastEventId(headers.get("Access-Control-Allow-Headers")));
        if (allowGet) {
            out.put("Access-Control-Allow-Methods", "GET, HEAD, POST");
        }
        return out;
    }

    /** Returns the header list {@code allowed} with {@code Last-Event-ID} added, unless it names it already. */
    private static String withLastEventId(String allowed) {
        if (allowed == null || allowed.isBlank()) {
            return "Last-Event-ID";
        }
        for (String name : allowed.split(",")) {
            if (name.strip().equalsIgnoreCase("Last-Event-ID")) {
                return allowed;
            }
        }
        return allowed + ", Last-Event-ID";
    }

    /** Returns {@code contentType}'s media type in lower case without parameters, or "" when there is none. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return mediaType.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * A browser names the origin of a cross-origin {@code GET} in {@code Origin} when it reads the answer (fetch,
     * {@code EventSource}) and only in {@code Sec-Fetch-Site} when it does not ({@code <img>}, {@code no-cors}); a
     * same-origin {@code GET} carries no {@code Origin}. A client that sends neither header (not a browser, or a
     * browser too old for fetch metadata) cannot be told apart and is let through.
     */
    private static boolean crossSiteGet(String origin, String fetchSite, SseCors cors) {
        if (fetchSite != null && (fetchSite.equals("same-origin") || fetchSite.equals("none"))) {
            return false;
        }
        if (origin != null) {
            return cors == null || !cors.allows(origin);
        }
        return fetchSite != null;
    }
}
