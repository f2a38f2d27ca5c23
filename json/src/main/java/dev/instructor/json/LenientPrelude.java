package dev.instructor.json;

import java.util.Locale;

/**
 * Lenient mode's reader of the text before the value: prose, inline code, markdown fences and a reasoning model's
 * thinking block, up to the char where the value starts. {@link JsonStateMachine} hands it every char while it is in
 * its prelude state and takes over where {@link #read} says the value starts.
 *
 * <p>A <code>&#123;</code> or {@code [} in prose starts the value only if the next char that is not whitespace may
 * follow it in JSON, so {@code "ideas for {topic}:"} or {@code "[your list]"} stay prose. When the value is expected
 * to be an object, a {@code [} starts it only before a <code>&#123;</code>: an array of objects given where one
 * object was asked for, which is the caller's to reject. A fence labeled json holds the value, whatever it is; any
 * other fence holds it only if it starts with an object or array, checked as a bracket in prose is, else it holds
 * code (or an example), skipped whole up to its closing fence. A fence is a run of backticks or of tildes, and only a
 * run of the same char closes it, as in CommonMark: backticks in a tilde fence are its text, and the other way round.
 * Backticks inside a line open a fence only before a label alone; a fence in a blockquote is a quotation, skipped
 * whole. A thinking marker (see {@link ReasoningBlock}) opens a block unless it proves quoted: in inline code, or after
 * a quote mark, closed on the marker's line.
 *
 * <p>The class is long for the reason {@link JsonStateMachine} is: its states read one grammar, Markdown's as a model
 * writes it, and read best side by side.
 *
 * <p>The prelude is the start of the document, so it counts the lines itself (a carriage return alone ends one, as in
 * Markdown); the state machine takes the count from {@link #line()} and {@link #lineStart()} after each {@link #read},
 * for its errors and for the value's.
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

    // Prose, a fence's info line, a fence's content before its first char that is not whitespace, a fence of code.
    private static final int PROSE = 0;
    private static final int FENCE_INFO = 1;
    private static final int FENCE_BODY = 2;
    private static final int FENCE_SKIP = 3;

    /** How many chars of a fence's info line are kept, after its leading spaces or tabs. */
    private static final int INFO_LENGTH = 64;

    /** Whether the value sought is an object (see {@link PartialJsonParser.Builder#expectObject}). */
    private final boolean expectObject;

    private final int maxDepth;

    private int phase = PROSE;
    private Opening opening = Opening.NONE;
    /** Absolute char offset of {@code chunk[i]} is {@code base + i} while reading a chunk. */
    private long base;

    private long line = 1;
    private long lineStart;
    /** Where the last carriage return read is, so that the line feed right after it ends no other line. */
    private long lastCarriageReturn = -1;

    /** The char of the run of backticks or tildes just read in prose, if any. */
    private char runChar;
    /** The length of the run of {@link #runChar} just read in prose; 0 when none is. */
    private int run;
    /** In prose: whether the line so far holds only spaces or tabs (or the byte order mark), where a fence may open. */
    private boolean lineBlank = true;
    /** In prose: whether the line so far holds a blockquote's {@code >} markers and nothing else but spaces or tabs. */
    private boolean lineQuoted;
    /** Whether the run being read started a line, as a run of tildes must to open a fence. */
    private boolean runStartsLine;
    /** Whether the run being read started a line of a blockquote, after its {@code >} markers. */
    private boolean runStartsQuote;
    /** The length of the run of backticks that opened the inline code being read, else 0. */
    private int inlineCode;
    /** The char of the fence being read, a backtick or a tilde: only a run of it closes the fence. */
    private char fenceChar;
    /** The length of the run that opened the fence being read. */
    private int fenceLength;
    /**
     * Whether the fence being read opened inside a line, after text, and its info line is still being read: it is a
     * fence only if a label alone follows its run. How far that label is read: 0 before it, 1 in it, 2 after it.
     */
    private boolean midLineFence;

    private int midLineLabel;
    /**
     * Whether the fence being read is in a blockquote: a quotation, skipped whole, up to its closing fence or the
     * blockquote's end. The value is not sought in it: its lines start with {@code >}, which the value's states would
     * have to skip on every line of it.
     */
    private boolean quotedFence;
    /** In a fence in a blockquote: whether a {@code >} marker was read on the current line. */
    private boolean quoteOnLine;
    /** The first json fence skipped in a blockquote, described for the error when no value follows. */
    private String quotedJsonFence;
    /** Where the fence being read opened, for an error at the end of input inside it. */
    private long fenceLine;

    private long fenceColumn;
    /** The info line of the fence being read, up to its first {@link #INFO_LENGTH} chars after spaces or tabs. */
    private final StringBuilder fenceInfo = new StringBuilder();
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

    private final ReasoningBlock reasoning = new ReasoningBlock();
    /** Where the reasoning block being read opened, for an error at the end of input inside it. */
    private long blockLine;

    private long blockColumn;
    /**
     * The length of the inline code's opening run when the block being read opened inside that code, else 0: should
     * a run of that length close the code before the block's closing marker, the marker was quoted, not written.
     */
    private int quotedBlock;
    /** In a block opened inside inline code: the length of the run of backticks just read. */
    private int quotedRun;
    /**
     * The quote mark that closes the one right before the opening marker of the block being read, else 0: on the
     * marker's line, before its closing marker, it shows the marker written about ({@code "<think>"}), not written.
     */
    private char closingQuote;
    /** A <code>&#123;</code> or {@code [} held until the next char not whitespace says if it starts the value. */
    private char heldBracket;
    /** Whether the held bracket is a brace right after a {@code [}, which starts the value with it when it does. */
    private boolean heldInArray;
    /** Where the held bracket is, for errors. */
    private long heldLine;

    private long heldColumn;

    private long heldOffset;
    /** The first bracket in prose that turned out not to start JSON, described for the error when none does. */
    private String proseBracket;
    /** Where {@link #proseBracket} is, to tell whether it began a reasoning marker. */
    private long proseBracketOffset;

    /**
     * Creates the reader of a lenient document's prelude.
     *
     * @param startsInsideReasoning whether the document starts inside a thinking block that a chat template opened (see
     *     {@link PartialJsonParser.Builder#startsInsideReasoning}); the block is then open before the first char
     */
    LenientPrelude(boolean expectObject, boolean startsInsideReasoning, int maxDepth) {
        this.expectObject = expectObject;
        this.maxDepth = maxDepth;
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
        while (i < end && opening == Opening.NONE) {
            i = switch (phase) {
                case PROSE -> prose(chunk, i, end);
                case FENCE_INFO -> fenceInfo(chunk, i, end);
                case FENCE_BODY -> fenceBody(chunk, i, end);
                default -> fenceSkip(chunk, i, end);
            };
        }
        return i;
    }

    /** Returns what started where {@link #read} stopped. */
    Opening opening() {
        return opening;
    }

    /** Returns the line of the next char, counted from 1. */
    long line() {
        return line;
    }

    /** Returns the document offset of the first char of the current line. */
    long lineStart() {
        return lineStart;
    }

    private int prose(char[] chunk, int i, int end) {
        while (i < end) {
            char c = chunk[i];
            if (heldBracket != 0) {
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    if (c == '\n' || c == '\r') {
                        lineBreak(c, i);
                    }
                    reasoning.readProse(c); // breaks a marker begun, so that [ THINK] is not [THINK]
                    if (c == '\n' || c == '\r') {
                        inlineCode = 0; // inline code ends with its line, after a bracket as after any char
                    }
                    lineBlank = lineBlank || c == '\n' || c == '\r';
                    lineQuoted = false; // the bracket is on the line, or a new line has started
                    i++;
                    continue;
                }
                if (startsHeldValue(c, i, false)) {
                    return i;
                }
                // Not JSON after all: the bracket was prose, and so far this char is too.
            }
            if (reasoning.inside() && !leavesQuotedBlock(c)) {
                reasoning.readInside(c);
                if (!reasoning.inside()) {
                    quotedBlock = 0; // closed by its marker: what follows is in the inline code still, if any
                    closingQuote = 0;
                }
            } else if (run > 0 && c == runChar) {
                reasoning.readProse(c); // breaks a tag begun, as any char that is not its next does
                run++;
            } else if (run > 0 && endRun(i)) {
                return i; // a fence opened: c is the first char of its info line
            } else if (c == '`' || (c == '~' && inlineCode == 0)) {
                // Tildes in inline code are its text; a backtick may close it.
                reasoning.readProse(c);
                runChar = c;
                run = 1;
                runStartsLine = lineBlank;
                runStartsQuote = lineQuoted;
            } else {
                if (reasoning.readProse(c)) {
                    openBlock(i);
                    quotedBlock = inlineCode; // a marker in inline code is quoted if the code closes before it does
                    quotedRun = 0;
                    closingQuote = closingQuote(reasoning.charBefore());
                } else if (c == '\n' || c == '\r') {
                    inlineCode = 0; // a backtick left open is a stray one, not the start of inline code
                }
                if (c == '{' || c == '[') {
                    holdBracket(c, i);
                }
            }
            if (c == '\n' || c == '\r') {
                lineBreak(c, i);
            }
            lineQuoted = c == '>' ? lineBlank || lineQuoted : lineQuoted && (c == ' ' || c == '\t');
            lineBlank = c == '\n' || c == '\r' || (lineBlank && (c == ' ' || c == '\t' || c == '\uFEFF'));
            i++;
        }
        return i;
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
        if (backtick && length == inlineCode) {
            inlineCode = 0;
        } else if (inlineCode == 0 && length >= 3 && (backtick || runStartsLine || runStartsQuote)) {
            fenceChar = runChar;
            fenceLength = length;
            fenceLine = line;
            fenceColumn = base + i - length - lineStart + 1; // the run ends before chunk[i], on this line
            fenceInfo.setLength(0);
            midLineFence = !runStartsLine && !runStartsQuote;
            quotedFence = runStartsQuote;
            midLineLabel = 0;
            phase = FENCE_INFO;
            return true;
        } else if (backtick && inlineCode == 0) {
            inlineCode = length;
        }
        return false;
    }

    /**
     * Notes where the reasoning marker just read, ending at {@code chunk[i]}, starts, for an error at the end of input
     * inside its block; and forgets the bracket in prose that turned out not to start JSON when it began the marker, as
     * Magistral's {@code [THINK]} begins: it is no bracket of the prose, and explains no missing value.
     */
    private void openBlock(int i) {
        long start = base + i + 1 - reasoning.openingTag().length(); // a marker holds no line break
        blockLine = line;
        blockColumn = start - lineStart + 1;
        if (proseBracket != null && proseBracketOffset == start) {
            proseBracket = null;
        }
    }

    /**
     * Reads {@code c} inside a block whose marker may prove quoted, or prose; returns true when it did, the block then
     * left and {@code c} prose: when {@code c} shows stripped Harmony's {@code analysis} a word (see {@link
     * ReasoningBlock#leavesAsProse}), when {@code c} closes the quote mark right before the marker, on its line ({@code
     * "<think>"}, {@code "<|channel|>analysis<|message|>"}), or when the run of backticks before {@code c} closed the
     * inline code the marker is in (<code>`&lt;think&gt;`</code>). A line that ends first proves the marker written
     * (the quote never closed; the backtick a stray one, as CommonMark reads a run never closed): the block goes on as
     * any other, up to its closing marker.
     */
    private boolean leavesQuotedBlock(char c) {
        if (reasoning.leavesAsProse(c)) {
            return true;
        }
        if (closingQuote != 0) {
            if (c == closingQuote) {
                reasoning.leave();
                closingQuote = 0;
                quotedBlock = 0;
                return true; // the quote mark is prose, in the inline code still if the marker was in it
            }
            if (c == '\n' || c == '\r') {
                closingQuote = 0; // the quotation ended with its line: the marker was written
            }
        }
        if (quotedBlock == 0) {
            return false;
        }
        if (c == '`') {
            quotedRun++;
            return false;
        }
        boolean closes = quotedRun == quotedBlock;
        quotedRun = 0;
        if (closes) {
            reasoning.leave();
            quotedBlock = 0;
            inlineCode = 0;
            return true;
        }
        if (c == '\n' || c == '\r') {
            quotedBlock = 0;
            inlineCode = 0;
        }
        return false;
    }

    /** Returns the quote mark that closes {@code open}, or 0 when {@code open} opens no quotation. */
    private static char closingQuote(char open) {
        return switch (open) {
            case '"', '\'' -> open;
            case '\u201c' -> '\u201d';
            case '\u2018' -> '\u2019';
            case '\u00ab' -> '\u00bb';
            default -> 0;
        };
    }

    private void holdBracket(char c, int i) {
        heldBracket = c;
        heldOffset = base + i;
        heldLine = line;
        heldColumn = base + i - lineStart + 1;
    }

    /**
     * Decides whether the held bracket starts the value, now that {@code c}, the next char that is not whitespace,
     * is here at {@code chunk[i]}; returns true when it does, {@link #opening} then saying what started. {@code
     * anyValue} is true in a fence labeled json, where an array starts the value whatever an object is expected.
     */
    private boolean startsHeldValue(char c, int i, boolean anyValue) {
        boolean object = heldBracket == '{';
        boolean inArray = heldInArray;
        boolean anyArray = !expectObject || anyValue;
        heldBracket = 0;
        heldInArray = false;
        if (!object && !anyArray && c == '{') {
            // An array of objects, or prose such as [{name}]: the char after the brace decides, and the caller
            // holds the brace.
            heldInArray = true;
            return false;
        }
        if (object ? c == '"' || c == '}' : anyArray && startsArrayItem(c)) {
            if (inArray && maxDepth < 2) {
                // Reported at the brace, the second level, where the value would have gone past the limit. A single
                // container is within any depth limit, which is at least 1.
                throw new JsonLimitException(
                        JsonLimits.Limit.NESTING_DEPTH, maxDepth, heldOffset, heldLine, heldColumn);
            }
            opening = inArray ? Opening.ARRAY_OF_OBJECTS : object ? Opening.OBJECT : Opening.ARRAY;
            return true;
        }
        if (proseBracket == null) {
            proseBracketOffset = heldOffset;
            proseBracket = "the '" + (object ? '{' : '[') + "' at line " + heldLine + ", column " + heldColumn
                    + " was followed by " + JsonStateMachine.describe(c) + ", so it was read as prose";
        }
        return false;
    }

    /** Returns true when {@code c} may follow an array's {@code [}: a value's first char or {@code ]}. */
    private static boolean startsArrayItem(char c) {
        return switch (c) {
            case '"', '{', '[', ']', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 't', 'f', 'n' -> true;
            default -> false;
        };
    }

    /**
     * Reads a fence's info line, after its run. A backtick in a backtick fence's info means the backticks were inline
     * code (such a fence's info holds none; a tilde fence's may). A <code>&#123;</code> or {@code [} starts the
     * fence's content on the same line when JSON may follow it, checked as a bracket in prose is (in a json fence,
     * for any value); else it is info, as the attributes in <code>```&#123;.json&#125;</code> or <code>```json
     * &#123;title="x"&#125;</code> are. A bracket still held at the line's end is decided on the content's lines.
     */
    private int fenceInfo(char[] chunk, int i, int end) {
        while (i < end) {
            char c = chunk[i];
            if (c == '\n' || c == '\r') {
                startFenceBody(i);
                return i; // the line break is the content's first whitespace
            }
            if (heldBracket != 0) {
                if (c == ' ' || c == '\t') {
                    i++;
                    continue;
                }
                char bracket = heldBracket;
                if (startsHeldValue(c, i, jsonFence)) {
                    return i;
                }
                if (heldInArray) {
                    holdBracket(c, i); // the brace after the bracket, which the char after it decides
                    i++;
                    continue;
                }
                appendInfo(bracket); // not JSON after all: the bracket is info, and so far this char is too
            }
            if ((c == '{' || c == '[') && !quotedFence) {
                jsonFence = jsonLabel(); // the label is before the bracket, if any
                holdBracket(c, i);
                i++;
                continue;
            }
            if ((c == '`' && fenceChar == '`') || (midLineFence && !labelGoesOn(c))) {
                inlineCode = fenceLength;
                lineBlank = false;
                phase = PROSE;
                return i;
            }
            appendInfo(c);
            i++;
        }
        return i;
    }

    /**
     * Returns true when {@code c}, on the info line of a fence opened inside a line, may be part of a label alone, as
     * in {@code Here:```json}: false for a quote mark, which shows the run written about ({@code "```json"}), and for
     * a second word ({@code wrap it in ```json and ```}). CommonMark opens no fence inside a line: such a run is inline
     * code, which a model writes when it quotes the marker rather than opens a fence.
     */
    private boolean labelGoesOn(char c) {
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
     * Keeps the info line's first {@link #INFO_LENGTH} chars after the spaces or tabs that start it: enough for the
     * label, or for attributes before their json class, however far the line goes on.
     */
    private void appendInfo(char c) {
        boolean leadingBlank = fenceInfo.length() == 0 && (c == ' ' || c == '\t');
        if (!leadingBlank && fenceInfo.length() < INFO_LENGTH) {
            fenceInfo.append(c);
        }
    }

    private void startFenceBody(int i) {
        contentStart = base + i;
        jsonFence = jsonLabel();
        fenceLineBlank = false; // the info line's break is still to come, or its content on the same line
        phase = FENCE_BODY;
        if (quotedFence) {
            if (jsonFence && quotedJsonFence == null) {
                quotedJsonFence = "the json fence at line " + fenceLine + ", column " + fenceColumn
                        + " is in a blockquote, so it was skipped as a quotation";
            }
            closingRun = 0;
            phase = FENCE_SKIP;
        }
    }

    /**
     * Returns true when the fence's info read so far is labeled json, jsonc or json5: its first word, or, in attributes
     * such as <code>&#123;#out .json .numberLines&#125;</code> (Pandoc, markdown-it-attrs), its first class.
     */
    private boolean jsonLabel() {
        String info = fenceInfo.toString().strip();
        String language = "";
        if (info.startsWith("{")) {
            int close = info.indexOf('}');
            for (String word :
                    info.substring(1, close < 0 ? info.length() : close).strip().split("\\s+")) {
                if (word.startsWith(".")) {
                    language = word.substring(1);
                    break;
                }
            }
        } else {
            int space = 0;
            while (space < info.length() && !Character.isWhitespace(info.charAt(space))) {
                space++;
            }
            language = info.substring(0, space);
        }
        language = language.toLowerCase(Locale.ROOT);
        return language.equals("json") || language.equals("jsonc") || language.equals("json5");
    }

    /**
     * Reads a fence's content up to its first char that is not whitespace, which decides what the fence holds. A
     * fence labeled json holds the value, unless a line of its fence char closes it first: the model opened an empty
     * one.
     */
    private int fenceBody(char[] chunk, int i, int end) {
        while (i < end) {
            char c = chunk[i];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (c == '\n' || c == '\r') {
                    lineBreak(c, i);
                }
                fenceLineBlank = fenceLineBlank || c == '\n' || c == '\r';
                i++;
                continue;
            }
            if (heldBracket != 0) {
                boolean info = heldOffset < contentStart;
                if (startsHeldValue(c, i, jsonFence)) {
                    return i;
                }
                if (!heldInArray && !jsonFence && !(info && (c == '{' || c == '['))) {
                    phase = FENCE_SKIP;
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
                runLine = line;
                runColumn = base + i - lineStart + 1;
                phase = FENCE_SKIP;
                closingRun = 0;
                return i;
            }
            if (jsonFence) {
                opening = Opening.VALUE;
                return i;
            }
            if (c == '{' || c == '[') {
                holdBracket(c, i);
                fenceLineBlank = false;
                i++;
                continue;
            }
            reopenCheck = c == fenceChar && fenceLineBlank && fenceInfo.length() == 0;
            phase = FENCE_SKIP;
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
    private int fenceSkip(char[] chunk, int i, int end) {
        while (i < end) {
            char c = chunk[i];
            boolean closes = closingRun >= fenceLength;
            if (quotedFence && fenceLineBlank && !quoteOnLine && closingRun == 0 && endsBlockquote(c)) {
                // A line without a > marker ends the blockquote, and its fence with it (CommonMark): c is prose.
                lineBlank = true;
                phase = PROSE;
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
                lineBlank = false; // the closing run is on this line
                lineQuoted = false;
                phase = PROSE;
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
                    lineBreak(c, i);
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
     * Counts the line break {@code c} at {@code chunk[i]}: a carriage return, a line feed, or both in a row end a line,
     * as in Markdown, and a model's text may use any of them.
     */
    private void lineBreak(char c, int i) {
        long at = base + i;
        if (c == '\r' || lastCarriageReturn != at - 1) {
            line++;
        }
        if (c == '\r') {
            lastCarriageReturn = at;
        }
        lineStart = at + 1;
    }

    /** Describes what the input lacks when it ends in the prelude, for {@link JsonIncompleteException}. */
    String expected() {
        String value = expectObject ? "a JSON object" : "a JSON object or array";
        return switch (phase) {
            case PROSE -> proseExpected(value);
            // The info line ends with the input: what the fence holds is sought, as on its content's first line.
            case FENCE_INFO -> quotedFence || heldBracket != 0 || !jsonLabel() ? proseExpected(value) : "a JSON value";
            case FENCE_BODY -> heldBracket != 0 || !jsonFence ? proseExpected(value) : "a JSON value";
            // A closing run long enough has closed the fence, though no char after it has said so yet.
            default ->
                closingRun >= fenceLength
                        ? proseExpected(value)
                        : "the closing fence (" + String.valueOf(fenceChar).repeat(fenceLength) + " or longer) of the"
                                + " code block opened at line " + fenceLine + ", column " + fenceColumn + ", then "
                                + value;
        };
    }

    private String proseExpected(String value) {
        if (reasoning.startedInside()) {
            return "'" + reasoning.closingTag() + "' or another closing marker to end the reasoning the input starts"
                    + " inside, then " + value;
        }
        // Input that ends right after the run that closes the inline code around a marker ends the block with it.
        if (reasoning.inside() && (quotedBlock == 0 || quotedRun != quotedBlock)) {
            return "'" + reasoning.closingTag() + "' to close the block opened at line " + blockLine + ", column "
                    + blockColumn + ", then " + value;
        }
        if (heldBracket != 0) {
            // When an object is expected, a bracket starts the value only before a brace.
            boolean anyArray = !expectObject || (phase != PROSE && jsonFence);
            String next = heldBracket == '{' ? "'\"' or '}'" : anyArray ? "a JSON value or ']'" : "'{'";
            return next + " after the '" + heldBracket + "' at line " + heldLine + ", column " + heldColumn;
        }
        String why = proseBracket == null
                ? quotedJsonFence
                : quotedJsonFence == null ? proseBracket : proseBracket + "; " + quotedJsonFence;
        return why == null ? value : value + " (" + why + ")";
    }
}
