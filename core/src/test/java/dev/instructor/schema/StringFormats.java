package dev.instructor.schema;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The string formats our schemas name, checked as strictly as a provider that enforces them would: RFC 3339 dates,
 * date-times and times (with seconds and an offset), ISO 8601 durations, UUIDs and absolute URIs. A format outside
 * this list passes.
 */
final class StringFormats {
    private static final String TIME =
            "([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d+)?([Zz]|[+-]([01]\\d|2[0-3]):[0-5]\\d)";

    private static final Map<String, Predicate<String>> FORMATS = Map.of(
            "date",
            StringFormats::isDate,
            "date-time",
            value -> value.length() > 10
                    && isDate(value.substring(0, 10))
                    && (value.charAt(10) == 'T' || value.charAt(10) == 't')
                    && value.substring(11).matches(TIME),
            "time",
            value -> value.matches(TIME),
            "duration",
            matching("P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?"),
            "uuid",
            matching("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"),
            "uri",
            StringFormats::isAbsoluteUri);

    private StringFormats() {}

    /** Whether {@code value} is in {@code format}, or {@code format} is not one this class knows. */
    static boolean conforms(String format, String value) {
        return FORMATS.getOrDefault(format, any -> true).test(value);
    }

    private static Predicate<String> matching(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return value -> pattern.matcher(value).matches();
    }

    private static boolean isDate(String value) {
        if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return false;
        }
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isAbsoluteUri(String value) {
        try {
            return new URI(value).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
