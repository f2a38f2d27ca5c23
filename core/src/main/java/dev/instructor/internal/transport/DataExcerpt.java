package dev.instructor.internal.transport;

/**
 * The start of stream data a provider sent that could not be read, for an error message: enough to recognise an HTML
 * error page or a proxy's text, kept on one line so it does not break log formats.
 */
final class DataExcerpt {
    private static final int MAX_CHARS = 200;

    private DataExcerpt() {}

    /** Returns the first 200 chars of {@code data} with line breaks and controls escaped, and {@code ...} if cut. */
    static String of(String data) {
        int end = Math.min(data.length(), MAX_CHARS);
        if (end < data.length() && Character.isHighSurrogate(data.charAt(end - 1))) {
            end--; // Do not cut a character in two.
        }
        StringBuilder out = new StringBuilder(end + 8);
        for (int i = 0; i < end; i++) {
            char c = data.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (end < data.length()) {
            out.append("...");
        }
        return out.toString();
    }
}
