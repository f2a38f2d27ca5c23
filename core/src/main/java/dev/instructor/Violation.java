package dev.instructor;

import dev.instructor.json.JsonPointer;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One reason a model's answer is not acceptable, as data: where (a JSON Pointer in the document the model wrote, so
 * JSON property names and the provider-side wrapper such as {@code /items/1/blurb}), what is wrong, and the value
 * that was rejected. Violations are what a re-ask sends back to the model; {@link #render(Collection)} formats them.
 * {@link ResponseModel#valuePath(JsonPointer)} gives the path in the caller's value, without the wrapper.
 *
 * @param path where the rejected value is; the root pointer for the whole answer
 * @param message what is wrong, e.g. {@code size must be between 0 and 140}
 * @param rejectedValue the offending value, or {@code null} when there is none to show
 */
public record Violation(JsonPointer path, String message, Object rejectedValue) {
    /** How many violations {@link #render(Collection)} writes out before it only counts the rest. */
    public static final int RENDERED_LIMIT = 50;

    /** Checks the components; {@code rejectedValue} may be null. */
    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Returns a violation at {@code path} without a rejected value.
     *
     * @param path RFC 6901 text such as {@code "/title"}, or {@code ""} for the root
     * @param message what is wrong
     * @throws IllegalArgumentException when {@code path} is not a JSON Pointer
     */
    public static Violation of(String path, String message) {
        return new Violation(JsonPointer.parse(path), message, null);
    }

    /**
     * Returns a violation at {@code path} rejecting {@code rejectedValue}.
     *
     * @param path RFC 6901 text such as {@code "/title"}, or {@code ""} for the root
     * @param message what is wrong
     * @param rejectedValue the offending value
     * @throws IllegalArgumentException when {@code path} is not a JSON Pointer
     */
    public static Violation of(String path, String message, Object rejectedValue) {
        return new Violation(JsonPointer.parse(path), message, rejectedValue);
    }

    /** Returns this violation with {@code prefix} put in front of its path. */
    Violation under(JsonPointer prefix) {
        if (prefix.isRoot()) {
            return this;
        }
        List<String> segments = new ArrayList<>(prefix.segments());
        segments.addAll(path.segments());
        return new Violation(JsonPointer.of(segments), message, rejectedValue);
    }

    /**
     * Renders this violation as one line for the model, e.g.
     * {@code `/items/1/blurb`: size must be between 0 and 140 (was: "Capture ideas...")}. Long rejected values are
     * shortened; collections show their size, other objects are not shown.
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append('`')
                .append(path.isRoot() ? "(root)" : path.toString())
                .append("`: ")
                .append(message);
        String shown = show(rejectedValue);
        if (shown != null) {
            out.append(" (was: ").append(shown).append(')');
        }
        return out.toString();
    }

    /**
     * Renders violations one per line, in order, for a re-ask prompt, an exception message or a log. At most the
     * first {@value #RENDERED_LIMIT} are written, then one line saying how many more there are: a model that got a
     * ten-thousand-item list wrong gets a prompt of bounded size, and so does a log. The violations themselves stay
     * complete wherever they are carried ({@link ValidationException#violations()}, for one).
     *
     * @param violations the violations; may be empty
     */
    public static String render(Collection<Violation> violations) {
        StringBuilder out = new StringBuilder();
        int written = 0;
        for (Violation violation : violations) {
            if (written == RENDERED_LIMIT) {
                int more = violations.size() - written;
                out.append("\n(and ")
                        .append(more)
                        .append(more == 1 ? " more violation" : " more violations")
                        .append(" not listed)");
                break;
            }
            if (written > 0) {
                out.append('\n');
            }
            out.append(violation.render());
            written++;
        }
        return out.toString();
    }

    /** Escapes {@code text} as in a JSON string, so that a value with line breaks stays on its line. */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String show(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence) {
            String text = value.toString();
            if (text.length() > 120) {
                int end = Character.isHighSurrogate(text.charAt(116)) ? 116 : 117; // no half of a surrogate pair
                text = text.substring(0, end) + "...";
            }
            return '"' + escape(text) + '"';
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Enum) {
            return value.toString();
        }
        if (value instanceof Collection) {
            int size = ((Collection<?>) value).size();
            return size + (size == 1 ? " item" : " items");
        }
        if (value instanceof Map) {
            int size = ((Map<?, ?>) value).size();
            return size + (size == 1 ? " entry" : " entries");
        }
        if (value instanceof TemporalAccessor || value instanceof UUID) {
            return value.toString();
        }
        return null;
    }
}
