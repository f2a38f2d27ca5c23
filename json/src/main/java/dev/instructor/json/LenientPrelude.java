package dev.instructor.json;

/**
 * Lenient mode's reader of the text before the value: prose, inline code, markdown fences and a reasoning model's
 * thinking block, up to the char where the value starts. {@link JsonStateMachine} hands it every char while it is in
 * its prelude state and takes over where {@link #read} says the value starts.
 *
 * <p>This class reads the prose and hands each job to the class that does it: {@link ValueStart} decides whether a
 * bracket starts the value, {@link FenceReader} reads a fence once a run of backticks or tildes opened one, {@link
 * ReasoningBlock} finds thinking blocks and {@link InlineQuotes} tells a marker quoted from one written; {@link
 * PreludeLines} counts the lines for them all. A thinking marker opens a block unless it proves quoted: in inline code,
 * or after a quote mark, closed on the marker's line.
 *
 * <p>The prelude is the start of the document, so it counts the lines itself; the state machine takes the count from
 * {@link #line()} and {@link #lineStart()} after each {@link #read}, for its errors and for the value's.
 */
final class LenientPrelude {
    /** What starts where {@link #read} stopped. */
    enum Opening {
        /** Nothing yet: every char read was prelude. */
        NONE,
        /** A value, whatever it is, starts at the index returned: a fence labeled json opened it. */
        VALUE,
        /** An object's <code>&#123;</code> was read; its first member or <code>&#125;</code> is at the index. */
        OBJECT,
        /** An array's {@code [} was read; its first item or {@code ]} is at the index returned. */
        ARRAY,
        /**
         * A {@code [} and the <code>&#123;</code> of its first item were read (an object was expected); the
         * object's first member name or <code>&#125;</code> is at the index returned.
         */
        ARRAY_OF_OBJECTS
    }

    private final PreludeLines lines = new PreludeLines();
    private final ValueStart start;
    private final FenceReader fence;
    private final ReasoningBlock reasoning = new ReasoningBlock();
    private final InlineQuotes quotes = new InlineQuotes(reasoning);

    /** Absolute char offset of {@code chunk[i]} is {@code base + i} while reading a chunk. */
    private long base;

    /** The char of the run of backticks or tildes just read in prose, if any. */
    private char runChar;
    /** The length of the run of {@link #runChar} just read in prose; 0 when none is. */
    private int run;
    /** In prose: whether the line so far holds only spaces or tabs (or the byte order mark), where a fence may open. */
    private boolean lineBlank = true;
    /** In prose: whether the line so far holds a blockquote's {@code >} markers and nothing else but spaces or tabs. */
    private boolean lineQuoted;
    /** In prose: whether the line started with a blockquote's {@code >} markers, whatever follows them on it. */
    private boolean quotedLine;
    /** Whether the run being read started a line, as a run of tildes must to open a fence. */
    private boolean runStartsLine;
    /** Whether the run being read started a line of a blockquote, after its {@code >} markers. */
    private boolean runStartsQuote;
    /** Where the reasoning block being read opened, for an error at the end of input inside it. */
    private long blockLine;

    private long blockColumn;

    /**
     * Creates the reader of a lenient document's prelude.
     *
     * @param expectObject whether the value sought is an object (see {@link PartialJsonParser.Builder#expectObject})
     * @param startsInsideReasoning whether the document starts inside a thinking block that a chat template opened (see
     *     {@link PartialJsonParser.Builder#startsInsideReasoning}); the block is then open before the first char
     */
    LenientPrelude(boolean expectObject, boolean startsInsideReasoning, int maxDepth) {
        this.start = new ValueStart(expectObject, maxDepth, lines);
        this.fence = new FenceReader(lines, start);
        if (startsInsideReasoning) {
            reasoning.startInside();
        }
    }

    /**
     * Reads {@code chunk[i..end)}, whose char {@code chunk[i]} is at document offset {@code base + i}. Returns {@code
     * end} when all of it is prelude; else the index of the first char the value's states read, {@link #opening()}
     * then saying what started there.
     *
     * @throws JsonLimitException when an array of objects starts past a nesting depth limit of 1
     */
    int read(char[] chunk, int i, int end, long base) {
        this.base = base;
        while (i < end && start.opening() == Opening.NONE) {
            if (!fence.isOpen()) {
                i = prose(chunk, i, end);
            } else {
                i = fence.read(chunk, i, end, base);
                if (!fence.isOpen()) {
                    afterFence();
                }
            }
        }
        return i;
    }

    /** Returns what started where {@link #read} stopped. */
    Opening opening() {
        return start.opening();
    }

    /**
     * Returns true when the value started is in a Markdown blockquote: its first bracket is on a line that starts with
     * {@code >}, as a model writes when it quotes its whole answer. The value's states then skip the markers that
     * start its next lines, as they skip whitespace.
     */
    boolean isQuoted() {
        return start.isQuoted();
    }

    /** Returns the line of the next char, counted from 1. */
    long line() {
        return lines.line();
    }

    /** Returns the document offset of the first char of the current line. */
    long lineStart() {
        return lines.lineStart();
    }

    private int prose(char[] chunk, int i, int end) {
        while (i < end) {
            char c = chunk[i];
            if (start.isHeld()) {
                if (skipsAfterHeldBracket(c, i)) {
                    i++;
                    continue;
                }
                if (start.decide(c, false)) {
                    return i;
                }
                // Not JSON after all: the bracket was prose, and so far this char is too.
            }
            if (reasoning.inside() && !quotes.leavesQuotedBlock(c)) {
                reasoning.readInside(c);
                if (!reasoning.inside()) {
                    quotes.blockClosed(); // closed by its marker: what follows is in the inline code still, if any
                }
            } else if (run > 0 && c == runChar) {
                reasoning.readProse(c); // breaks a tag begun, as any char that is not its next does
                run++;
            } else if (run > 0 && endRun(i)) {
                return i; // a fence opened: c is the first char of its info line
            } else if (c == '`' || (c == '~' && quotes.inlineCode() == 0)) {
                // Tildes in inline code are its text; a backtick may close it.
                reasoning.readProse(c);
                runChar = c;
                run = 1;
                runStartsLine = lineBlank;
                runStartsQuote = lineQuoted;
            } else {
                if (reasoning.readProse(c)) {
                    openBlock(i);
                    quotes.blockOpened(); // a marker in inline code is quoted if the code closes before it does
                } else if (c == '\n' || c == '\r') {
                    quotes.closeInlineCode(); // a backtick left open is a stray one, not the start of inline code
                }
                if (c == '{' || c == '[') {
                    start.hold(c, base + i, quotedLine);
                }
            }
            if (c == '\n' || c == '\r') {
                lines.lineBreak(c, base + i);
            }
            lineQuoted = c == '>' ? lineBlank || lineQuoted : lineQuoted && (c == ' ' || c == '\t');
            quotedLine = lineQuoted || (quotedLine && c != '\n' && c != '\r');
            lineBlank = c == '\n' || c == '\r' || (lineBlank && (c == ' ' || c == '\t' || c == '\uFEFF'));
            i++;
        }
        return i;
    }

    /**
     * Reads {@code c}, at {@code chunk[i]}, after a bracket held in prose, when it is no char that decides the bracket:
     * whitespace, or a {@code >} marker that starts a line of the blockquote the bracket is in, as the value's lines
     * start there. Returns true when it did.
     */
    private boolean skipsAfterHeldBracket(char c, int i) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            if (c == '\n' || c == '\r') {
                lines.lineBreak(c, base + i);
                quotes.closeInlineCode(); // inline code ends with its line, after a bracket as after any char
                quotedLine = false;
            }
            reasoning.readProse(c); // breaks a marker begun, so that [ THINK] is not [THINK]
            lineBlank = lineBlank || c == '\n' || c == '\r';
            // The bracket is on the line, or a new line has started, perhaps after a blockquote's markers.
            lineQuoted = lineQuoted && (c == ' ' || c == '\t');
            return true;
        }
        if (c == '>' && (lineBlank || lineQuoted) && start.isHeldQuoted()) {
            reasoning.readProse(c);
            lineQuoted = true;
            quotedLine = true;
            lineBlank = false;
            return true;
        }
        return false;
    }

    /**
     * Ends a run of backticks or tildes in prose, read before {@code chunk[i]}, the char that is not one; returns true
     * when it opened a fence. A run of backticks as long as the open inline code's closes it, and one of another length
     * is its text (CommonMark; should the code never close, the backtick that opened it is text, and so is a run inside
     * a line).
     * Outside inline code a run of three or more opens a fence, and a shorter run of backticks opens inline code (a
     * shorter one of tildes is prose, a strikethrough).
     * Tildes open a fence only at the start of a line, as in CommonMark: inside a line they mean nothing in Markdown,
     * and a model's decorative {@code ~~~} there must not hide the answer after it; a blockquote's line starts after
     * its {@code >} markers. (Backticks open one anywhere: a model may write {@code Here:```json}.)
     */
    private boolean endRun(int i) {
        int length = run;
        run = 0;
        boolean backtick = runChar == '`';
        int inlineCode = quotes.inlineCode();
        if (backtick && length == inlineCode) {
            quotes.closeInlineCode();
        } else if (inlineCode == 0 && length >= 3 && (backtick || runStartsLine || runStartsQuote)) {
            fence.open(runChar, length, base + i, !runStartsLine && !runStartsQuote, runStartsQuote);
            return true;
        } else if (backtick && inlineCode == 0) {
            quotes.openInlineCode(length);
        }
        return false;
    }

    /**
     * Takes the prose up again after the fence: the rest of the line the fence was left on, or the line after the
     * blockquote it was in.
     */
    private void afterFence() {
        FenceReader.Left left = fence.leftAs();
        if (left == FenceReader.Left.INLINE_CODE) {
            quotes.openInlineCode(fence.length());
        }
        lineBlank = left == FenceReader.Left.BLOCKQUOTE_ENDED;
        lineQuoted = false;
        // A fence in a blockquote closes only at its line's break, and a line that ends it has no marker.
        quotedLine = false;
    }

    /**
     * Notes where the reasoning marker just read, ending at {@code chunk[i]}, starts, for an error at the end of input
     * inside its block; and forgets the bracket in prose that turned out not to start JSON when it began the marker.
     */
    private void openBlock(int i) {
        long markerStart = base + i + 1 - reasoning.openingTag().length(); // a marker holds no line break
        blockLine = lines.line();
        blockColumn = lines.column(markerStart);
        start.forgetProseBracketAt(markerStart);
    }

    /** Describes what the input lacks when it ends in the prelude, for {@link JsonIncompleteException}. */
    String expected() {
        String value = start.expectsObject() ? "a JSON object" : "a JSON object or array";
        if (!fence.isOpen()) {
            return proseExpected(value, false);
        }
        return fence.expected(value, proseExpected(value, fence.isJson()));
    }

    private String proseExpected(String value, boolean inJsonFence) {
        if (reasoning.startedInside()) {
            return "'" + reasoning.closingTag() + "' or another closing marker to end the reasoning the input starts"
                    + " inside, then " + value;
        }
        // Input that ends right after the run that closes the inline code around a marker ends the block with it.
        if (reasoning.inside() && !quotes.endsQuotedBlock()) {
            return "'" + reasoning.closingTag() + "' to close the block opened at line " + blockLine + ", column "
                    + blockColumn + ", then " + value;
        }
        if (start.isHeld()) {
            return start.expectedAfterHeld(inJsonFence);
        }
        String why = start.proseBracket() == null
                ? fence.quotedJsonFence()
                : fence.quotedJsonFence() == null
                        ? start.proseBracket()
                        : start.proseBracket() + "; " + fence.quotedJsonFence();
        return why == null ? value : value + " (" + why + ")";
    }
}
