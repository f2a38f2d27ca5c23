package dev.instructor.examples;

import java.io.PrintStream;

/**
 * Shows a sequence of one-line states on a terminal. On an interactive terminal each state re-draws the same line
 * (carriage return and erase-line); otherwise, as in a pipe or a log, each state is printed on a line of its own so
 * that nothing is lost.
 */
final class LiveLine {
    private static final String ERASE_LINE = "\r\033[2K";

    private final PrintStream out;
    private final boolean redraw;
    private final int width;
    private boolean pending;

    /**
     * @param out where to print
     * @param redraw true to re-draw one line in place, false to print a line per state
     * @param width the longest line to show on a re-drawn line; longer states show their tail
     */
    LiveLine(PrintStream out, boolean redraw, int width) {
        this.out = out;
        this.redraw = redraw;
        this.width = Math.max(20, width);
    }

    /** Shows {@code state} in place of the previous one. */
    void show(String state) {
        if (!redraw) {
            out.println(state);
            return;
        }
        // Show the tail: while a document streams, its newest part is at the end.
        String visible = state.length() <= width ? state : "…" + state.substring(tailStart(state));
        out.print(ERASE_LINE + visible);
        out.flush();
        pending = true;
    }

    /** Returns where the tail shown of a state longer than the line starts: never between a surrogate pair's halves. */
    private int tailStart(String state) {
        int start = state.length() - width + 1;
        return Character.isLowSurrogate(state.charAt(start)) ? start + 1 : start;
    }

    /** Ends the re-drawn line so that what is printed next starts on a fresh line. */
    void end() {
        if (pending) {
            out.println();
            pending = false;
        }
    }
}
