package dev.instructor.sse.internal;

/**
 * Writes Server-Sent Events: optional {@code id} and {@code event} lines, one {@code data} line per line of the
 * payload, and the blank line that ends the event.
 *
 * <p>{@code id} and {@code event} lose any CR or LF, and the payload is split at line ends, so no value can end an
 * event early or inject a field of its own.
 */
public final class SseFrames {
    /** The heartbeat comment. */
    public static final String PING = ": ping\n\n";

    private SseFrames() {}

    /**
     * Returns one event.
     *
     * @param id the id line's value, or null for none
     * @param name the event name, or null for an unnamed event
     * @param data the payload; each of its lines becomes a {@code data} line
     * @param space whether to write a space after {@code data:} (the snapshot format and named events do; the delta
     *     format's patches do not, to save a byte on the most frequent event)
     */
    public static String event(String id, String name, String data, boolean space) {
        StringBuilder out = new StringBuilder(data.length() + 32);
        if (id != null) {
            out.append("id: ").append(stripLineEnds(id)).append('\n');
        }
        if (name != null) {
            out.append("event: ").append(stripLineEnds(name)).append('\n');
        }
        int start = 0;
        while (true) {
            int end = nextLineEnd(data, start);
            out.append(space ? "data: " : "data:").append(data, start, end).append('\n');
            if (end == data.length()) {
                break;
            }
            // CRLF is one line end, as the SSE parser reads it.
            start = data.startsWith("\r\n", end) ? end + 2 : end + 1;
        }
        return out.append('\n').toString();
    }

    private static int nextLineEnd(String data, int from) {
        for (int i = from; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return data.length();
    }

    private static String stripLineEnds(String value) {
        return value.indexOf('\n') < 0 && value.indexOf('\r') < 0
                ? value
                : value.replace("\r", "").replace("\n", "");
    }
}
