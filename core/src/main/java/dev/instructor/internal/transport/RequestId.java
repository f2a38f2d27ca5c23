package dev.instructor.internal.transport;

import java.net.http.HttpHeaders;
import java.util.List;

/** The id a provider gives each request, which its support asks for, as its response headers carry it. */
final class RequestId {
    /** OpenAI, Groq and most compatible servers; Anthropic; Azure OpenAI's API gateway (beside x-request-id). */
    private static final List<String> HEADERS = List.of("x-request-id", "request-id", "apim-request-id");

    private RequestId() {}

    /** Returns the request id in {@code headers}, on one line and at most 200 chars, or {@code ""} when none. */
    static String of(HttpHeaders headers) {
        for (String name : HEADERS) {
            String id = headers.firstValue(name).orElse("").strip();
            if (!id.isEmpty()) {
                return DataExcerpt.of(id);
            }
        }
        return "";
    }
}
