package dev.instructor.internal.transport;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
 * @param detailCode the finer code: {@code error.details.error_code} (Anthropic), or the {@code quotaId} of a
 *     {@code google.rpc.QuotaFailure} in {@code error.details} (Gemini; a daily quota's first); {@code ""} if none
 */
public record ProviderError(String type, String message, String detailCode) {
    private static final int MAX_TEXT = 500;
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
        String trimmed = withoutByteOrderMark(text).strip();
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

    /**
     * Reads the data of an SSE {@code error} event like an HTTP error body: a proxy may put plain text there, which is
     * the error all the same.
     */
    public static ProviderError fromEventData(String data) {
        return fromBody(data.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns {@code text}, or for an HTML page its title or else its text without markup, on one line. */
    static String readable(String text) {
        String trimmed = withoutByteOrderMark(text).strip();
        return isHtml(trimmed) ? htmlSummary(trimmed) : text;
    }

    /** A byte order mark is no text of the body's: {@code String.strip()} keeps it, as it is no white space. */
    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
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
        // The first 64 KiB hold the title of any page. Read by scans that never go back, not regular expressions,
        // whose lazy matches would rescan the rest of the page from each '<' left unclosed.
        String page = html.substring(0, Math.min(html.length(), 64 << 10));
        String summary = title(page);
        if (summary.isBlank()) {
            summary = text(page);
        }
        summary = summary.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&");
        return SPACE.matcher(summary).replaceAll(" ").strip();
    }

    /** Returns the content of the page's first title element, {@code ""} when it has none. */
    private static String title(String page) {
        int open = indexOfTag(page, "<title", 0);
        int start = open < 0 ? -1 : page.indexOf('>', open);
        int end = start < 0 ? -1 : indexOfIgnoreCase(page, "</title", start + 1);
        return end < 0 ? "" : page.substring(start + 1, end);
    }

    /**
     * Returns the page's text without its tags, comments, and script, style and head elements, each replaced by a
     * space. Markup left unclosed ends the text: what follows it is markup too.
     */
    private static String text(String page) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < page.length()) {
            char c = page.charAt(i);
            if (c != '<') {
                text.append(c);
                i++;
                continue;
            }
            int next;
            if (page.startsWith("<!--", i)) {
                int close = page.indexOf("-->", i + 4);
                next = close < 0 ? -1 : close + 3;
            } else {
                next = page.indexOf('>', i);
                String hidden = hiddenElement(page, i);
                if (next >= 0 && hidden != null) {
                    int close = indexOfIgnoreCase(page, "</" + hidden, next + 1);
                    next = close < 0 ? -1 : page.indexOf('>', close);
                }
                next = next < 0 ? -1 : next + 1;
            }
            if (next < 0) {
                break;
            }
            text.append(' ');
            i = next;
        }
        return text.toString();
    }

    /** Returns the name of the script, style or head element whose start tag is at {@code i}, else null. */
    private static String hiddenElement(String page, int i) {
        for (String name : new String[] {"script", "style", "head"}) {
            int after = i + 1 + name.length();
            if (page.regionMatches(true, i + 1, name, 0, name.length()) && endsName(page, after)) {
                return name;
            }
        }
        return null;
    }

    /** Returns where a start tag {@code open} (such as {@code "<title"}) is found from {@code from} on, else -1. */
    private static int indexOfTag(String page, String open, int from) {
        int at = indexOfIgnoreCase(page, open, from);
        while (at >= 0) {
            if (endsName(page, at + open.length())) {
                return at;
            }
            at = indexOfIgnoreCase(page, open, at + 1);
        }
        return -1;
    }

    /** Returns whether a tag's name ends before {@code at}: so {@code <header>} is no {@code <head>}. */
    private static boolean endsName(String page, int at) {
        char next = at < page.length() ? page.charAt(at) : '>';
        return next == '>' || next == '/' || Character.isWhitespace(next);
    }

    private static int indexOfIgnoreCase(String text, String part, int from) {
        for (int i = Math.max(0, from); i <= text.length() - part.length(); i++) {
            if (text.regionMatches(true, i, part, 0, part.length())) {
                return i;
            }
        }
        return -1;
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
        return new ProviderError(type, Json.text(error, "message"), detailCode(error.path("details")));
    }

    private static String detailCode(JsonNode details) {
        if (!details.isArray()) {
            return Json.text(details, "error_code");
        }
        String quota = "";
        for (JsonNode detail : details) {
            if (Json.text(detail, "@type").endsWith("google.rpc.QuotaFailure")) {
                for (JsonNode violation : detail.path("violations")) {
                    String id = Json.text(violation, "quotaId");
                    // A daily quota decides whether retrying can help (see RetryPolicy), whatever else was exceeded.
                    if (id.contains(RetryPolicy.DAILY_QUOTA)) {
                        return id;
                    }
                    quota = quota.isEmpty() ? id : quota;
                }
            }
        }
        return quota;
    }
}
