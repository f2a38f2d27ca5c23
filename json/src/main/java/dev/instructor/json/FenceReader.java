package dev.instructor.json;

/**
 * Reads a Markdown fence in lenient mode's prelude, from its info line to where the value starts in it or to its
 * closing fence. A fence labeled json holds the value, whatever it is; any other fence holds it only if it starts with
 * an object or array, checked as a bracket in prose is (see {@link ValueStart}), else it holds code (or an example),
 * skipped whole up to its closing fence. A fence is a run of backticks or of tildes, and only a run of the same char
 * closes it, as in CommonMark: backticks in a tilde fence are its text, and the other way round. A run of backticks
 * inside a line is a fence only before a label alone, else inline code; a fence in a blockquote is a quotation,
 * skipped whole.
 *
 * <p>{@link LenientPrelude} opens the fence at the char after its run and reads prose again once {@link #isOpen()} is
 * false, as {@link #leftAs} says.
 */
final class FenceReader {
    /** How the fence read last was left, once it is not open. */
    enum Left {
        /** The run was inline code, not a fence: its length opened the code, and the line goes on. */
        INLINE_CODE,
        /** By its closing fence, on the line that goes on. */
        CLOSED,
        /** By the end of the blockquote it is in, at the start of a line that has no {@code >} marker. */
        BLOCKQUOTE_ENDED
    }

    // The info line, the content before its first char that is not whitespace, the content of a fence of code.
    private static final int INFO = 0;
    private static final int BODY = 1;
    private static final int SKIP = 2;
    private static final int LEFT = 3;

    private final PreludeLines lines;
    private final ValueStart start;

    private int phase = LEFT;
    private Left left;
    /** Absolute char offset of {@code chunk[i]} is {@code base + i} while reading a chunk. */
    private long base;

    /** The char of the fence being read, a backtick or a tilde: only a run of it closes the fence. */
    private char fenceChar;
    /** The length of the run that opened the fence being read. */
    private int fenceLength;
    /**
     * Whether the fence being read opened inside a line, after text, and its info line is still being read: it is a
     * fence only if a label alone follows its run.
     */
    private boolean midLineFence;
    /**
     * Whether the fence being read is in a blockquote: a quotation, skipped whole, up to its closing fence or the
     * blockquote's end. The value is not sought in it: a model that quotes a fence quotes an example, the prompt's
     * most often, before its answer.
     */
    private boolean quotedFence;
    /** In a fence in a blockquote: whether a {@code >} marker was read on the current line. */
    private boolean quoteOnLine;
    /** The first json fence skipped in a blockquote, described for the error when no value follows. */
    private String quotedJsonFence;
    /** Where the fence being read opened, for an error at the end of input inside it. */
    private long fenceLine;

    private long fenceColumn;
    /** The info line of the fence being read: its label, and whether it is a label alone after a run inside a line. */
    private final FenceInfo fenceInfo = new FenceInfo();
    /** Where the content of the fence being read starts: the line break that ends its info line. */
    private long contentStart;
    /** Whether the fence being read is labeled json, and so holds the value, whatever it is. */
    private boolean jsonFence;
    /** In a fence's content: whether the line so far holds only whitespace, so that a fence run may close it. */
    private boolean fenceLineBlank;
    /** In a fence of code: how many chars of a closing fence have been read. */
    private int closingRun;
    /**
     * Whether the fence run being read in a json fence, where its value should start, must close it: a run too short
     * to close it is where the value's syntax error is. Where the run starts, for that error.
     */
    private boolean emptyFenceCheck;
    /**
     * Whether the fence run being read starts the content of a fence without info: one long enough to close it does,
     * whatever follows, as it closes an empty json fence. The model opened a fence, then opened it again labeled.
     */
    private boolean reopenCheck;

    private long runOffset;
    private long runLine;
    private long runColumn;

    FenceReader(PreludeLines lines, ValueStart start) {
        this.lines = lines;
        this.start = start;
    }

    /**
     * Opens a fence with a run of {@code length} {@code c}s that ended right before document offset {@code at}, on the
     * current line; {@code midLine} when text came before it on its line, {@code quoted} when it is in a blockquote.
     */
    void open(char c, int length, long at, boolean midLine, boolean quoted) {
        fenceChar = c;
        fenceLength = length;
        fenceLine = lines.line();
        fenceColumn = lines.column(at - length);
        fenceInfo.clear();
        midLineFence = midLine;
        quotedFence = quoted;
        phase = INFO;
    }

    /** Returns true while a fence is being read. */
    boolean isOpen() {
        return phase != LEFT;
    }

    /** Returns how the fence read last was left. */
    Left leftAs() {
        return left;
    }

    /** Returns the length of the run that opened the fence read last. */
    int length() {
        return fenceLength;
    }

    /** Returns true when the fence read last is labeled json (as far as its info line has been read). */
    boolean isJson() {
        return jsonFence;
    }

    /** Describes the first json fence skipped in a blockquote, or returns null when none was. */
    String quotedJsonFence() {
        return quotedJsonFence;
    }

    /**
     * Reads {@code chunk[i..end)}, whose char {@code chunk[i]} is at document offset {@code base + i}, while the fence
     * is open and the value has not started; returns the index of the first char not read.
     */
    int read(char[] chunk, int i, int end, long base) {
        this.base = base;
        while (i < end && phase != LEFT && start.opening() == LenientPrelude.Opening.NONE) {
            i = switch (phase) {
                case INFO -> info(chunk, i, end);
                case BODY -> body(chunk, i, end);
                default -> skip(chunk, i, end);
            };
        }
        return i;
    }

    private void leave(Left how) {
        left = how;
        phase = LEFT;
    }

    /**
     * Reads a fence's info line, after its run. A backtick in a backtick fence's info means the backticks were inline
     * code (such a fence's info holds none; a tilde fence's may). A <code>&#123;</code> or {@code [} starts the
     * fence's content on the same line when JSON may follow it, checked as a bracket in prose is (in a json fence,
     * for any value); else it is info, as the attributes in <code>```&#123;.json&#125;</code> or <code>```json
     * &#123;title="x"&#125;</code> are. A bracket still held at the line's end is decided on the content's lines.
     */
    private int info(char[] chunk, int i, int end) {
        while (i < end) {
            char c = chunk[i];
            if (c == '\n' || c == '\r') {
                startBody(i);
                return i; // the line break is the content's first whitespace
            }
            if (start.isHeld()) {
                if (c == ' ' || c == '\t') {
                    i++;
                    continue;
                }
                char bracket = start.heldBracket();
                if (start.decide(c, jsonFence)) {
                    return i;
                }
                if (start.isHeldInArray()) {
                    start.hold(c, base + i, false); // the brace after the bracket, which the char after it decides
                    i++;
                    continue;
                }
                fenceInfo.append(bracket); // not JSON after all: the bracket is info, and so far this char is too
            }
            if ((c == '{' || c == '[') && !quotedFence) {
                jsonFence = fenceInfo.isJsonLabel(); // the label is before the bracket, if any
                start.hold(c, base + i, false);
                i++;
                continue;
            }
            if ((c == '`' && fenceChar == '`') || (midLineFence && !fenceInfo.labelGoesOn(c))) {
                leave(Left.INLINE_CODE);
                return i;
            }
            fenceInfo.append(c);
            i++;
        }
        return i;
    }

    private void startBody(int i) {
        contentStart = base + i;
        jsonFence = fenceInfo.isJsonLabel();
        fenceLineBlank = false; // the info line's break is still to come, or its content on the same line
        phase = BODY;
        if (quotedFence) {
            if (jsonFence && quotedJsonFence == null) {
                quotedJsonFence = "the json fence at line " + fenceLine + ", column " + fenceColumn
                        + " is in a blockquote, so it was skipped as a quotation";
            }
            closingRun = 0;
            phase = SKIP;
        }
    }

    /**
     * Reads a fence's content up to its first char that is not whitespace, which decides what the fence holds. A
     * fence labeled json holds the value, unless a line of its fence char closes it first: the model opened an empty
     * one.
     */
    private int body(char[] chunk, int i, int end) {
        while (i < end) {
            char c = chunk[i];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (c == '\n' || c == '\r') {
                    lines.lineBreak(c, base + i);
                }
                fenceLineBlank = fenceLineBlank || c == '\n' || c == '\r';
                i++;
                continue;
            }
            if (start.isHeld()) {
                boolean info = start.heldOffset() < contentStart;
                if (start.decide(c, jsonFence)) {
                    return i;
                }
                if (!start.isHeldInArray() && !jsonFence && !(info && (c == '{' || c == '['))) {
                    phase = SKIP;
                    closingRun = 0;
                    return i;
                }
                // The bracket was info (held on its info line), and c is the content's first char: in a json fence
                // it starts the value, and in any other a bracket is checked as the bracket it is.
            }
            if (jsonFence && c == fenceChar && fenceLineBlank) {
                // Perhaps the closing fence of an empty one; perhaps a run where the value should be, an error
                // to report here once the run proves too short to close the fence.
                emptyFenceCheck = true;
                runOffset = base + i;
                runLine = lines.line();
                runColumn = lines.column(base + i);
                phase = SKIP;
                closingRun = 0;
                return i;
            }
            if (jsonFence) {
                start.openValue();
                return i;
            }
            if (c == '{' || c == '[') {
                start.hold(c, base + i, false);
                fenceLineBlank = false;
                i++;
                continue;
            }
            reopenCheck = c == fenceChar && fenceLineBlank && fenceInfo.isEmpty();
            phase = SKIP;
            closingRun = 0;
            return i;
        }
        return i;
    }

    /**
     * Skips a fence's content up to its closing fence: a line that starts, after spaces or tabs, with at least as
     * many of the opening fence's chars (backticks or tildes) as it has, then only spaces or tabs, as in CommonMark: a
     * line such as {@code ```json} in a fence of code is its content. A json fence, or one without info, whose content
     * starts with a run long enough to close it is closed there whatever follows, an empty fence the model opened
     * again, and the rest of that line is prose.
     */
    private int skip(char[] chunk, int i, int end) {
        while (i < end) {
            char c = chunk[i];
            boolean closes = closingRun >= fenceLength;
            if (quotedFence && fenceLineBlank && !quoteOnLine && closingRun == 0 && endsBlockquote(c)) {
                // A line without a > marker ends the blockquote, and its fence with it (CommonMark): c is prose.
                leave(Left.BLOCKQUOTE_ENDED);
                return i;
            }
            if (c == fenceChar && fenceLineBlank) {
                closingRun++;
            } else if (closes && (c == ' ' || c == '\t') && !emptyFenceCheck && !reopenCheck) {
                fenceLineBlank = false; // still the closing fence, if only spaces or tabs end its line
            } else if (closes && (emptyFenceCheck || reopenCheck || c == '\n' || c == '\r')) {
                closingRun = 0;
                emptyFenceCheck = false;
                reopenCheck = false;
                leave(Left.CLOSED); // the closing run is on this line
                return i;
            } else if (emptyFenceCheck) {
                throw new JsonSyntaxException(
                        "a JSON value", JsonStateMachine.describe(fenceChar), runOffset, runLine, runColumn);
            } else {
                boolean afterRun = closingRun > 0;
                closingRun = 0;
                reopenCheck = false;
                boolean lineEnds = c == '\n' || c == '\r';
                if (lineEnds) {
                    lines.lineBreak(c, base + i);
                }
                // In a blockquote, a line's > markers come before its closing fence as spaces may.
                boolean quoteMark = quotedFence && c == '>' && fenceLineBlank && !afterRun;
                quoteOnLine = !lineEnds && (quoteOnLine || quoteMark);
                fenceLineBlank = lineEnds || (fenceLineBlank && !afterRun && (c == ' ' || c == '\t' || quoteMark));
            }
            i++;
        }
        return i;
    }

    /** Returns true when {@code c}, the first char of a line that is not a space or tab, ends a blockquote. */
    private static boolean endsBlockquote(char c) {
        return c != '>' && c != ' ' && c != '\t' && c != '\n' && c != '\r';
    }

    /**
     * Describes what the input lacks when it ends in the open fence: {@code proseExpected}, what it lacks in prose,
     * wherever the fence has not said it holds a value of any kind.
     */
    String expected(String value, String proseExpected) {
        return switch (phase) {
            // The info line ends with the input: what the fence holds is sought, as on its content's first line.
            case INFO -> quotedFence || start.isHeld() || !fenceInfo.isJsonLabel() ? proseExpected : "a JSON value";
            case BODY -> start.isHeld() || !jsonFence ? proseExpected : "a JSON value";
            // A closing run long enough has closed the fence, though no char after it has said so yet.
            default ->
                closingRun >= fenceLength
                        ? proseExpected
                        : "the closing fence (" + String.valueOf(fenceChar).repeat(fenceLength) + " or longer) of the"
                                + " code block opened at line " + fenceLine + ", column " + fenceColumn + ", then "
                                + value;
        };
    }
}
