package dev.instructor.json;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An incremental JSON parser: feed it text a few characters at a time and ask, after any chunk, what the value
 * looks like so far.
 *
 * <pre>{@code
 * PartialJsonParser parser = PartialJsonParser.strict();
 * for (String chunk : chunks) {
 *     parser.feed(chunk);
 *     parser.snapshot().ifPresent(value -> render(value.toJson()));
 * }
 * PartialValue complete = parser.finish();
 * }</pre>
 *
 * <p>Not thread-safe: one thread feeds a parser at a time. The snapshots it returns are immutable and may be handed
 * to other threads.
 *
 * <p><b>Cost.</b> A feed costs time proportional to its length, never to what came before: nothing is scanned twice.
 * {@link #snapshot()} costs O(1): it shares every completed node and the buffers of growing strings with earlier
 * snapshots, and the nodes of the open path are made when a consumer first walks into them (O(depth) for a walk
 * from the root to the innermost open value). {@link #completedPaths()} and {@link #activePath()} build their
 * pointers only when called. A consumer that rebuilds something of its own after every snapshot can ask {@link
 * OpenPath} whether only the open string grew since the last one, and take that string's text without walking to it.
 *
 * <p><b>Errors.</b> Invalid input makes {@code feed} throw a {@link JsonParseException} naming the offset, line and
 * column of the offending input unit. Offsets count chars for text input and bytes for UTF-8 input; columns count
 * chars in both. After a failure the parser refuses input: {@code feed} throws {@link IllegalStateException} with
 * the failure as its cause, and {@code finish()} throws the failure again. {@link #snapshot()} keeps working and
 * shows everything parsed before the offending char, so nothing already received is lost. A parser takes either
 * text or bytes, not both.
 *
 * <p><b>Compared with Jackson's non-blocking parser.</b> Jackson's non-blocking parser (from
 * {@code createNonBlockingByteArrayParser()}) is a tokenizer: it hands out tokens as they complete and leaves building
 * a value to the caller, and it has no way to show a string before its closing quote. This parser builds the value
 * itself and shows it at any moment, strings included, as an immutable tree that shares structure with earlier
 * snapshots. Jackson reads bytes only; this one reads chars or bytes. Jackson can parse a stream of many root values;
 * this one reads exactly one (and, in lenient mode, finds it inside prose and markdown fences). Both keep one state
 * machine whose work per chunk is proportional to the chunk.
 */
public final class PartialJsonParser {
    /** Input is handed to the state machine in windows of at most this many chars, to bound the scratch buffer. */
    private static final int WINDOW = 8192;
    /** Up to this many chars, a text chunk takes the short path (see {@link JsonStateMachine#feedShort}). */
    private static final int SHORT_CHUNK = 16;

    private static final byte[] NO_BYTES = {};

    // What the parser takes next (its status): one of these.
    private static final int FRESH = 0;
    private static final int TEXT = 1;
    private static final int BYTES = 2;
    private static final int FINISHED = 3;
    private static final int FAILED = 4;

    private final JsonStateMachine machine;
    private final long maxDocumentLength;

    private char[] window = new char[64];
    private Utf8Decoder decoder;
    private int status = FRESH;
    /** Bytes taken so far, when reading bytes; text input counts its chars in {@link JsonStateMachine#offset()}. */
    private long units;

    private JsonParseException failure;

    private PartialJsonParser(Builder builder) {
        this.machine = new JsonStateMachine(
                builder.lenient, builder.expectObject, builder.startsInsideReasoning, builder.limits);
        this.maxDocumentLength = builder.limits.maxDocumentLength();
    }

    /** Returns a parser that accepts exactly one JSON value, surrounded by nothing but whitespace. */
    public static PartialJsonParser strict() {
        return builder().build();
    }

    /**
     * Returns a parser for chatty model output: it skips prose and a markdown fence before the first object or
     * array, and stops at the end of that value, ignoring what follows.
     *
     * <p>The value starts at the first <code>&#123;</code> or {@code [} that JSON may follow: the next char that is
     * not whitespace must be {@code "} or <code>&#125;</code> after <code>&#123;</code>, and a value's first char or
     * {@code ]} after {@code [}, so that prose such as <code>ideas for &#123;topic&#125;</code> or {@code [your list]}
     * is not taken for the value (when the value is known to be an object, see {@link Builder#expectObject}, {@code
     * [1]} and {@code [note]} are not either). Once the value has started, the input must be valid JSON up to the
     * value's end. When the input ends before a value started, {@link #finish()} throws {@link
     * JsonIncompleteException} without a partial. A value in a blockquote, its first bracket on a line that starts
     * with {@code >} (a model quoting its whole answer, every line starting with {@code > }), is read with the {@code
     * >} markers that start its next lines skipped as whitespace between tokens; a {@code >} anywhere else in the value
     * is an error, as is a line break in a string. Its lines may end with a line feed or with both a carriage return
     * and a line feed.
     *
     * <p>A markdown fence (a line of three backticks or more, or of three tildes or more, and an optional info string)
     * labeled {@code json}, {@code jsonc} or {@code json5}, in any case (the info's first word, or the first class of
     * attributes such as <code>&#123;.json .numberLines&#125;</code>), holds the value: it starts at the fence
     * content's first char that is not whitespace and may be any JSON value. Any other fence, labeled or not, holds the
     * value when its content starts with an object or array, checked as a bracket in prose is; else it holds code or an
     * example, and is skipped whole up to its closing fence (a line that starts with as many of the same char or more,
     * then only spaces or tabs: backticks in a tilde fence are its text, and the other way round, and so is a line such
     * as {@code ```json} in a fence of code, unless the fence has no info and that is its first line: the model opened
     * it again), brackets and tags included. A fence's info line may end with a line feed, a carriage return or both.
     * Three backticks followed by a backtick on the same line are inline code, not a fence; a tilde fence's info line
     * may hold backticks, and tildes open a fence only at the start of a line. Backticks inside a line, after text,
     * open a fence only when a label alone, or nothing, follows them on their line ({@code Here:```json}); followed by
     * a quote mark or a second word they are written about ({@code "```json"}, {@code wrap it in ```json and ```}) and
     * read as inline code, as CommonMark reads them. A fence in a blockquote (its run after the {@code >} markers that
     * start a line) is a quotation, such as of the prompt's example, labeled json or not: it is skipped whole, up to
     * its closing fence in the blockquote or the blockquote's end (a line without {@code >}). The value is not sought
     * in it, as what a model quotes before its answer is an example; the error when no value follows says so.
     * A <code>&#123;</code> or {@code [} on the info line starts the fence's content there only when JSON may follow
     * it, as in prose; else it is info, as attributes such as <code>&#123;.json&#125;</code> are.
     *
     * <p>A reasoning model's thinking block in the prose, {@code <think>...</think>}, {@code <thinking>...</thinking>}
     * (tags in any letter case), Magistral's {@code [THINK]...[/THINK]} (in upper case, as its tokenizer writes them),
     * gpt-oss's analysis and commentary channels, {@code <|channel|>analysis<|message|>...<|end|>} (only its final
     * channel holds the answer; its special tokens stripped, {@code analysis} run into its first word as the answer's
     * very first chars, up to {@code assistantfinal}), Seed-OSS's {@code <seed:think>...</seed:think>} or Kimi-VL's
     * {@code \u25c1think\u25b7...\u25c1/think\u25b7}, is skipped whole, brackets and fences included: a reasoning model
     * served without a reasoning parser writes what it thinks about, often a draft of the value, before the answer. A
     * marker quoted in inline code (<code>`&lt;think&gt;`</code>) or after a quote mark closed on its line ({@code
     * "<think>"}, {@code '[THINK]'}, typographic ones too) opens no block; inline code ends at its closing backticks (a
     * run as long as its opening one) or at the end of the line, and a run of backticks of another length in it, three
     * or more included, is its text, not a fence. A backtick that nothing closes on its line is a stray one (CommonMark
     * reads it as a literal backtick): a marker after it is written, and its block skipped whole, drafts included.
     *
     * <p>The value is the first one found, shown as it arrives: nothing after it can change it, since telling an
     * example or a draft from the answer would take the text after it, held back with every partial. So JSON given
     * as an example before the answer, in prose, in inline code (<code>`&#123;"a": 1&#125;`</code>) or in a fence
     * labeled json, is taken for the value, as the only JSON of an answer written so would be; and so is a draft in a
     * thinking block whose opening tag the chat template wrote into the prompt rather than the model into the answer
     * (QwQ, DeepSeek-R1 and Qwen3's Thinking-2507 models answer their reasoning, {@code </think>}, then the answer):
     * with no opening tag, the reasoning is prose until its closing tag, which comes after the draft. For such a model,
     * build the parser with {@link Builder#startsInsideReasoning}, or serve it with a reasoning parser, which moves
     * the reasoning out of the answer.
     *
     * <p>Fed UTF-8, it treats bytes that are not valid UTF-8 as the text around the value is treated: before the value
     * they are prose, after it they are ignored (they end a top-level number that may end there, as {@code 12} may and
     * {@code 1.} may not); inside the value they are an error. In prose, each invalid sequence counts as one column, as
     * the U+FFFD a browser's decoder shows for it: the longest start of a valid sequence, or a single byte (Unicode's
     * "maximal subpart"; {@code ED A0 80}, an encoded surrogate, is three).
     */
    public static PartialJsonParser lenient() {
        return builder().lenient(true).build();
    }

    /** Returns a builder for a parser with custom mode and limits. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses the next chunk of text.
     *
     * @param chunk any number of chars; a surrogate pair or an escape sequence may be split across chunks
     * @throws JsonParseException when the text is invalid or exceeds a limit; the parser then refuses more input
     *     and keeps its last good snapshot
     * @throws IllegalStateException when an earlier feed failed, {@link #finish()} was called, or bytes were fed
     *     before
     */
    public void feed(CharSequence chunk) {
        feedRange(chunk, 0, chunk.length());
    }

    /**
     * Parses the next chunk of text: {@code length} chars of {@code text} from {@code offset}. Reading a range of a
     * buffer that already holds the stream (a decoder's line, a {@code StringBuilder}) saves cutting each chunk into
     * a {@code String} of its own.
     *
     * @param text the buffer; its chars are read during this call only
     * @param offset index of the first char to read
     * @param length number of chars to read; a surrogate pair or an escape sequence may be split across chunks
     * @throws JsonParseException when the text is invalid or exceeds a limit; the parser then refuses more input
     *     and keeps its last good snapshot
     * @throws IllegalStateException when an earlier feed failed, {@link #finish()} was called, or bytes were fed
     *     before
     * @throws IndexOutOfBoundsException when {@code offset} and {@code length} do not fit {@code text}
     */
    public void feed(CharSequence text, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, text.length());
        feedRange(text, offset, length);
    }

    private void feedRange(CharSequence text, int offset, int length) {
        // The common case, a model token of a few chars, kept short: its fixed cost is paid per token. Most tokens
        // land inside a string and end there. The machine's plainRoom is 0 unless text is fed into an open string.
        // What the in-string path leaves goes through the window, which holds SHORT_CHUNK chars at least.
        if (takesPlainPath(length) && text instanceof String string) {
            int taken = machine.appendPlain(string, offset, length);
            if (taken < length) {
                feedShort(text, offset, taken, length);
            }
            return;
        }
        if (status == TEXT && length <= SHORT_CHUNK && length <= maxDocumentLength - machine.offset()) {
            machine.beginFeed();
            feedShort(text, offset, 0, length);
            return;
        }
        feedText(text, offset, length);
    }

    /**
     * Returns true when a {@code String} chunk of {@code length} chars fed now goes straight into the open string
     * ({@link JsonStateMachine#appendPlain}): it is short and fits the string's buffer and the document.
     * Package-private so that tests can show that the path they compare with the general one is taken.
     */
    boolean takesPlainPath(int length) {
        return length <= SHORT_CHUNK && Integer.compareUnsigned(length - 1, machine.plainRoom) < 0;
    }

    /**
     * Returns true when a UTF-8 chunk of {@code length} bytes fed now goes first to the open string ({@link
     * JsonStateMachine#appendAscii}): bytes are being read, a string is open with room for the chunk, the chunk fits
     * the document and no sequence is pending from the last chunk. Package-private for the same reason as {@link
     * #takesPlainPath}.
     */
    boolean takesAsciiPath(int length) {
        return status == BYTES
                && Integer.compareUnsigned(length - 1, machine.stringRoom()) < 0
                && length <= maxDocumentLength - units
                && !decoder.hasPending();
    }

    /** Parses chars {@code from..length} of the chunk {@code text[offset..offset + length)}. */
    private void feedShort(CharSequence text, int offset, int from, int length) {
        try {
            machine.feedShort(text, offset, from, length, window);
        } catch (JsonParseException e) {
            throw fail(e);
        }
    }

    /**
     * Parses the next chunk of UTF-8 bytes.
     *
     * @param utf8 the buffer; its bytes are read during this call only
     * @param offset index of the first byte to read
     * @param length number of bytes to read; a multi-byte sequence may be split across chunks
     * @throws JsonParseException when the input is invalid (including invalid UTF-8) or exceeds a limit; the parser
     *     then refuses more input and keeps its last good snapshot
     * @throws IllegalStateException when an earlier feed failed, {@link #finish()} was called, or text was fed
     *     before
     * @throws IndexOutOfBoundsException when {@code offset} and {@code length} do not fit {@code utf8}
     */
    public void feed(byte[] utf8, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, utf8.length);
        // As for text, the common case first: a chunk inside an open string, no sequence pending from the last chunk.
        // Its leading ASCII bytes go straight into the string; the rest, if any, takes the decoder below.
        if (takesAsciiPath(length)) {
            int taken = machine.appendAscii(utf8, offset, length);
            units += taken;
            if (taken == length) {
                return;
            }
            offset += taken;
            length -= taken;
        }
        checkUsable(BYTES);
        machine.beginFeed();
        if (decoder == null) {
            decoder = new Utf8Decoder();
        }
        int allowed = allowed(length);
        try {
            for (int from = 0; from < allowed && !machine.ignoresInput(); ) {
                int n = Math.min(WINDOW, allowed - from);
                feedBytes(utf8, offset + from, n);
                from += n;
            }
            if (allowed < length
                    && !machine.ignoresInput()
                    && !machine.endsTopLevelNumberBefore((char) (utf8[offset + allowed] & 0xFF))) {
                throw documentTooLong(units);
            }
        } catch (JsonParseException e) {
            throw fail(e);
        }
    }

    /**
     * Returns the value as far as it has arrived, or empty when no value has started. A number or literal at the top
     * level shows only once complete, as anywhere else: a top-level number, which has no closing char, shows once a
     * char that cannot go on with it (whitespace) arrives, or at {@link #finish()}. Returns the same instance as the
     * previous call when nothing visible changed in between.
     */
    public Optional<PartialValue> snapshot() {
        return machine.snapshot();
    }

    /**
     * Returns the value as far as it has arrived, or {@code null} when no value has started: what {@link #snapshot()}
     * holds, without the {@code Optional}. For a caller that takes a snapshot after every chunk of a long stream and
     * unwraps it at once, this saves allocating an {@code Optional} per changed snapshot. Returns the same instance as
     * the previous call when nothing visible changed in between.
     */
    public PartialValue current() {
        return machine.current();
    }

    /**
     * Returns the JSON Pointers of the values completed by the last {@code feed}, innermost first, in the order
     * they completed. {@link #finish()} counts as a feed of the end of input: after it the list holds the root when
     * the end completed a top-level number, and is empty otherwise. The root's pointer prints as the empty string.
     */
    public List<JsonPointer> completedPaths() {
        return machine.completedPaths();
    }

    /** Returns the path of the value being written, or empty when none is (before the start, after the end). */
    public Optional<JsonPointer> activePath() {
        return machine.activePath();
    }

    /** Returns true once the root value is complete. */
    public boolean isComplete() {
        return machine.isComplete();
    }

    /**
     * Declares the end of input and returns the complete value. A number at the top level completes here, as it
     * has no closing char. Calling it again returns the same value.
     *
     * @throws JsonIncompleteException when the input ended before the value did
     * @throws JsonSyntaxException when the input was invalid
     * @throws JsonLimitException when the input exceeded a limit
     */
    public PartialValue finish() {
        if (status == FAILED) {
            throw failure;
        }
        status = FINISHED;
        machine.textInput(false);
        machine.beginFeed();
        try {
            if (decoder != null && decoder.hasPending() && !machine.ignoresInput()) {
                finishPending();
            }
            return finishMachine();
        } catch (JsonParseException e) {
            throw fail(e);
        }
    }

    /** Ends the input inside a UTF-8 sequence: a char skipped in lenient mode, else an error if a value ended. */
    private void finishPending() {
        if (machine.skipsInvalidUtf8()) {
            decoder.dropPending();
            skipInvalidSequence();
        } else if (machine.isComplete() || machine.inTopLevelNumber()) {
            throw new JsonSyntaxException(
                    "a complete UTF-8 sequence",
                    "the end of input",
                    units - decoder.pendingCount(),
                    machine.line(),
                    machine.column());
        }
    }

    /** Completes the machine's value; the offset of what it reports is in bytes for UTF-8 input. */
    private PartialValue finishMachine() {
        try {
            return machine.finish();
        } catch (JsonParseException e) {
            // The machine counts chars. What it reports at the end of input lies in the chars after the last one
            // decoded, which are ASCII (a top-level number) or none, so the byte offset is as far from the end.
            throw decoder == null ? e : atByteOffset(e, units - (machine.offset() - e.offset()));
        }
    }

    private void feedText(CharSequence chunk, int offset, int length) {
        checkUsable(TEXT);
        machine.beginFeed();
        int allowed = allowed(length);
        try {
            for (int from = 0; from < allowed; ) {
                int n = Math.min(WINDOW, allowed - from);
                char[] chars = window(n);
                int at = offset + from;
                if (chunk instanceof String text && n > SHORT_CHUNK) {
                    text.getChars(at, at + n, chars, 0);
                } else {
                    for (int i = 0; i < n; i++) {
                        chars[i] = chunk.charAt(at + i);
                    }
                }
                machine.parse(chars, 0, n);
                from += n;
            }
            if (allowed < length
                    && !machine.ignoresInput()
                    && !machine.endsTopLevelNumberBefore(chunk.charAt(offset + allowed))) {
                throw documentTooLong(machine.offset());
            }
        } catch (JsonParseException e) {
            throw fail(e);
        }
    }

    private JsonParseException fail(JsonParseException e) {
        machine.textInput(false);
        status = FAILED;
        failure = e;
        return e;
    }

    private void feedBytes(byte[] utf8, int from, int length) {
        if (parseDecoded(utf8, from, from + length, units)) {
            skipInvalidUtf8(utf8, from, length);
        }
        units += length;
    }

    /** Goes on after {@link #parseDecoded} stopped at invalid UTF-8 that lenient mode skips, for as long as it does. */
    private void skipInvalidUtf8(byte[] utf8, int from, int length) {
        int end = from + length;
        int segment;
        do {
            segment = decoder.skip();
            skipInvalidSequence();
        } while (parseDecoded(utf8, segment, end, units + (segment - from)));
    }

    /**
     * Hands the machine an invalid sequence as the one char it skips (see {@link #parseDecoded}). Only where that char
     * cannot be an error ({@link JsonStateMachine#skipsInvalidUtf8}): the machine would report it at a char offset.
     */
    private void skipInvalidSequence() {
        window(1)[0] = '\uFFFD';
        machine.parse(window, 0, 1);
    }

    /**
     * Decodes {@code utf8[from..end)}, whose first byte is at document offset {@code byteStart}, and parses it.
     * Returns true when it stopped at invalid UTF-8 that lenient mode skips, which the caller then does: before a
     * lenient value an invalid sequence is prose like any other, and after a top-level number it ends the number as
     * any other char would. The machine reads it as one replacement char, so that columns count one per sequence.
     */
    private boolean parseDecoded(byte[] utf8, int from, int end, long byteStart) {
        int carried = decoder.pendingCount();
        byte[] carriedBytes = carried == 0 ? NO_BYTES : new byte[carried];
        for (int i = 0; i < carried; i++) {
            carriedBytes[i] = decoder.pendingByte(i);
        }
        long charStart = machine.offset();
        char[] chars = window(end - from + 1);
        int n = decoder.decode(utf8, from, end, chars);
        try {
            machine.parse(chars, 0, n);
        } catch (JsonParseException e) {
            long at = new ByteOffsets(carriedBytes, utf8, from, byteStart).byteOffsetOf(e.offset() - charStart);
            throw atByteOffset(e, at);
        }
        // Past the end of a lenient value the rest is ignored, valid UTF-8 or not, however it is cut.
        if (decoder.errorIndex < 0 || machine.ignoresInput()) {
            return false;
        }
        if (machine.skipsInvalidUtf8()) {
            return true;
        }
        throw new JsonSyntaxException(
                decoder.errorExpected,
                String.format("byte 0x%02X", utf8[decoder.errorIndex] & 0xFF),
                byteStart + decoder.errorIndex - from,
                machine.line(),
                machine.column());
    }

    private static JsonParseException atByteOffset(JsonParseException e, long at) {
        if (e instanceof JsonSyntaxException syntax) {
            return new JsonSyntaxException(syntax.expected(), syntax.found(), at, e.line(), e.column());
        }
        if (e instanceof JsonLimitException limit) {
            return new JsonLimitException(limit.limit(), limit.maximum(), at, e.line(), e.column());
        }
        if (e instanceof JsonIncompleteException incomplete) {
            return new JsonIncompleteException(incomplete.expected(), incomplete.partial(), at, e.line(), e.column());
        }
        return e;
    }

    private int allowed(int length) {
        long room = maxDocumentLength - (status == TEXT ? machine.offset() : units);
        return room >= length ? length : (int) Math.max(0, room);
    }

    private JsonLimitException documentTooLong(long at) {
        return new JsonLimitException(
                JsonLimits.Limit.DOCUMENT_LENGTH, maxDocumentLength, at, machine.line(), machine.column());
    }

    private char[] window(int length) {
        if (window.length < length) {
            window = new char[Math.max(length, Math.min(WINDOW + 1, window.length * 2))];
        }
        return window;
    }

    private void checkUsable(int input) {
        if (status == FAILED) {
            throw new IllegalStateException("the parser failed earlier and takes no more input", failure);
        }
        if (status == FINISHED) {
            throw new IllegalStateException("finish() was called; the parser takes no more input");
        }
        if (status != FRESH && status != input) {
            throw new IllegalStateException("a parser takes either text or bytes, not both");
        }
        if (status == FRESH && input == TEXT) {
            machine.textInput(true);
        }
        status = input;
    }

    /** Configures a {@link PartialJsonParser}. */
    public static final class Builder {
        private boolean lenient;
        private boolean expectObject;
        private boolean startsInsideReasoning;
        private JsonLimits limits = JsonLimits.defaults();

        private Builder() {}

        /**
         * Chooses lenient mode (see {@link PartialJsonParser#lenient()}) or strict mode, the default.
         *
         * @param lenient true for lenient
         * @return this builder
         */
        public Builder lenient(boolean lenient) {
            this.lenient = lenient;
            return this;
        }

        /**
         * Declares that the value sought is an object, as it is when the model was asked for one: in lenient mode,
         * a {@code [} in the prose then starts the value only when an object follows it, so that citations and notes
         * such as {@code [1]}, {@code [note]} or {@code - [ ] task} stay prose. An array of objects given where one
         * object was asked for does start the value, and is returned whole for the caller to reject, rather than its
         * first object taken. A fence labeled json still holds whatever value it holds. Strict mode reads no prose,
         * and ignores this.
         *
         * @param expectObject true when the value sought is an object; false, the default, for any value
         * @return this builder
         */
        public Builder expectObject(boolean expectObject) {
            this.expectObject = expectObject;
            return this;
        }

        /**
         * Declares that the input starts inside a reasoning model's thinking block, as the answer of a model whose chat
         * template writes the opening {@code <think>} into the prompt does (QwQ, DeepSeek-R1 and its distills, Qwen3's
         * Thinking-2507 models, served without a reasoning parser): in lenient mode, everything up to the first closing
         * marker of the blocks lenient mode knows ({@code </think>}, {@code </thinking>}, {@code [/THINK]},
         * {@code <|end|>}, {@code </seed:think>}, {@code \u25c1/think\u25b7} or {@code assistantfinal}) is then
         * skipped, drafts of the value included, and the value is sought after it as in any lenient input. An opening
         * marker the model writes as well ({@code <think>} after the template's) is reasoning text like any other:
         * blocks do not nest, and the first closing marker ends the reasoning. Input that never closes the reasoning,
         * such as a whole answer of JSON, holds no value: {@link PartialJsonParser#finish()} throws {@link
         * JsonIncompleteException} saying the reasoning never ended. Strict mode reads no reasoning, and refuses this.
         *
         * @param startsInsideReasoning true when the input starts inside reasoning; false, the default, when a
         *     thinking block in it starts at its opening marker
         * @return this builder
         */
        public Builder startsInsideReasoning(boolean startsInsideReasoning) {
            this.startsInsideReasoning = startsInsideReasoning;
            return this;
        }

        /**
         * Sets the size limits.
         *
         * @param limits the limits; {@link JsonLimits#defaults()} unless set
         * @return this builder
         */
        public Builder limits(JsonLimits limits) {
            if (limits == null) {
                throw new NullPointerException("limits");
            }
            this.limits = limits;
            return this;
        }

        /**
         * Returns a new parser.
         *
         * @throws IllegalStateException when {@link #startsInsideReasoning} is set in strict mode, which reads no
         *     reasoning
         */
        public PartialJsonParser build() {
            if (startsInsideReasoning && !lenient) {
                throw new IllegalStateException(
                        "startsInsideReasoning(true) needs lenient(true): strict mode reads no text but the value");
            }
            return new PartialJsonParser(this);
        }
    }
}
