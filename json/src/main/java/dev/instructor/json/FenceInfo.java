package dev.instructor.json;

import java.util.Locale;

/**
 * The info line of a Markdown fence being read, after its run: what tells a json fence from a fence of code, and a
 * fence opened inside a line from inline code.
 */
final class FenceInfo {
    /** How many chars of a fence's info line are kept, after its leading spaces or tabs. */
    private static final int LENGTH = 64;

    /** The info line, up to its first {@link #LENGTH} chars after spaces or tabs. */
    private final StringBuilder info = new StringBuilder();
    /** How far the label of a fence opened inside a line is read: 0 before it, 1 in it, 2 after it. */
    private int midLineLabel;

    /** Starts the info line of a new fence. */
    void clear() {
        info.setLength(0);
        midLineLabel = 0;
    }

    /** Returns true when the info line holds nothing but spaces or tabs so far. */
    boolean isEmpty() {
        return info.length() == 0;
    }

    /**
     * Keeps the info line's first {@link #LENGTH} chars after the spaces or tabs that start it: enough for the label,
     * or for attributes before their json class, however far the line goes on.
     */
    void append(char c) {
        boolean leadingBlank = info.length() == 0 && (c == ' ' || c == '\t');
        if (!leadingBlank && info.length() < LENGTH) {
            info.append(c);
        }
    }

    /**
     * Returns true when {@code c}, on the info line of a fence opened inside a line, may be part of a label alone, as
     * in {@code Here:```json}: false for a quote mark, which shows the run written about ({@code "```json"}), and for
     * a second word ({@code wrap it in ```json and ```}). CommonMark opens no fence inside a line: such a run is inline
     * code, which a model writes when it quotes the marker rather than opens a fence.
     */
    boolean labelGoesOn(char c) {
        boolean blank = c == ' ' || c == '\t';
        if (c == '"' || c == '\'' || c == '\u201c' || c == '\u201d' || c == '\u2018' || c == '\u2019') {
            return false;
        }
        if (midLineLabel == 2 && !blank) {
            return false;
        }
        if (blank) {
            midLineLabel = midLineLabel == 0 ? 0 : 2;
        } else {
            midLineLabel = 1;
        }
        return true;
    }

    /**
     * Returns true when the info read so far is labeled json, jsonc or json5: its first word, or, in attributes such
     * as <code>&#123;#out .json .numberLines&#125;</code> (Pandoc, markdown-it-attrs), its first class.
     */
    boolean isJsonLabel() {
        String text = info.toString().strip();
        String language = "";
        if (text.startsWith("{")) {
            int close = text.indexOf('}');
            for (String word :
                    text.substring(1, close < 0 ? text.length() : close).strip().split("\\s+")) {
                if (word.startsWith(".")) {
                    language = word.substring(1);
                    break;
                }
            }
        } else {
            int space = 0;
            while (space < text.length() && !Character.isWhitespace(text.charAt(space))) {
                space++;
            }
            language = text.substring(0, space);
        }
        language = language.toLowerCase(Locale.ROOT);
        return language.equals("json") || language.equals("jsonc") || language.equals("json5");
    }
}
