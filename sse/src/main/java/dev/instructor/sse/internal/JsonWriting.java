package dev.instructor.sse.internal;

/**
 * Writes JSON string literals and JSON Pointer tokens for the event encoders.
 *
 * <p>Escapes exactly as the engine's {@code toJson()} does (the short escapes, other controls and lone surrogates
 * as {@code \\uXXXX}, everything else as itself), so that text sent in pieces by the delta format and text sent
 * whole by the snapshot format are the same characters.
 */
final class JsonWriting {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriting() {}

    /** Appends {@code text} from {@code start} as a quoted JSON string. */
    static void appendQuoted(String text, int start, StringBuilder out) {
        out.append('"');
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || isLoneSurrogate(text, start, i)) {
                        out.append("\\u")
                                .append(HEX[c >> 12 & 0xF])
                                .append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF])
                                .append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Returns {@code text} as a quoted JSON string. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        appendQuoted(text, 0, out);
        return out.toString();
    }

    /**
     * Returns JSON text with each lone surrogate written as {@code \\uXXXX}, as {@link #appendQuoted} writes it: a
     * mapper such as Jackson writes one raw, and UTF-8 cannot carry it (it would become {@code ?}). A surrogate can
     * only be inside a JSON string, where the escape means the same character.
     */
    static String escapeLoneSurrogates(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Character.isSurrogate(c) && isLoneSurrogate(json, 0, i)) {
                if (out == null) {
                    out = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                out.append("\\u")
                        .append(HEX[c >> 12 & 0xF])
                        .append(HEX[c >> 8 & 0xF])
                        .append(HEX[c >> 4 & 0xF])
                        .append(HEX[c & 0xF]);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? json : out.toString();
    }

    /** Appends {@code /token} with RFC 6901's escapes ({@code ~0} for {@code ~}, {@code ~1} for {@code /}). */
    static void appendPointerToken(String token, StringBuilder out) {
        out.append('/');
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            switch (c) {
                case '~' -> out.append("~0");
                case '/' -> out.append("~1");
                default -> out.append(c);
            }
        }
    }

    // A pair cut by the start of the piece counts as lone: each half is then escaped, and the client's string
    // concatenation rejoins them, whereas raw halves would not survive UTF-8.
    private static boolean isLoneSurrogate(String text, int start, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == start || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }
}
