package dev.instructor.testing;

import java.nio.charset.StandardCharsets;

/** The body of a scripted answer under construction: SSE events or NDJSON lines, each with JSON data. */
final class WireBody {
    private final StringBuilder text = new StringBuilder();
    private final String lineEnd;
    private int events;
    private int deltas;

    /** Creates a body whose SSE lines end with {@code lineEnd} ({@code \n}, or {@code \r\n} as Gemini sends). */
    WireBody(String lineEnd) {
        this.lineEnd = lineEnd;
    }

    /** Appends an SSE event; {@code name} is left out when null, as OpenAI Chat and Gemini do. */
    WireBody event(String name, Object data) {
        if (name != null) {
            text.append("event: ").append(name).append(lineEnd);
        }
        text.append("data: ").append(JsonText.write(data)).append(lineEnd).append(lineEnd);
        events++;
        return this;
    }

    /** Returns how many deltas the answer streams in this body (fewer than it has when an error cuts it). */
    int deltas() {
        return deltas;
    }

    void deltas(int count) {
        this.deltas = count;
    }

    /** Returns how many JSON events have been appended so far. */
    int events() {
        return events;
    }

    /** Appends an SSE event whose data is not JSON, such as OpenAI's {@code [DONE]}. */
    WireBody rawEvent(String data) {
        text.append("data: ").append(data).append(lineEnd).append(lineEnd);
        return this;
    }

    /** Appends one NDJSON line. */
    WireBody line(Object data) {
        text.append(JsonText.write(data)).append('\n');
        return this;
    }

    byte[] bytes() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
