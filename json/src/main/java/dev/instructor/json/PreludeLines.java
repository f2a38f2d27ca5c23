package dev.instructor.json;

/**
 * The line count of lenient mode's prelude. The prelude is the start of the document, so it counts the lines itself:
 * a carriage return, a line feed, or both in a row end a line, as in Markdown, and a model's text may use any of them.
 * {@link JsonStateMachine} takes the count over where the value starts, for its errors and for the value's.
 */
final class PreludeLines {
    private long line = 1;
    private long lineStart;
    /** Where the last carriage return read is, so that the line feed right after it ends no other line. */
    private long lastCarriageReturn = -1;

    /** Counts the line break {@code c}, a carriage return or a line feed, read at document offset {@code at}. */
    void lineBreak(char c, long at) {
        if (c == '\r' || lastCarriageReturn != at - 1) {
            line++;
        }
        if (c == '\r') {
            lastCarriageReturn = at;
        }
        lineStart = at + 1;
    }

    /** Returns the line of the next char, counted from 1. */
    long line() {
        return line;
    }

    /** Returns the document offset of the first char of the current line. */
    long lineStart() {
        return lineStart;
    }

    /** Returns the column, counted from 1, of the char at document offset {@code at} on the current line. */
    long column(long at) {
        return at - lineStart + 1;
    }
}
