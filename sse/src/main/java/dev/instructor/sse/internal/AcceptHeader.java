package dev.instructor.sse.internal;

import dev.instructor.sse.SseFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads {@code Accept} for the only type a stream endpoint sends, {@code text/event-stream}, in its two formats: the one
 * parser of media ranges behind both the {@code 406} and the choice of format.
 *
 * <p>Implementation notes. RFC 9110, section 12.5.1: each format gets the quality of the most specific range that
 * matches it ({@code text/event-stream;format=delta} over {@code text/event-stream} over {@code text/*} over
 * {@code *}{@code /*}; of ranges equally specific, the highest); a type that no range matches, or whose range says
 * {@code q=0}, is not acceptable. The {@code format} parameter is the only one compared: another (a {@code charset})
 * is ignored, as the wire format says, and a {@code format} other than {@code delta} (compared without regard to
 * case, as the wire format defines its values) asks for the snapshot. A q value
 * is read as RFC 9110, section 12.4.2 writes it, 0 to 1 with at most three decimals, kept in thousandths so that no
 * floating point enters; one that breaks that grammar ({@code q=x}, {@code q=NaN}, {@code q=-0}, {@code q=0x0},
 * {@code q=2}, {@code q=0.0001}) counts as absent, that is 1: RFC 9110 leaves the reading of a broken value open, and
 * a malformed header should not cost a client its answer. Quoted strings may hold commas and semicolons; a backslash
 * in one escapes the character after it (a quoted-pair), which is what the value holds.
 */
public final class AcceptHeader {
    private static final Pattern Q_VALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");
    private static final int ANY_TYPE = 0;
    private static final int ANY_SUBTYPE = 1;
    private static final int EXACT = 2;
    private static final int EXACT_WITH_FORMAT = 3;

    /** One media range: how specific it is for an event stream, the format it names, and its q in thousandths. */
    private record Range(int specificity, SseFormat format, int quality, int position) {}

    /** The quality a format gets and the position of the range that gave it, for "the first of equals". */
    private record Grade(int quality, int position) {}

    private AcceptHeader() {}

    /**
     * Returns the format the client prefers of those it accepts: the one whose deciding range has the higher q, of
     * equals the one whose range comes first, of one range for both the snapshot; {@link SseFormat#SNAPSHOT} when
     * {@code accept} is null or lists no range; null when it accepts neither, which is a {@code 406}.
     *
     * @param accept the {@code Accept} header, every line joined with commas, or null
     */
    public static SseFormat preferred(String accept) {
        List<Range> ranges = accept == null ? List.of() : parse(accept);
        if (ranges.isEmpty()) {
            return SseFormat.SNAPSHOT; // no header, or only empty list elements: anything goes
        }
        Grade snapshot = grade(ranges, SseFormat.SNAPSHOT);
        Grade delta = grade(ranges, SseFormat.DELTA);
        if (snapshot.quality() == 0 && delta.quality() == 0) {
            return null;
        }
        if (delta.quality() > snapshot.quality()
                || delta.quality() == snapshot.quality() && delta.position() < snapshot.position()) {
            return SseFormat.DELTA;
        }
        return SseFormat.SNAPSHOT;
    }

    /**
     * Returns true when {@code accept} lists media ranges and none lets in {@code text/event-stream} in either format.
     *
     * @param accept the {@code Accept} header, every line joined with commas, or null
     */
    public static boolean refusesEventStream(String accept) {
        return preferred(accept) == null;
    }

    private static Grade grade(List<Range> ranges, SseFormat format) {
        int specificity = -1;
        Grade best = new Grade(0, Integer.MAX_VALUE);
        for (Range range : ranges) {
            if (range.specificity() < 0
                    || range.specificity() < specificity
                    || range.format() != null && range.format() != format) {
                continue;
            }
            if (range.specificity() > specificity || range.quality() > best.quality()) {
                specificity = range.specificity();
                best = new Grade(range.quality(), range.position());
            }
        }
        return best;
    }

    /** Returns the ranges that can match an event stream; those naming another type are left out. */
    private static List<Range> parse(String accept) {
        List<Range> ranges = new ArrayList<>();
        int position = 0;
        for (String element : split(accept, ',')) {
            if (element.isBlank()) {
                continue;
            }
            List<String> parts = split(element, ';');
            String mediaRange = parts.get(0).strip().toLowerCase(Locale.ROOT);
            int specificity = specificity(mediaRange);
            SseFormat format = null;
            int quality = 1000;
            for (int i = 1; i < parts.size(); i++) {
                String parameter = parts.get(i);
                int equals = parameter.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                String name = parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT);
                String value = unquote(parameter.substring(equals + 1).strip());
                if (name.equals("q")) {
                    quality = quality(value);
                } else if (name.equals("format") && specificity >= EXACT) {
                    // Our parameter, so our definition: its values are tokens compared without regard to case.
                    format = value.equalsIgnoreCase(SseFormat.DELTA.wireName()) ? SseFormat.DELTA : SseFormat.SNAPSHOT;
                    specificity = EXACT_WITH_FORMAT;
                }
            }
            // A range for another type still counts as listed: "Accept: application/json" refuses an event stream.
            ranges.add(new Range(specificity, format, quality, position++));
        }
        return ranges;
    }

    /** Returns how specifically {@code mediaRange} names {@code text/event-stream}, or -1 when it does not match. */
    private static int specificity(String mediaRange) {
        return switch (mediaRange) {
            case "text/event-stream" -> EXACT;
            case "text/*" -> ANY_SUBTYPE;
            case "*/*" -> ANY_TYPE;
            default -> -1;
        };
    }

    /** Returns a q value in thousandths: RFC 9110's grammar, or 1000 (as if absent) for one that breaks it. */
    static int quality(String value) {
        if (!Q_VALUE.matcher(value).matches()) {
            return 1000;
        }
        if (value.charAt(0) == '1') {
            return 1000;
        }
        String decimals = value.length() > 2 ? value.substring(2) : "";
        return decimals.isEmpty() ? 0 : Integer.parseInt((decimals + "00").substring(0, 3));
    }

    /** Splits at {@code separator} outside quoted strings; a backslash in a quoted string escapes the next char. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }

    /**
     * Returns a quoted string's content with each quoted-pair ({@code \\x}) read as the character it escapes (RFC 9110,
     * section 5.6.4); a value that is not one whole quoted string comes back as it is.
     */
    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"') {
            return value;
        }
        StringBuilder content = new StringBuilder(value.length());
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                content.append(value.charAt(++i));
            } else if (c == '"') {
                return i == value.length() - 1 ? content.toString() : value;
            } else {
                content.append(c);
            }
        }
        return value; // no closing quote
    }
}
