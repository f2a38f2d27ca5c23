package dev.instructor.sse;

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
     * Chooses the format a request asks for: the {@code format} query parameter when present, otherwise the
     * {@code format} parameter of the {@code text/event-stream} range in {@code Accept}, otherwise snapshot.
     *
     * @param accept the {@code Accept} header, or null
     * @param formatQuery the {@code format} query parameter, or null when absent
     * @throws IllegalArgumentException when {@code formatQuery} is present but names no format (a bad request);
     *     an unknown {@code Accept} parameter is ignored instead, as the wire format says
     */
    public static SseFormat negotiate(String accept, String formatQuery) {
        if (formatQuery != null) {
            for (SseFormat format : values()) {
                if (format.wireName.equals(formatQuery)) {
                    return format;
                }
            }
            throw new IllegalArgumentException(
                    "format must be \"snapshot\" or \"delta\", got \"" + printable(formatQuery) + "\"");
        }
        return accept == null ? SNAPSHOT : fromAccept(accept);
    }

    /**
     * Returns the format of the {@code text/event-stream} range the client prefers: the highest {@code q} (1 when
     * absent), the first of equals; a range with {@code q=0} is one the client refuses.
     */
    private static SseFormat fromAccept(String accept) {
        SseFormat best = SNAPSHOT;
        double bestWeight = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            if (!parts[0].trim().equalsIgnoreCase("text/event-stream")) {
                continue;
            }
            SseFormat format = SNAPSHOT;
            double weight = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                int equals = parameter.indexOf('=');
                if (equals <= 0) {
                    continue;
                }
                String name = parameter.substring(0, equals).trim().toLowerCase(Locale.ROOT);
                String value = unquote(parameter.substring(equals + 1).trim());
                if (name.equals("format")) {
                    format = value.equals(DELTA.wireName) ? DELTA : SNAPSHOT;
                } else if (name.equals("q")) {
                    weight = weight(value);
                }
            }
            if (weight > bestWeight) {
                best = format;
                bestWeight = weight;
            }
        }
        return best;
    }

    /** Reads a {@code q} value; one that is not a number counts as 1, as if absent. */
    private static double weight(String value) {
        try {
            double weight = Double.parseDouble(value);
            // "NaN" parses, and no comparison would ever pick it: it is not a number, so it counts as 1 too.
            return Double.isNaN(weight) ? 1 : Math.max(0, Math.min(1, weight));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }

    // The message may reach a browser: keep it short and free of control characters.
    private static String printable(String value) {
        // The cut steps back over the first half of a surrogate pair, which alone would show as U+FFFD.
        int end = value.length() > 40 && Character.isHighSurrogate(value.charAt(39)) ? 39 : 40;
        String shown = value.length() > 40 ? value.substring(0, end) + "…" : value;
        return shown.replaceAll("[\\p{Cntrl}\"\\\\]", "?");
    }
}
