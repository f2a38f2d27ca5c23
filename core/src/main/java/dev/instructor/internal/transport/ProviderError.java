package dev.instructor.internal.transport;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The type and message of a provider's error body or error event. Understands the shapes in use:
 * {@code {"error":{"type"|"status"|"code","message"}}} (OpenAI, Anthropic, Gemini, Groq),
 * {@code {"error":"message"}} (Ollama) and a one-element array of these (Gemini).
 *
 * @param type the error type or code, {@code ""} if none
 * @param message the error message, {@code ""} if none
 * @param detailCode the finer code at {@code error.details.error_code} (Anthropic), {@code ""} if none
 */
public record ProviderError(String type, String message, String detailCode) {
    private static final int MAX_TEXT = 500;

    /**
     * Creates an error without a detail code.
     *
     * @param type the error type or code, {@code ""} if none
     * @param message the error message, {@code ""} if none
     */
    public ProviderError(String type, String message) {
        this(type, message, "");
    }

    /** Reads an HTTP error body, falling back to its text when it is not JSON or holds neither type nor message. */
    public static ProviderError fromBody(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            ProviderError error = fromJson(Json.parse(text));
            if (!error.type().isEmpty() || !error.message().isEmpty()) {
                return error;
            }
            // JSON in a shape not listed above, such as FastAPI's {"detail":...} from vLLM: the body itself is the
            // only explanation the caller will get.
        } catch (JacksonException notJson) {
            // Kept as text below.
        }
        String trimmed = text.strip();
        if (trimmed.length() <= MAX_TEXT) {
            return new ProviderError("", trimmed);
        }
        // Never keep half of a surrogate pair, like the SSE error cap: alone it would show as U+FFFD.
        int end = Character.isHighSurrogate(trimmed.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
        return new ProviderError("", trimmed.substring(0, end));
    }

    /** Reads an error JSON tree. */
    public static ProviderError fromJson(JsonNode root) {
        JsonNode node = root.isArray() && root.size() > 0 ? root.get(0) : root;
        JsonNode error = node.path("error");
        if (error.isString()) {
            return new ProviderError("", error.stringValue());
        }
        if (!error.isObject()) {
            error = node;
        }
        String type = Json.text(error, "type");
        if (type.isEmpty() || type.equals("error")) {
            type = Json.text(error, "status");
        }
        if (type.isEmpty()) {
            type = Json.text(error, "code");
        }
        return new ProviderError(type, Json.text(error, "message"), Json.text(error.path("details"), "error_code"));
    }
}
