package dev.instructor.internal.schema;

/**
 * Tells whether a Java regular expression uses only the constructs a JSON Schema (ECMA-262) {@code pattern} reads the
 * same way. Java has many that ECMA-262 lacks or reads otherwise: {@code \Q...\E} quoting, inline flags
 * ({@code (?i)}), atomic groups ({@code (?>...)}), possessive quantifiers ({@code a++}), classes such as
 * {@code \p{Alpha}}, {@code \h} and {@code \R}, nested classes and intersections ({@code [a-z&&[^e]]}); ECMA reads most
 * as other characters or rejects them, so the model would be asked for values validation rejects.
 *
 * <p>The rule is conservative, an allow-list: literal characters, {@code . ^ $ |}, groups {@code (...)},
 * {@code (?:...)}, lookaheads {@code (?=...)} and {@code (?!...)}, greedy and lazy quantifiers, flat classes with
 * ranges, the escapes {@code \d \D \w \W} (ASCII in both without flags), {@code \s \S \b \B}, {@code \t \n \r
 * \f}, {@code \xhh}, {@code \\uhhhh} and escaped syntax characters. Anything else makes the pattern one to describe
 * instead.
 *
 * <p>{@code \s} and {@code \b} read ASCII text alike, and differ beyond it (ECMA's {@code \s} also takes Unicode
 * spaces such as U+00A0; Java 17's {@code \b} sees letters past ASCII as word characters). They are common in
 * constraints on names and phrases, so they are written: the pattern steers the model to ordinary spaces and words,
 * and the rare value that tells them apart is caught by validation, as every value is.
 */
final class EcmaPatterns {
    private static final String SYNTAX = "^$\\.*+?()[]{}|/";

    private EcmaPatterns() {}

    /** Returns true when ECMA-262 reads {@code pattern} (a Java regular expression) as Java does. */
    static boolean readsAlike(String pattern) {
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            int next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : -1;
            if (c == '\\') {
                int length = escapeLength(pattern, i, inClass);
                if (length < 0) {
                    return false;
                }
                i += length - 1;
            } else if (inClass) {
                // A nested class or an intersection is a Java union or && there, literal characters in ECMA.
                if (c == '[' || (c == '&' && next == '&')) {
                    return false;
                }
                inClass = c != ']';
            } else if (c == '[') {
                int first = next == '^' ? i + 2 : i + 1;
                // A ] first is literal in Java, an empty class in ECMA.
                if (first >= pattern.length() || pattern.charAt(first) == ']') {
                    return false;
                }
                inClass = true;
                i = first - 1;
            } else if (c == '(' && next == '?') {
                int kind = i + 2 < pattern.length() ? pattern.charAt(i + 2) : -1;
                if (kind != ':' && kind != '=' && kind != '!') {
                    return false; // inline flags, atomic groups, lookbehinds, named groups
                }
                i += 2;
            } else if (c == '*' || c == '+' || c == '?' || c == '{') {
                int end = c == '{' ? quantifierEnd(pattern, i) : i;
                if (end < 0) {
                    return false;
                }
                i = end;
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '+') {
                    return false; // possessive
                }
            } else if (c == ']' || c == '}') {
                return false; // literal in Java, a syntax error in ECMA's Unicode mode
            }
        }
        return !inClass;
    }

    /** Returns the length of the escape at {@code at} if ECMA reads it as Java does, else -1. */
    private static int escapeLength(String pattern, int at, boolean inClass) {
        if (at + 1 == pattern.length()) {
            return -1;
        }
        char c = pattern.charAt(at + 1);
        if ("dDwWsSbBtnrf".indexOf(c) >= 0 || SYNTAX.indexOf(c) >= 0 || (inClass && c == '-')) {
            return 2;
        }
        int digits = c == 'x' ? 2 : c == 'u' ? 4 : 0;
        if (digits == 0 || at + 2 + digits > pattern.length()) {
            return -1;
        }
        for (int i = at + 2; i < at + 2 + digits; i++) {
            if (Character.digit(pattern.charAt(i), 16) < 0) {
                return -1;
            }
        }
        return 2 + digits;
    }

    /** Returns the index of the {@code }} ending the {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code at}, or -1. */
    private static int quantifierEnd(String pattern, int at) {
        int close = pattern.indexOf('}', at);
        if (close < 0 || !pattern.substring(at + 1, close).matches("[0-9]+(,[0-9]*)?")) {
            return -1;
        }
        return close + 1 < pattern.length() && pattern.charAt(close + 1) == '?' ? close + 1 : close;
    }
}
