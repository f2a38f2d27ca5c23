package dev.instructor.internal.transport;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern TITLE =
            Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern HIDDEN = Pattern.compile(
            "<!--.*?-->|<(script|style|head)[^>]*>.*?</\\1>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    /**
     * Creates an error without a detail code.
     *
     * @param type the error type or code, {@code ""} if none
     * @param message the error message, {@code ""} if none
     */
    public ProviderError(String type, String message) {
        this(type, message, "");
    }

    /**
     * Reads an HTTP error body, falling back to its text when it is not JSON or holds neither type nor message: for an
     * HTML page (a proxy's or CDN's), its title, or else its text without markup.
     */
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
        if (isHtml(trimmed)) {
            // A proxy's or CDN's error page: its markup says nothing, its title (or else its text) says what happened.
            trimmed = htmlSummary(trimmed);
        }
        if (trimmed.length() <= MAX_TEXT) {
            return new ProviderError("", trimmed);
        }
        // Never keep half of a surrogate pair, like the SSE error cap: alone it would show as U+FFFD.
        int end = Character.isHighSurrogate(trimmed.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
        return new ProviderError("", trimmed.substring(0, end));
    }

    /** Returns {@code text}, or for an HTML page its title or else its text without markup, on one line. */
    static String readable(String text) {
        String trimmed = text.strip();
        return isHtml(trimmed) ? htmlSummary(trimmed) : text;
    }

    private static boolean isHtml(String text) {
        if (!text.startsWith("<")) {
            return false;
        }
        String head = text.substring(0, Math.min(text.length(), 1024)).toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.contains("<html") || head.contains("<body");
    }

    /** Returns a page's title, or else its text without markup, on one line; {@code ""} for neither. */
    private static String htmlSummary(String html) {
        // The first 64 KiB, which hold the title of any page, bound the regular expressions' work.
        String page = html.substring(0, Math.min(html.length(), 64 << 10));
        Matcher title = TITLE.matcher(page);
        String summary = title.find() ? title.group(1) : "";
        if (summary.isBlank()) {
            summary = TAG.matcher(HIDDEN.matcher(page).replaceAll(" ")).replaceAll(" ");
        }
        summary = summary.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&");
        return SPACE.matcher(summary).replaceAll(" ").strip();
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
