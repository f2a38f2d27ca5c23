package dev.instructor.json;

/** Writes JSON string literals. */
final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    static void appendQuoted(CharSequence text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            appendEscaped(text.charAt(i), out);
        }
        out.append('"');
    }

    static void appendQuoted(char[] text, int length, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < length; i++) {
            appendEscaped(text[i], out);
        }
        out.append('"');
    }

    private static void appendEscaped(char c, StringBuilder out) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            default -> {
                // Control characters must be escaped; lone surrogates are escaped too, so the output stays
                // well-formed UTF-16 text that any JSON reader accepts.
                if (c < 0x20 || Character.isSurrogate(c)) {
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
}
