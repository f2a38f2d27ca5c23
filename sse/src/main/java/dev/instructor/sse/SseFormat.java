package dev.instructor.sse;

import dev.instructor.sse.internal.AcceptHeader;
import java.util.Locale;

/**
 * The two ways a structured stream's progress goes on the wire (docs/wire-format.md): the whole partial value in
 * each event, or only what changed.
 */
public enum SseFormat {
    /** Each progress event carries the whole partial value; the default, as the Instructor guide's endpoint. */
    SNAPSHOT("snapshot"),
    /** Each progress event carries ops on JSON Pointer paths; bytes grow linearly with the output. */
    DELTA("delta");

    private final String wireName;

    SseFormat(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name used in {@code Accept}, the {@code format} query parameter and {@code X-Instructor-Format}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Chooses the format a request asks for: the {@code format} query parameter when present, otherwise the format
     * {@code Accept} prefers (docs/wire-format.md, section 1: each format gets the {@code q} of the most specific range
     * that matches it, as RFC 9110 says, {@code text/event-stream; format=delta} naming the delta format; the higher
     * {@code q} wins, the first of equals), otherwise snapshot, also when {@code Accept} refuses both formats.
     *
     * @param accept the {@code Accept} header, or null
     * @param formatQuery the {@code format} query parameter, or null when absent; its value is compared without regard
     *     to case, as {@code Accept}'s {@code format} parameter is
     * @throws IllegalArgumentException when {@code formatQuery} is present but names no format (a bad request);
     *     an unknown {@code Accept} parameter is ignored instead, as the wire format says
     */
    public static SseFormat negotiate(String accept, String formatQuery) {
        if (formatQuery != null) {
            // The same tokens as Accept's format parameter, so the same comparison: DELTA there is DELTA here. Lower
            // case rather than equalsIgnoreCase, which takes a long s (U+017F) for an s.
            String name = formatQuery.toLowerCase(Locale.ROOT);
            for (SseFormat format : values()) {
                if (format.wireName.equals(name)) {
                    return format;
                }
            }
            throw new IllegalArgumentException(
                    "format must be \"snapshot\" or \"delta\", got \"" + printable(formatQuery) + "\"");
        }
        SseFormat preferred = AcceptHeader.preferred(accept);
        return preferred == null ? SNAPSHOT : preferred; // refused: the adapters answer 406 before asking
    }

    // The message may reach a browser: keep it short and free of control characters.
    private static String printable(String value) {
        // The cut steps back over the first half of a surrogate pair, which alone would show as U+FFFD.
        int end = value.length() > 40 && Character.isHighSurrogate(value.charAt(39)) ? 39 : 40;
        String shown = value.length() > 40 ? value.substring(0, end) + "…" : value;
        return shown.replaceAll("[\\p{Cntrl}\"\\\\]", "?");
    }
}
