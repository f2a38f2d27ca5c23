package dev.instructor.json;

/**
 * Decides where lenient mode's value starts: a <code>&#123;</code> or {@code [} read before the value is held until the
 * next char that is not whitespace says whether JSON follows it. So {@code "ideas for {topic}:"} or {@code "[your
 * list]"} stay prose. When the value is expected to be an object, a {@code [} starts it only before a
 * <code>&#123;</code> that starts an object: an array of objects given where one object was asked for, which is the
 * caller's to reject. The prose and fence readers hold the brackets they read here, and stop where {@link #opening()}
 * says the value has started.
 */
final class ValueStart {
    /** Whether the value sought is an object (see {@link PartialJsonParser.Builder#expectObject}). */
    private final boolean expectObject;

    private final int maxDepth;
    private final PreludeLines lines;

    private LenientPrelude.Opening opening = LenientPrelude.Opening.NONE;
    /** A <code>&#123;</code> or {@code [} held until the next char not whitespace says if it starts the value. */
    private char heldBracket;
    /** Whether the held bracket is a brace right after a {@code [}, which starts the value with it when it does. */
    private boolean heldInArray;
    /**
     * Whether the held bracket is on a line of a blockquote (one that starts with {@code >}): the value it starts is
     * then quoted, and the markers that start its lines are no part of it.
     */
    private boolean heldQuoted;
    /** Whether the value started is in a blockquote (see {@link #heldQuoted}). */
    private boolean quoted;
    /** Where the held bracket is, for errors. */
    private long heldLine;

    private long heldColumn;

    private long heldOffset;
    /** The first bracket in prose that turned out not to start JSON, described for the error when none does. */
    private String proseBracket;
    /** Where {@link #proseBracket} is, to tell whether it began a reasoning marker. */
    private long proseBracketOffset;

    ValueStart(boolean expectObject, int maxDepth, PreludeLines lines) {
        this.expectObject = expectObject;
        this.maxDepth = maxDepth;
        this.lines = lines;
    }

    /** Returns what started, or {@link LenientPrelude.Opening#NONE} while every char read was prelude. */
    LenientPrelude.Opening opening() {
        return opening;
    }

    /** Starts the value, whatever it is, at the char being read: a fence labeled json holds it. */
    void openValue() {
        opening = LenientPrelude.Opening.VALUE;
    }

    /** Returns true when the value is expected to be an object. */
    boolean expectsObject() {
        return expectObject;
    }

    /**
     * Returns true when the value started is in a blockquote: its bracket is on a line that starts with {@code >}, so
     * the lines after it start so too.
     */
    boolean isQuoted() {
        return quoted;
    }

    /** Returns true when the held bracket is on a line of a blockquote, whose next lines start with markers. */
    boolean isHeldQuoted() {
        return heldQuoted;
    }

    /** Returns true while a bracket is held. */
    boolean isHeld() {
        return heldBracket != 0;
    }

    /** Returns true when the held bracket is a brace right after a {@code [}. */
    boolean isHeldInArray() {
        return heldInArray;
    }

    /** Returns the held bracket, or 0 when none is. */
    char heldBracket() {
        return heldBracket;
    }

    /** Returns the document offset of the held bracket. */
    long heldOffset() {
        return heldOffset;
    }

    /**
     * Holds the bracket {@code c}, read at document offset {@code at}, until the next char decides it; {@code
     * onQuotedLine} when its line starts with a blockquote's {@code >}. A brace right after a {@code [} is quoted as
     * the {@code [} is, whatever line it is on.
     */
    void hold(char c, long at, boolean onQuotedLine) {
        heldQuoted = heldInArray ? heldQuoted : onQuotedLine;
        heldBracket = c;
        heldOffset = at;
        heldLine = lines.line();
        heldColumn = lines.column(at);
    }

    /**
     * Decides whether the held bracket starts the value, now that {@code c}, the next char that is not whitespace, is
     * here; returns true when it does, {@link #opening} then saying what started. {@code anyValue} is true in a fence
     * labeled json, where an array starts the value whatever an object is expected.
     *
     * @throws JsonLimitException when an array of objects starts past a nesting depth limit of 1
     */
    boolean decide(char c, boolean anyValue) {
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
            quoted = heldQuoted;
            opening = inArray
                    ? LenientPrelude.Opening.ARRAY_OF_OBJECTS
                    : object ? LenientPrelude.Opening.OBJECT : LenientPrelude.Opening.ARRAY;
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
     * Forgets the bracket in prose that turned out not to start JSON when it is at {@code offset}, where a reasoning
     * marker starts, as Magistral's {@code [THINK]} begins: it is no bracket of the prose, and explains no missing
     * value.
     */
    void forgetProseBracketAt(long offset) {
        if (proseBracket != null && proseBracketOffset == offset) {
            proseBracket = null;
        }
    }

    /** Describes the first bracket in prose that turned out not to start JSON, or returns null when none did. */
    String proseBracket() {
        return proseBracket;
    }

    /**
     * Describes what the input lacks when it ends after the held bracket: {@code inJsonFence} says whether the bracket
     * is in a fence labeled json, where an array starts the value whatever an object is expected.
     */
    String expectedAfterHeld(boolean inJsonFence) {
        // When an object is expected, a bracket starts the value only before a brace.
        boolean anyArray = !expectObject || inJsonFence;
        String next = heldBracket == '{' ? "'\"' or '}'" : anyArray ? "a JSON value or ']'" : "'{'";
        return next + " after the '" + heldBracket + "' at line " + heldLine + ", column " + heldColumn;
    }
}
