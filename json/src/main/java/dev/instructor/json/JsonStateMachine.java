package dev.instructor.json;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The lexer and grammar of the incremental parser: a state machine over chars that can stop after any char and
 * resume with the next chunk, reporting structure to a {@link ValueTree}.
 *
 * <p>This class is longer than the others on purpose: the states of one grammar read best side by side, and keeping
 * the hot loops (string bodies, digits, whitespace) in one class with the state in fields lets the JIT keep them
 * tight. Every state handler consumes chars until the state changes or the chunk ends, so the work per chunk is
 * proportional to its length; nothing already received is scanned again. In lenient mode, the text before the value
 * is another job, with its own states: {@link LenientPrelude} reads it, and this class starts the value where it says.
 *
 * <p>Errors are thrown before the state is changed, so after a failure the tree still holds everything parsed
 * before the offending char.
 */
final class JsonStateMachine {
    // Lenient mode: the text before the value, read by the LenientPrelude.
    private static final int PRELUDE = 0;
    // A value may start here (root, array item, member value).
    private static final int VALUE = 1;
    private static final int ARRAY_FIRST = 2;
    private static final int OBJECT_FIRST = 3;
    private static final int OBJECT_KEY = 4;
    private static final int COLON = 5;
    private static final int AFTER_VALUE = 6;
    private static final int STRING = 7;
    private static final int ESCAPE = 8;
    private static final int UNICODE = 9;
    // Numbers, named after the last char read: '-', a leading '0', integer digits, '.', fraction digits, 'e',
    // the exponent's sign, exponent digits.
    private static final int NUMBER_MINUS = 10;
    private static final int NUMBER_ZERO = 11;
    private static final int NUMBER_INT = 12;
    private static final int NUMBER_DOT = 13;
    private static final int NUMBER_FRACTION = 14;
    private static final int NUMBER_E = 15;
    private static final int NUMBER_EXPONENT_SIGN = 16;
    private static final int NUMBER_EXPONENT = 17;
    private static final int LITERAL = 18;
    // The root value is complete.
    private static final int DONE = 19;
    // A member name's escaped high surrogate was read: its low half's escape must follow.
    private static final int NAME_LOW_SURROGATE = 20;
    // Lenient mode: a line of a value in a blockquote has started; its > markers come before the next token.
    private static final int QUOTE_MARGIN = 21;

    /** Bounds of the first capacity of a value buffer. */
    private static final int MIN_CAPACITY = 16;

    private static final int MAX_FIRST_CAPACITY = 4096;

    /**
     * 1 for each char a string holds as it is, 0 for a quote, a backslash or a control char. A lookup is one branch
     * where the three comparisons are three, and fewer branches per token mispredict less: up to 14% less time per
     * document than the comparisons, none on some shapes (docs/benchmarks.md, "A table of the plain chars"). It
     * takes 64 KB, of which a document touches the lines of the chars it holds.
     */
    private static final byte[] PLAIN = new byte[Character.MAX_VALUE + 1];

    static {
        Arrays.fill(PLAIN, 0x20, PLAIN.length, (byte) 1);
        PLAIN['"'] = 0;
        PLAIN['\\'] = 0;
    }

    private final boolean lenient;
    /** Lenient mode: reads the text before the value, in state {@link #PRELUDE}. */
    private final LenientPrelude prelude;

    private final int maxDepth;
    private final int maxStringLength;
    private final int maxNameLength;
    private final int maxNumberLength;
    private final long maxDocumentLength;
    private final ValueTree tree = new ValueTree();
    private final KeyCache keyCache = new KeyCache();

    private int state;
    /**
     * Whether the value is in a Markdown blockquote (see {@link LenientPrelude#isQuoted}): a line feed between tokens
     * then goes to {@link #QUOTE_MARGIN}, which skips the line's {@code >} markers and returns to {@link #marginOf}.
     */
    private boolean quotedValue;

    private int marginOf;
    /** Whether the input is text, read through {@link #appendPlain} when it may be. */
    private boolean textInput;
    /**
     * How many chars {@link #appendPlain} may take now: the room left in the open string's buffer (less five chars
     * it may store beyond the chunk) and in the document, or 0 when no string is open or the input is not text. One
     * field, so that the parser tests a chunk with one comparison.
     */
    int plainRoom;
    /** Absolute char offset of {@code chunk[i]} is {@code base + i} while parsing a chunk. */
    private long base;
    /** Chars parsed so far. */
    private long offset;

    private long line = 1;
    private long lineStart;
    /** The offset just past the last carriage return read between tokens: a line feed there ends no new line. */
    private long crEnd = -1;

    // The string being read: a member name (into keyBuffer) or a value (into valueBuffer, shared with snapshots).
    private boolean inKey;
    private char[] string;
    private int stringLength;
    /** How far {@link #string} may be filled before it must grow: its length, capped by the length limit. */
    private int stringRoom;

    private char[] keyBuffer = new char[32];
    private char[] valueBuffer = new char[16];
    /** Whether a snapshot holds {@link #valueBuffer}, which then must not be reused for the next string. */
    private boolean valueBufferShared;
    /**
     * The capacity of the next value buffer, after the lengths of recent strings: a model writes strings of similar
     * lengths (titles, then blurbs, ...), and a buffer that fits from the start saves the copies of growing it and
     * the trips through the full state machine that growing takes.
     */
    private int nextCapacity = MIN_CAPACITY;
    /**
     * The {@link KeyCache} slot of the member whose string value is being read, whose recent lengths size its buffer
     * instead of {@link #nextCapacity}; -1 for an array item, a top-level string or an uncached name.
     */
    private int capacitySlot = -1;

    private int hexDigits;
    /** Whether the member name being read must go on with an escaped low surrogate, after an escaped high one. */
    private boolean lowSurrogateDue;
    /** In {@link #NAME_LOW_SURROGATE}: whether its backslash has been read. */
    private boolean lowEscapeStarted;

    private int hexValue;

    /** The number being read; at first no longer than the length limit, which is tested only when it is full. */
    private char[] number;

    private int numberLength;
    private boolean integral;

    private String literal;
    private int literalPosition;

    JsonStateMachine(boolean lenient, boolean expectObject, boolean startsInsideReasoning, JsonLimits limits) {
        this.lenient = lenient;
        this.maxDepth = limits.maxNestingDepth();
        this.prelude = new LenientPrelude(expectObject, startsInsideReasoning, maxDepth);
        this.maxStringLength = limits.maxStringLength();
        this.maxNameLength = limits.maxNameLength();
        this.maxNumberLength = limits.maxNumberLength();
        this.maxDocumentLength = limits.maxDocumentLength();
        this.number = new char[Math.min(24, maxNumberLength)];
        this.state = lenient ? PRELUDE : VALUE;
    }

    /** Parses {@code chunk[start..end)}. */
    void parse(char[] chunk, int start, int end) {
        base = offset - start;
        int i = start;
        while (i < end) {
            switch (state) {
                case STRING -> i = string(chunk, i, end);
                case AFTER_VALUE -> i = afterValue(chunk, i, end);
                case VALUE, ARRAY_FIRST -> i = value(chunk, i, end);
                case OBJECT_FIRST, OBJECT_KEY -> i = memberName(chunk, i, end);
                case COLON -> i = colon(chunk, i, end);
                case ESCAPE -> i = escape(chunk, i);
                case UNICODE -> i = unicode(chunk, i, end);
                case NUMBER_MINUS,
                        NUMBER_ZERO,
                        NUMBER_INT,
                        NUMBER_DOT,
                        NUMBER_FRACTION,
                        NUMBER_E,
                        NUMBER_EXPONENT_SIGN,
                        NUMBER_EXPONENT -> i = number(chunk, i, end);
                case LITERAL -> i = literal(chunk, i, end);
                case DONE -> i = done(chunk, i, end);
                case PRELUDE -> {
                    // Written here rather than in a method of its own: that keeps this method above C2's
                    // FreqInlineSize (325 bytes of bytecode), as it was when the prelude's states were here, so C2
                    // compiles it on its own rather than into its callers (-XX:+PrintInlining: "hot method too big"),
                    // the shape in which the engine was measured (docs/benchmarks.md).
                    i = prelude.read(chunk, i, end, base);
                    line = prelude.line();
                    lineStart = prelude.lineStart();
                    quotedValue = prelude.isQuoted();
                    switch (prelude.opening()) {
                        case NONE -> {}
                        case VALUE -> state = VALUE;
                        case OBJECT -> {
                            tree.startContainer(true); // at the top level: within any depth limit, at least 1
                            state = OBJECT_FIRST;
                        }
                        case ARRAY -> {
                            tree.startContainer(false);
                            state = ARRAY_FIRST;
                        }
                        case ARRAY_OF_OBJECTS -> {
                            tree.startContainer(false); // the prelude has checked that the limit allows two levels
                            tree.startContainer(true);
                            state = OBJECT_FIRST;
                        }
                    }
                }
                case NAME_LOW_SURROGATE -> i = nameLowSurrogate(chunk, i);
                case QUOTE_MARGIN -> i = quoteMargin(chunk, i, end);
                default -> throw new IllegalStateException("state " + state);
            }
        }
        offset = base + end;
        updatePlainRoom();
    }

    private void updatePlainRoom() {
        // appendPlain stores six chars whatever the chunk's length: the room left for it keeps five chars spare.
        plainRoom = textInput && state == STRING
                ? (int) Math.max(0, Math.min(stringRoom - stringLength - 5, maxDocumentLength - offset))
                : 0;
    }

    /** Lets a text chunk take {@link #appendPlain} from now on, or (after a failure or the end) no more. */
    void textInput(boolean text) {
        textInput = text;
        updatePlainRoom();
    }

    /** Declares the end of input: completes a top-level number, or reports what is missing. */
    PartialValue finish() {
        if (tree.depth() == 0 && numberCanEnd()) {
            endNumber();
        }
        PartialValue root = tree.root();
        if (root == null) {
            throw new JsonIncompleteException(
                    expected(state), snapshot().orElse(null), offset, line, offset - lineStart + 1);
        }
        return root;
    }

    boolean isComplete() {
        return tree.root() != null;
    }

    /** Returns true when the rest of the input is ignored: lenient mode, after the value. */
    boolean ignoresInput() {
        return lenient && state == DONE;
    }

    /**
     * Returns true where lenient mode takes invalid UTF-8 as a char it skips, one per invalid sequence: in the prose
     * before the value (or a fence's info line), and where it ends a top-level number, as any char that cannot be
     * part of the number does. Where the number cannot end ({@code -}, {@code 1.}, {@code 1e}) it is inside the value,
     * and an error there as anywhere else in the value: the parser then reports it at its byte offset.
     */
    boolean skipsInvalidUtf8() {
        return lenient && (state == PRELUDE || (tree.depth() == 0 && numberCanEnd()));
    }

    /**
     * Ends a lenient value that is a top-level number when {@code next}, the first char past the document length
     * limit, cannot go on with it: that char only ends the value, and what follows a lenient value does not count
     * against the limit. Returns true when the value is complete. Called on the way to a limit error, never per chunk.
     */
    boolean endsTopLevelNumberBefore(char next) {
        boolean goesOn = (next >= '0' && next <= '9')
                || (next == '.' && (state == NUMBER_ZERO || state == NUMBER_INT))
                || ((next == 'e' || next == 'E') && state != NUMBER_EXPONENT);
        if (!lenient || tree.depth() != 0 || !numberCanEnd() || goesOn) {
            return false;
        }
        endNumber();
        return true;
    }

    boolean inTopLevelNumber() {
        return tree.depth() == 0 && state >= NUMBER_MINUS && state <= NUMBER_EXPONENT;
    }

    long offset() {
        return offset;
    }

    long line() {
        return line;
    }

    long column() {
        return offset - lineStart + 1;
    }

    Optional<PartialValue> snapshot() {
        return tree.wrap(current());
    }

    /** Returns the value as far as it has arrived, or null when none has started; see {@link #snapshot()}. */
    PartialValue current() {
        if (state == STRING && !tree.changed && !inKey) {
            // The common case, kept short: nothing but the open string changed, if anything, since the last
            // snapshot, which therefore already shares the string's buffer.
            return tree.grownStringSnapshot(string, stringLength);
        }
        boolean stringOpen = state >= STRING && state <= UNICODE && !inKey;
        if (!tree.changed && (!stringOpen || stringLength == tree.shownStringLength)) {
            return tree.lastSnapshot();
        }
        PartialValue snapshot = tree.snapshot(string, stringLength, stringOpen);
        if (stringOpen && string == valueBuffer) {
            valueBufferShared = true;
        }
        return snapshot;
    }

    /** Starts a new feed: completion paths now report this feed's. */
    void beginFeed() {
        tree.beginFeed();
    }

    /**
     * Starts a new feed of a short chunk and appends its chars to the open string, stopping before the first quote,
     * backslash or control char, which need the full state machine. Returns how many chars it took; the caller hands
     * the rest, if any, to {@link #feedShort}. This is the path of most model tokens (they land inside strings), so
     * it is kept short: no state is changed but the string's length, the offset and {@link #plainRoom}. (Its compiled
     * code is above C2's {@code InlineSmallCode}, so whether a caller inlines it depends on which compiles first; a
     * loop small enough to be always inlined was no faster.) The chunk is {@code text[first..first + length)}; the
     * caller has checked that it has 1 to {@link #plainRoom} chars.
     */
    int appendPlain(String text, int first, int length) {
        tree.logCurrent = false;
        int start = stringLength;
        char[] buffer = string;
        // No test of the chunk's length among its first six chars: a model's tokens have random lengths, so a test
        // per length mispredicts about once per token, which costs more than copying six chars. Six are read, the
        // index clamped to the chunk's last char, and all six stored (plainRoom leaves room for them); the tests of
        // the chars stay, as they pass on most tokens. See docs/benchmarks.md, "What the chunk lengths cost".
        int last = first + length - 1;
        char c0 = text.charAt(first);
        char c1 = text.charAt(Math.min(first + 1, last));
        char c2 = text.charAt(Math.min(first + 2, last));
        char c3 = text.charAt(Math.min(first + 3, last));
        char c4 = text.charAt(Math.min(first + 4, last));
        char c5 = text.charAt(Math.min(first + 5, last));
        buffer[start] = c0;
        buffer[start + 1] = c1;
        buffer[start + 2] = c2;
        buffer[start + 3] = c3;
        buffer[start + 4] = c4;
        buffer[start + 5] = c5;
        int taken;
        // One branch for the six chars rather than three per char: see PLAIN.
        byte[] plain = PLAIN;
        if ((plain[c0] & plain[c1] & plain[c2] & plain[c3] & plain[c4] & plain[c5]) != 0) {
            // A clamped read repeats the chunk's last char, so the six are plain exactly when the chunk's chars are.
            taken = length <= 6 ? length : appendRest(text, first, length, buffer, start);
        } else {
            taken = 0;
            while (plain(text.charAt(first + taken))) {
                taken++;
            }
        }
        // No need to flag the tree as changed: a snapshot compares the string's length with the one it showed.
        stringLength = start + taken;
        offset += taken;
        plainRoom -= taken;
        return taken;
    }

    private static boolean plain(char c) {
        return PLAIN[c] != 0;
    }

    /**
     * Returns how many chars {@link #appendAscii} may append now: the room left in the open string's buffer, less
     * five chars it may store beyond the chunk, or 0 when no string is open.
     */
    int stringRoom() {
        return state == STRING ? Math.max(0, stringRoom - stringLength - 5) : 0;
    }

    /**
     * The UTF-8 counterpart of {@link #appendPlain}: starts a new feed and appends the chunk's leading ASCII bytes
     * that need no escape to the open string, one char each, stopping before the first quote, backslash, control
     * char or non-ASCII byte (a multi-byte sequence is the decoder's). Returns how many it took. The chunk is {@code
     * utf8[first..first + length)}; the caller has checked that it has 1 to {@link #stringRoom()} bytes and fits the
     * document.
     */
    int appendAscii(byte[] utf8, int first, int length) {
        tree.logCurrent = false;
        int start = stringLength;
        char[] buffer = string;
        // Six bytes read and stored whatever the chunk's length, as in appendPlain and for the same reason.
        int last = first + length - 1;
        byte b0 = utf8[first];
        byte b1 = utf8[Math.min(first + 1, last)];
        byte b2 = utf8[Math.min(first + 2, last)];
        byte b3 = utf8[Math.min(first + 3, last)];
        byte b4 = utf8[Math.min(first + 4, last)];
        byte b5 = utf8[Math.min(first + 5, last)];
        buffer[start] = (char) b0;
        buffer[start + 1] = (char) b1;
        buffer[start + 2] = (char) b2;
        buffer[start + 3] = (char) b3;
        buffer[start + 4] = (char) b4;
        buffer[start + 5] = (char) b5;
        int taken;
        if (plain(b0) && plain(b1) && plain(b2) && plain(b3) && plain(b4) && plain(b5)) {
            taken = 6;
            if (length <= 6) {
                taken = length;
            } else {
                byte b;
                while (taken < length && plain(b = utf8[first + taken])) {
                    buffer[start + taken] = (char) b;
                    taken++;
                }
            }
        } else {
            taken = 0;
            while (plain(utf8[first + taken])) {
                taken++;
            }
        }
        stringLength = start + taken;
        offset += taken;
        return taken;
    }

    /** Bytes from 0x80 are negative: they fail the test, as control chars do, and are left to the decoder. */
    private static boolean plain(byte b) {
        return b >= 0x20 && b != '"' && b != '\\';
    }

    /** Continues {@link #appendPlain} after its first six chars. */
    private static int appendRest(String text, int first, int length, char[] buffer, int start) {
        int i = 6;
        while (i < length) {
            char c = text.charAt(first + i);
            if (!plain(c)) {
                break;
            }
            buffer[start + i] = c;
            i++;
        }
        return i;
    }

    /**
     * Parses chars {@code from..length} of the short chunk {@code text[first..first + length)}, using {@code window}
     * as scratch space. The feed has begun (see {@link #appendPlain} and {@link #beginFeed}).
     */
    void feedShort(CharSequence text, int first, int from, int length, char[] window) {
        copy(text, first, from, length, window);
        parse(window, from, length);
    }

    /**
     * Copies {@code text[first + from..first + length)} to {@code window[from..length)}, unrolled as in {@link
     * #appendPlain}.
     */
    private static void copy(CharSequence text, int first, int from, int length, char[] window) {
        int j = from;
        if (j == length) {
            return;
        }
        window[j] = text.charAt(first + j);
        if (++j == length) {
            return;
        }
        window[j] = text.charAt(first + j);
        if (++j == length) {
            return;
        }
        window[j] = text.charAt(first + j);
        if (++j == length) {
            return;
        }
        window[j] = text.charAt(first + j);
        if (++j == length) {
            return;
        }
        window[j] = text.charAt(first + j);
        if (++j == length) {
            return;
        }
        window[j] = text.charAt(first + j);
        for (j++; j < length; j++) {
            window[j] = text.charAt(first + j);
        }
    }

    List<JsonPointer> completedPaths() {
        return tree.completedPaths();
    }

    Optional<JsonPointer> activePath() {
        boolean childOpen =
                (state >= STRING && state <= UNICODE && !inKey) || (state >= NUMBER_MINUS && state <= LITERAL);
        return tree.activePath(childOpen);
    }

    // ---- states ----

    private int value(char[] chunk, int i, int end) {
        while (i < end) {
            char c = chunk[i];
            switch (c) {
                case ' ', '\t' -> i++;
                case '\r' -> carriageReturn(i++);
                case '\n' -> {
                    if (newline(i++)) {
                        return i; // a line of a value in a blockquote: its markers are next
                    }
                }
                case '"' -> {
                    startValueString();
                    return i + 1;
                }
                case '{', '[' -> {
                    push(c == '{', i);
                    state = c == '{' ? OBJECT_FIRST : ARRAY_FIRST;
                    return i + 1;
                }
                case 't', 'f', 'n' -> {
                    literal = c == 't' ? "true" : c == 'f' ? "false" : "null";
                    literalPosition = 1;
                    state = LITERAL;
                    return i + 1;
                }
                case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                    numberLength = 0;
                    integral = true;
                    appendNumber(c, i);
                    state = c == '-' ? NUMBER_MINUS : c == '0' ? NUMBER_ZERO : NUMBER_INT;
                    return i + 1;
                }
                case ']' -> {
                    if (state != ARRAY_FIRST) {
                        throw syntax(chunk, i, expected(state));
                    }
                    closeContainer();
                    return i + 1;
                }
                default -> {
                    // Like Jackson, accept a byte order mark at the very start of the document.
                    if (c == '\uFEFF' && base + i == 0) {
                        i++;
                    } else {
                        throw syntax(chunk, i, expected(state));
                    }
                }
            }
        }
        return i;
    }

    private int memberName(char[] chunk, int i, int end) {
        while (i < end) {
            char c = chunk[i];
            switch (c) {
                case ' ', '\t' -> i++;
                case '\r' -> carriageReturn(i++);
                case '\n' -> {
                    if (newline(i++)) {
                        return i; // a line of a value in a blockquote: its markers are next
                    }
                }
                case '"' -> {
                    inKey = true;
                    string = keyBuffer;
                    stringLength = 0;
                    stringRoom = Math.min(keyBuffer.length, maxNameLength);
                    state = STRING;
                    return i + 1;
                }
                case '}' -> {
                    if (state != OBJECT_FIRST) {
                        throw syntax(chunk, i, expected(state));
                    }
                    closeContainer();
                    return i + 1;
                }
                default -> throw syntax(chunk, i, expected(state));
            }
        }
        return i;
    }

    private int colon(char[] chunk, int i, int end) {
        while (i < end) {
            char c = chunk[i];
            switch (c) {
                case ' ', '\t' -> i++;
                case '\r' -> carriageReturn(i++);
                case '\n' -> {
                    if (newline(i++)) {
                        return i; // a line of a value in a blockquote: its markers are next
                    }
                }
                case ':' -> {
                    state = VALUE;
                    return i + 1;
                }
                default -> throw syntax(chunk, i, expected(state));
            }
        }
        return i;
    }

    private int afterValue(char[] chunk, int i, int end) {
        while (i < end) {
            char c = chunk[i];
            switch (c) {
                case ' ', '\t' -> i++;
                case '\r' -> carriageReturn(i++);
                case '\n' -> {
                    if (newline(i++)) {
                        return i; // a line of a value in a blockquote: its markers are next
                    }
                }
                case ',' -> {
                    state = tree.innermostIsObject() ? OBJECT_KEY : VALUE;
                    return i + 1;
                }
                case '}', ']' -> {
                    if ((c == '}') != tree.innermostIsObject()) {
                        throw syntax(chunk, i, expected(state));
                    }
                    closeContainer();
                    return i + 1;
                }
                default -> throw syntax(chunk, i, expected(state));
            }
        }
        return i;
    }

    private int done(char[] chunk, int i, int end) {
        if (lenient) {
            return end; // the first complete value is the answer; what follows is prose or a closing fence
        }
        while (i < end) {
            char c = chunk[i];
            if (c == '\n') {
                newline(i);
            } else if (c == '\r') {
                carriageReturn(i);
            } else if (c != ' ' && c != '\t') {
                throw syntax(chunk, i, expected(state));
            }
            i++;
        }
        return i;
    }

    /** Reads string content up to the closing quote, an escape, or the end of the chunk. */
    private int string(char[] chunk, int i, int end) {
        int at = stringLength;
        if (end - i > stringRoom - at) {
            return stringGrowing(chunk, i, end);
        }
        char[] buffer = string;
        int j = i;
        // Unrolled for the first six chars, as in appendPlain.
        copy:
        {
            char c;
            if (j == end || !plain(c = chunk[j])) {
                break copy;
            }
            buffer[at++] = c;
            if (++j == end || !plain(c = chunk[j])) {
                break copy;
            }
            buffer[at++] = c;
            if (++j == end || !plain(c = chunk[j])) {
                break copy;
            }
            buffer[at++] = c;
            if (++j == end || !plain(c = chunk[j])) {
                break copy;
            }
            buffer[at++] = c;
            if (++j == end || !plain(c = chunk[j])) {
                break copy;
            }
            buffer[at++] = c;
            if (++j == end || !plain(c = chunk[j])) {
                break copy;
            }
            buffer[at++] = c;
            for (j++; j < end && plain(c = chunk[j]); j++) {
                buffer[at++] = c;
            }
        }
        if (at != stringLength) {
            stringLength = at;
            if (!inKey) {
                tree.changed = true;
            }
        }
        if (j == end) {
            return j;
        }
        char c = chunk[j];
        if (c == '"') {
            endString();
            return j + 1;
        }
        if (c == '\\') {
            state = ESCAPE;
            return j + 1;
        }
        throw syntax(chunk, j, "a char other than a control char (escape it)");
    }

    /** {@link #string}, char by char, for content that may not fit the buffer: grows it or fails at the limit. */
    private int stringGrowing(char[] chunk, int i, int end) {
        char[] buffer = string;
        int length = stringLength;
        int limit = inKey ? maxNameLength : maxStringLength;
        int room = Math.min(buffer.length, limit);
        int started = length;
        try {
            while (i < end) {
                char c = chunk[i];
                if (c == '"') {
                    stringLength = length;
                    endString();
                    return i + 1;
                }
                if (c == '\\') {
                    state = ESCAPE;
                    return i + 1;
                }
                if (c < 0x20) {
                    throw syntax(chunk, i, "a char other than a control char (escape it)");
                }
                if (length == room) {
                    stringLength = length;
                    buffer = grow(i);
                    room = Math.min(buffer.length, limit);
                }
                buffer[length++] = c;
                i++;
            }
            return i;
        } finally {
            stringLength = length;
            if (length != started && !inKey) {
                tree.changed = true;
            }
        }
    }

    private int escape(char[] chunk, int i) {
        char c = chunk[i];
        char decoded;
        switch (c) {
            case '"', '\\', '/' -> decoded = c;
            case 'b' -> decoded = '\b';
            case 'f' -> decoded = '\f';
            case 'n' -> decoded = '\n';
            case 'r' -> decoded = '\r';
            case 't' -> decoded = '\t';
            case 'u' -> {
                hexDigits = 0;
                hexValue = 0;
                state = UNICODE;
                return i + 1;
            }
            default -> throw syntax(chunk, i, expected(state));
        }
        appendEscaped(decoded, i);
        return i + 1;
    }

    private int unicode(char[] chunk, int i, int end) {
        while (i < end) {
            char c = chunk[i];
            int digit = Character.digit(c, 16);
            if (digit < 0 || c > 'f') {
                throw syntax(chunk, i, expected(state));
            }
            hexValue = hexValue << 4 | digit;
            i++;
            if (++hexDigits == 4) {
                // A lone surrogate is kept in a value, as Jackson keeps it; a pair arrives as two escapes and the
                // snapshot hides the first half until the second is here.
                char decoded = (char) hexValue;
                if (inKey && (Character.isSurrogate(decoded) || lowSurrogateDue)) {
                    return nameSurrogate(decoded, i - 1);
                }
                appendEscaped(decoded, i - 1);
                return i;
            }
        }
        return i;
    }

    /**
     * Appends an escaped surrogate, or the escape that must be a low one, to a member name. As Jackson does, a name
     * holds no escaped lone surrogate: a name is matched to a property, and a lone surrogate matches none.
     */
    private int nameSurrogate(char decoded, int i) {
        if (lowSurrogateDue) {
            if (!Character.isLowSurrogate(decoded)) {
                throw surrogate(
                        "an escaped low surrogate (\\uDC00 to \\uDFFF) after a high one in a member name", decoded, i);
            }
            lowSurrogateDue = false;
        } else if (Character.isLowSurrogate(decoded)
                && (stringLength == 0 || !Character.isHighSurrogate(string[stringLength - 1]))) {
            throw surrogate("an escaped high surrogate before a low one in a member name", decoded, i);
        }
        appendEscaped(decoded, i);
        if (Character.isHighSurrogate(decoded)) {
            lowSurrogateDue = true;
            lowEscapeStarted = false;
            state = NAME_LOW_SURROGATE;
        }
        return i + 1;
    }

    /** Reads the {@code \\u} of the escaped low surrogate that must follow an escaped high one in a member name. */
    private int nameLowSurrogate(char[] chunk, int i) {
        char c = chunk[i];
        if (!lowEscapeStarted) {
            if (c != '\\') {
                throw syntax(chunk, i, expected(state));
            }
            lowEscapeStarted = true;
            return i + 1;
        }
        if (c != 'u') {
            throw syntax(chunk, i, "'u' of the escaped low surrogate that must follow a high one in a member name");
        }
        hexDigits = 0;
        hexValue = 0;
        state = UNICODE;
        return i + 1;
    }

    private JsonSyntaxException surrogate(String expected, char found, int i) {
        long at = base + i;
        return new JsonSyntaxException(expected, String.format("\\u%04X", (int) found), at, line, at - lineStart + 1);
    }

    private void appendEscaped(char c, int i) {
        if (stringLength == Math.min(string.length, inKey ? maxNameLength : maxStringLength)) {
            grow(i);
        }
        string[stringLength++] = c;
        state = STRING;
        if (!inKey) {
            tree.changed = true;
        }
    }

    private char[] grow(int i) {
        int limit = inKey ? maxNameLength : maxStringLength;
        if (stringLength >= limit) {
            throw limit(inKey ? JsonLimits.Limit.NAME_LENGTH : JsonLimits.Limit.STRING_LENGTH, limit, i);
        }
        int capacity = (int) Math.min(limit, Math.max(16L, string.length * 2L));
        string = Arrays.copyOf(string, capacity);
        stringRoom = capacity;
        if (inKey) {
            keyBuffer = string;
        } else {
            valueBuffer = string;
        }
        return string;
    }

    private void startValueString() {
        int slot = tree.depth() > 0 && tree.innermostIsObject() ? keyCache.lastSlot : -1;
        capacitySlot = slot;
        if (valueBufferShared) {
            int capacity = slot >= 0 ? keyCache.capacities[slot] : 0;
            valueBuffer = new char[capacity > 0 ? capacity : nextCapacity];
            valueBufferShared = false;
        }
        inKey = false;
        string = valueBuffer;
        stringLength = 0;
        stringRoom = Math.min(valueBuffer.length, maxStringLength);
        tree.startString();
        state = STRING;
    }

    private void endString() {
        if (inKey) {
            tree.key(keyCache.key(string, stringLength));
            state = COLON;
            return;
        }
        int length = stringLength;
        // Shrinks slowly after a long string, grows at once to fit a longer one.
        int fit = length + (length >> 2) + MIN_CAPACITY;
        int slot = capacitySlot;
        if (slot >= 0) {
            int capacity = keyCache.capacities[slot];
            keyCache.capacities[slot] = Math.min(MAX_FIRST_CAPACITY, Math.max(capacity - (capacity >> 3), fit));
        } else {
            nextCapacity = Math.min(MAX_FIRST_CAPACITY, Math.max(nextCapacity - (nextCapacity >> 3), fit));
        }
        // A complete string keeps its buffer when snapshots share it, unless most of it is unused.
        char[] chars = valueBufferShared && string.length <= 2 * length + 16 ? string : Arrays.copyOf(string, length);
        complete(new StringSnapshot(chars, length, true));
    }

    private int number(char[] chunk, int i, int end) {
        while (i < end) {
            char c = chunk[i];
            boolean digit = c >= '0' && c <= '9';
            switch (state) {
                case NUMBER_MINUS -> {
                    if (!digit) {
                        throw syntax(chunk, i, expected(state));
                    }
                    state = c == '0' ? NUMBER_ZERO : NUMBER_INT;
                }
                case NUMBER_ZERO, NUMBER_INT, NUMBER_FRACTION -> {
                    if (digit) {
                        if (state == NUMBER_ZERO) {
                            throw syntax(chunk, i, "'.', 'e' or the end of the number (no leading zeros)");
                        }
                    } else if (c == '.' && state != NUMBER_FRACTION) {
                        state = NUMBER_DOT;
                        integral = false;
                    } else if (c == 'e' || c == 'E') {
                        state = NUMBER_E;
                        integral = false;
                    } else {
                        endNumber();
                        return i;
                    }
                }
                case NUMBER_DOT -> {
                    if (!digit) {
                        throw syntax(chunk, i, expected(state));
                    }
                    state = NUMBER_FRACTION;
                }
                case NUMBER_E -> {
                    if (c == '+' || c == '-') {
                        state = NUMBER_EXPONENT_SIGN;
                    } else if (digit) {
                        state = NUMBER_EXPONENT;
                    } else {
                        throw syntax(chunk, i, expected(state));
                    }
                }
                case NUMBER_EXPONENT_SIGN -> {
                    if (!digit) {
                        throw syntax(chunk, i, expected(state));
                    }
                    state = NUMBER_EXPONENT;
                }
                default -> { // NUMBER_EXPONENT
                    if (!digit) {
                        endNumber();
                        return i;
                    }
                }
            }
            appendNumber(c, i);
            i++;
        }
        return i;
    }

    private void appendNumber(char c, int i) {
        if (numberLength == number.length) {
            if (numberLength >= maxNumberLength) {
                throw limit(JsonLimits.Limit.NUMBER_LENGTH, maxNumberLength, i);
            }
            number = Arrays.copyOf(number, Math.min(maxNumberLength, numberLength * 2));
        }
        number[numberLength++] = c;
    }

    private boolean numberCanEnd() {
        return state == NUMBER_ZERO || state == NUMBER_INT || state == NUMBER_FRACTION || state == NUMBER_EXPONENT;
    }

    private void endNumber() {
        complete(new NumberValue(new String(number, 0, numberLength), integral));
    }

    private int literal(char[] chunk, int i, int end) {
        while (i < end) {
            if (chunk[i] != literal.charAt(literalPosition)) {
                throw syntax(chunk, i, expected(state));
            }
            i++;
            if (++literalPosition == literal.length()) {
                complete(literal.equals("null") ? NullValue.INSTANCE : BooleanValue.of(literal.equals("true")));
                return i;
            }
        }
        return i;
    }

    // ---- structure ----

    private void push(boolean object, int i) {
        if (tree.depth() >= maxDepth) {
            throw limit(JsonLimits.Limit.NESTING_DEPTH, maxDepth, i);
        }
        tree.startContainer(object);
    }

    private void closeContainer() {
        tree.closeContainer();
        state = tree.depth() == 0 ? DONE : AFTER_VALUE;
    }

    private void complete(PartialValue value) {
        tree.complete(value);
        state = tree.depth() == 0 ? DONE : AFTER_VALUE;
    }

    /**
     * Counts the line feed at {@code chunk[i]}, read between tokens; returns true when the value is in a blockquote,
     * the state then {@link #QUOTE_MARGIN} for the markers that start the next line. That is one test of a field per
     * line feed between tokens; the strings, numbers and the rest of the whitespace read none.
     */
    private boolean newline(int i) {
        lineFeed(i);
        if (!quotedValue) {
            return false;
        }
        marginOf = state;
        state = QUOTE_MARGIN;
        return true;
    }

    /**
     * Counts the line feed at {@code chunk[i]}, read between tokens: it ends a line, unless it follows a carriage
     * return, which ended that line already.
     */
    private void lineFeed(int i) {
        long at = base + i;
        if (at != crEnd) {
            line++;
        }
        lineStart = at + 1;
    }

    /**
     * Counts the carriage return at {@code chunk[i]}, read between tokens: alone or before a line feed, it ends a
     * line, as Jackson and the lenient prelude count lines.
     */
    private void carriageReturn(int i) {
        line++;
        lineStart = crEnd = base + i + 1;
    }

    /**
     * Skips what starts a line of a value in a blockquote: its {@code >} markers, with the spaces or tabs around them,
     * and lines of markers alone; then returns to the state the line feed was read in, which reads the next char. A
     * {@code >} anywhere else is what it was: an error between tokens, text in a string (where a line break is an
     * error, so no line of the blockquote starts inside one).
     */
    private int quoteMargin(char[] chunk, int i, int end) {
        while (i < end) {
            char c = chunk[i];
            if (c == '\n') {
                lineFeed(i);
            } else if (c == '\r') {
                carriageReturn(i);
            } else if (c != '>' && c != ' ' && c != '\t') {
                state = marginOf;
                return i;
            }
            i++;
        }
        return i;
    }

    // ---- errors ----

    private String expected(int state) {
        return switch (state) {
            case PRELUDE -> prelude.expected();
            case QUOTE_MARGIN -> expected(marginOf);
            case NAME_LOW_SURROGATE -> "'\\' of the escaped low surrogate that must follow a high one in a member name";
            case VALUE -> "a JSON value";
            case ARRAY_FIRST -> "a JSON value or ']'";
            case OBJECT_FIRST -> "'\"' or '}'";
            case OBJECT_KEY -> "'\"'";
            case COLON -> "':'";
            case AFTER_VALUE -> tree.innermostIsObject() ? "',' or '}'" : "',' or ']'";
            case STRING -> "'\"'";
            case ESCAPE -> "an escape char (one of \"\\/bfnrtu)";
            case UNICODE -> "a hex digit";
            case NUMBER_MINUS, NUMBER_DOT, NUMBER_E, NUMBER_EXPONENT_SIGN -> "a digit";
            case LITERAL -> "'" + literal.charAt(literalPosition) + "' (of " + literal + ")";
            case DONE -> "the end of input";
            // A number that could end here is reported only at the end of input inside a container.
            default -> tree.innermostIsObject() ? "a digit, ',' or '}'" : "a digit, ',' or ']'";
        };
    }

    private JsonSyntaxException syntax(char[] chunk, int i, String expected) {
        long at = base + i;
        return new JsonSyntaxException(expected, describe(chunk[i]), at, line, at - lineStart + 1);
    }

    private JsonLimitException limit(JsonLimits.Limit limit, long maximum, int i) {
        long at = base + i;
        return new JsonLimitException(limit, maximum, at, line, at - lineStart + 1);
    }

    static String describe(char c) {
        if (c >= 0x20 && c < 0x7F) {
            return "'" + c + "'";
        }
        String code = String.format("U+%04X", (int) c);
        return c > 0xA0 && !Character.isSurrogate(c) && !Character.isISOControl(c)
                ? "'" + c + "' (" + code + ")"
                : code;
    }
}
