package dev.instructor.internal.schema;

import java.util.Optional;

/**
 * Translates a date-time pattern ({@code @JsonFormat(pattern = "dd.MM.yyyy")}, in {@code DateTimeFormatter} or
 * {@code SimpleDateFormat} letters) into a regular expression for the strings it parses, so that a schema can ask for
 * exactly those. Only numeric fields, AM/PM, quoted literals and punctuation are translated; a pattern with text
 * fields (month or day names), zones, optional sections or other letters gives none, and the caller describes it in
 * words instead.
 */
final class DatePatterns {
    private DatePatterns() {}

    /** The anchored regular expression for {@code pattern}, if every part of it is one this class translates. */
    static Optional<String> regex(String pattern) {
        StringBuilder regex = new StringBuilder("^");
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int run = 1;
            while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
                run++;
            }
            if (c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                if (end < 0) {
                    return Optional.empty();
                }
                String literal = end == i + 1 ? "'" : pattern.substring(i + 1, end);
                regex.append(escape(literal));
                i = end + 1;
                continue;
            }
            if (Character.isLetter(c)) {
                String part = field(c, run);
                if (part == null) {
                    return Optional.empty();
                }
                regex.append(part);
            } else if (c == '[' || c == ']' || c == '{' || c == '}' || c == '#') {
                return Optional.empty(); // optional sections and reserved characters
            } else {
                regex.append(escape(String.valueOf(c).repeat(run)));
            }
            i += run;
        }
        return Optional.of(regex.append('$').toString());
    }

    /** {@code literal} as a regular expression in the syntax JSON Schema uses (ECMA-262), which has no quoting. */
    private static String escape(String literal) {
        StringBuilder escaped = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** The expression for {@code count} repetitions of the pattern letter {@code letter}, or null. */
    private static String field(char letter, int count) {
        return switch (letter) {
            case 'y', 'u' -> count == 1 ? "[0-9]+" : "[0-9]{" + count + "}";
            case 'M', 'L', 'd', 'H', 'h', 'k', 'K', 'm', 's' ->
                count == 1 ? "[0-9]{1,2}" : count == 2 ? "[0-9]{2}" : null;
            case 'D' -> count <= 3 ? "[0-9]{" + count + ",3}" : null;
            case 'S' -> "[0-9]{" + count + "}";
            case 'a' -> count == 1 ? "(AM|PM)" : null;
            default -> null;
        };
    }
}
