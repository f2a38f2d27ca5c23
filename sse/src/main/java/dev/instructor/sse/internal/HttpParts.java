package dev.instructor.sse.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The small pieces of HTTP the adapters share: error bodies, header merging, query parsing. */
public final class HttpParts {
    /** The message of the {@code 500} answered when the application's {@code streams} function throws. */
    public static final String STREAMS_FAILED = "Something went wrong while starting the answer.";

    /** The message of the {@code 406} answered when {@code Accept} lets in no {@code text/event-stream}. */
    public static final String NOT_ACCEPTABLE =
            "Accept does not allow text/event-stream, the only type this endpoint answers.";

    private static final System.Logger LOG = System.getLogger("dev.instructor.Instructor");

    private HttpParts() {}

    /**
     * Logs that the application's {@code streams} function threw for a request, before the adapter answers
     * {@code 500}: the exception stays on the server, the browser only gets {@link #STREAMS_FAILED}.
     *
     * @param method the request method
     * @param path the request path, without the query (which may carry a token)
     * @param failure what the function threw
     */
    public static void logStreamsFailure(String method, String path, Throwable failure) {
        LOG.log(
                System.Logger.Level.ERROR,
                "the streams function threw for " + method + " " + path + "; answering 500",
                failure);
    }

    /**
     * Returns the JSON body of an error answered before a stream starts (docs/wire-format.md, section 6).
     *
     * @param message a readable message
     * @param field the request member or query parameter at fault, or null
     */
    public static String errorBody(String message, String field) {
        String body = "{\"error\":" + JsonWriting.quote(message);
        return field == null ? body + "}" : body + ",\"field\":" + JsonWriting.quote(field) + "}";
    }

    /** Refuses a status that is not an error: the JSON error body goes with 4xx and 5xx only. */
    public static void checkErrorStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an error status, 400 to 599, got " + status);
        }
    }

    /**
     * Returns {@code first} with {@code second} added; {@code Vary} values are joined rather than replaced, each
     * header name once.
     */
    public static Map<String, String> merge(Map<String, String> first, Map<String, String> second) {
        Map<String, String> out = new LinkedHashMap<>(first);
        second.forEach(
                (name, value) -> out.merge(name, value, (a, b) -> name.equalsIgnoreCase("Vary") ? joinVary(a, b) : b));
        return out;
    }

    /** Returns the header names of both {@code Vary} values, each once whatever its letter case, in order. */
    private static String joinVary(String first, String second) {
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        for (String name : (first + "," + second).split(",")) {
            if (!name.isBlank()) {
                byLowerCase.putIfAbsent(name.strip().toLowerCase(Locale.ROOT), name.strip());
            }
        }
        return String.join(", ", byLowerCase.values());
    }

    /**
     * Returns the header lines of a list header joined as HTTP defines, with commas, or null when there are none.
     *
     * @param lines the values of every line of the header, in order, or null
     */
    public static String joinLines(List<String> lines) {
        return lines == null || lines.isEmpty() ? null : String.join(", ", lines);
    }

    /**
     * Returns the first value of query parameter {@code name} in a raw (still encoded) query, or null.
     *
     * @param rawQuery the query string without {@code ?}, or null
     */
    public static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (key.equals(name)) {
                return equals < 0 ? "" : decode(pair.substring(equals + 1));
            }
        }
        return null;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a malformed escape: keep it, the format check will reject it
        }
    }
}
