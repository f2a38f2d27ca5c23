package dev.instructor.gemini;

import dev.instructor.internal.transport.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Turns Vertex AI's streamed function arguments ({@code functionCall.partialArgs}: values addressed by JSON path,
 * strings continued while {@code willContinue} is true) back into JSON text, written as the pieces arrive so the
 * structured output streams like any other. Paths arrive in document order, so containers are opened and closed
 * by comparing each path with the previous one.
 */
final class PartialArgsWriter {
    private final Consumer<String> out;
    // Open containers below the root: the path segment (String key or Integer index) leading into each.
    private final List<Object> open = new ArrayList<>();
    // Per open container, root first: its closing bracket and whether it has a member yet.
    private final List<Character> closers = new ArrayList<>();
    private final List<Boolean> hasMembers = new ArrayList<>();
    private List<Object> openString;
    private boolean finished;

    PartialArgsWriter(Consumer<String> out) {
        this.out = out;
    }

    /** Writes one {@code partialArgs} entry. */
    void accept(JsonNode entry) {
        if (finished) {
            return;
        }
        List<Object> path = parse(Json.text(entry, "jsonPath"));
        boolean continues = entry.path("willContinue").asBoolean(false);
        if (path.equals(openString)) {
            out.accept(escaped(Json.text(entry, "stringValue")) + (continues ? "" : "\""));
            openString = continues ? path : null;
            return;
        }
        StringBuilder text = new StringBuilder();
        if (openString != null) {
            text.append('"'); // A string left open by a missing terminator.
            openString = null;
        }
        if (closers.isEmpty()) {
            text.append('{');
            closers.add('}');
            hasMembers.add(false);
        }
        moveTo(path, text);
        member(path.get(path.size() - 1), text);
        if (entry.has("stringValue")) {
            text.append('"').append(escaped(Json.text(entry, "stringValue")));
            if (continues) {
                openString = path;
            } else {
                text.append('"');
            }
        } else if (entry.has("numberValue")) {
            text.append(entry.path("numberValue").toString());
        } else if (entry.has("boolValue")) {
            text.append(entry.path("boolValue").asBoolean());
        } else {
            text.append("null");
        }
        out.accept(text.toString());
    }

    /** Closes every open container; the arguments are complete. */
    void finish() {
        if (finished || closers.isEmpty()) {
            finished = true;
            return;
        }
        StringBuilder text = new StringBuilder();
        if (openString != null) {
            text.append('"');
        }
        for (int i = closers.size() - 1; i >= 0; i--) {
            text.append(closers.get(i));
        }
        finished = true;
        out.accept(text.toString());
    }

    boolean started() {
        return !closers.isEmpty();
    }

    /** Closes and opens containers so the innermost open one is the parent of {@code path}'s leaf. */
    private void moveTo(List<Object> path, StringBuilder text) {
        List<Object> container = path.subList(0, path.size() - 1);
        int common = 0;
        while (common < open.size()
                && common < container.size()
                && open.get(common).equals(container.get(common))) {
            common++;
        }
        while (open.size() > common) {
            open.remove(open.size() - 1);
            hasMembers.remove(hasMembers.size() - 1);
            text.append(closers.remove(closers.size() - 1));
        }
        for (int i = common; i < container.size(); i++) {
            member(container.get(i), text);
            boolean array = path.get(i + 1) instanceof Integer;
            open.add(container.get(i));
            closers.add(array ? ']' : '}');
            hasMembers.add(false);
            text.append(array ? '[' : '{');
        }
    }

    /** Writes the separator and key that start a member of the innermost open container. */
    private void member(Object segment, StringBuilder text) {
        int last = hasMembers.size() - 1;
        if (hasMembers.get(last)) {
            text.append(',');
        }
        hasMembers.set(last, true);
        if (segment instanceof String key) {
            text.append(Json.MAPPER.writeValueAsString(key)).append(':');
        }
    }

    private static String escaped(String value) {
        String quoted = Json.MAPPER.writeValueAsString(value);
        return quoted.substring(1, quoted.length() - 1);
    }

    /** Parses {@code $.a.b[0]['c d']} into segments: Strings for keys, Integers for indexes. */
    static List<Object> parse(String jsonPath) {
        List<Object> segments = new ArrayList<>();
        int i = jsonPath.startsWith("$") ? 1 : 0;
        while (i < jsonPath.length()) {
            char c = jsonPath.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < jsonPath.length() && jsonPath.charAt(end) != '.' && jsonPath.charAt(end) != '[') {
                    end++;
                }
                segments.add(jsonPath.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int end = jsonPath.indexOf(']', i);
                String inside = jsonPath.substring(i + 1, end < 0 ? jsonPath.length() : end);
                if (inside.startsWith("'") || inside.startsWith("\"")) {
                    segments.add(inside.substring(1, inside.length() - 1));
                } else {
                    segments.add(Integer.valueOf(inside));
                }
                i = end < 0 ? jsonPath.length() : end + 1;
            } else {
                throw new IllegalArgumentException("unsupported JSON path: " + jsonPath);
            }
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("empty JSON path: " + jsonPath);
        }
        return segments;
    }
}
