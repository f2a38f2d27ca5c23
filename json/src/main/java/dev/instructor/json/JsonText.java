package dev.instructor.json;

import java.util.Arrays;

/** Writes JSON text: string literals, and whole trees without recursion. */
final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    /**
     * Appends {@code root} as compact JSON. Iterative, so that a tree as deep as the nesting limit allows renders
     * without a deep call stack.
     */
    static void render(PartialValue root, StringBuilder out) {
        render(root, out, false);
    }

    /**
     * Appends {@code root} as compact JSON; {@code written} shows the members of objects as they were written (see
     * {@link PartialValue#toWrittenJson()}).
     */
    static void render(PartialValue root, StringBuilder out, boolean written) {
        PartialValue[] containers = new PartialValue[8];
        int[] nextIndex = new int[8];
        int top = -1;
        PartialValue current = root;
        while (true) {
            // Dispatched on type(), not instanceof: on JDK 17 an instanceof against an interface that fails scans the
            // node's secondary supertypes, and this loop tests every node of the document.
            JsonType type = current.type();
            if (type == JsonType.OBJECT || type == JsonType.ARRAY) {
                out.append(type == JsonType.OBJECT ? '{' : '[');
                if (++top == containers.length) {
                    containers = Arrays.copyOf(containers, top * 2);
                    nextIndex = Arrays.copyOf(nextIndex, top * 2);
                }
                containers[top] = current;
                nextIndex[top] = 0;
            } else {
                current.appendJson(out);
            }
            current = null;
            while (top >= 0 && current == null) {
                PartialValue container = containers[top];
                int index = nextIndex[top];
                if (container.type() == JsonType.OBJECT) {
                    ObjectSnapshot object = (ObjectSnapshot) container;
                    if (index == (written ? object.writtenSize() : object.size())) {
                        out.append('}');
                        containers[top--] = null;
                        continue;
                    }
                    if (index > 0) {
                        out.append(',');
                    }
                    appendQuoted(written ? object.writtenKeyAt(index) : object.keyAt(index), out);
                    out.append(':');
                    current = written ? object.writtenValueAt(index) : object.valueAt(index);
                } else {
                    PartialArray array = (PartialArray) container;
                    if (index == array.size()) {
                        out.append(']');
                        containers[top--] = null;
                        continue;
                    }
                    if (index > 0) {
                        out.append(',');
                    }
                    current = array.get(index);
                }
                nextIndex[top] = index + 1;
            }
            if (current == null) {
                return;
            }
        }
    }

    static void appendQuoted(CharSequence text, StringBuilder out) {
        out.append('"');
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                appendEscaped(c, out);
            }
        }
        out.append('"');
    }

    static void appendQuoted(char[] text, int length, StringBuilder out) {
        out.append('"');
        // Runs of chars that need no escape are appended in bulk: one capacity check and one copy per run, where a
        // char at a time costs both per char (this renders whole documents, e.g. a stream's final value).
        int run = 0;
        for (int i = 0; i < length; i++) {
            char c = text[i];
            if (c >= ' ' && c != '"' && c != '\\' && (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text[i + 1])) {
                i++; // a well-formed pair is written as it is, with the run
                continue;
            }
            out.append(text, run, i - run);
            appendEscaped(c, out);
            run = i + 1;
        }
        out.append(text, run, length - run);
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
                // Control characters must be escaped; lone surrogates (callers pass pairs through) are escaped
                // too, so the output stays well-formed UTF-16 text that any JSON reader accepts.
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
