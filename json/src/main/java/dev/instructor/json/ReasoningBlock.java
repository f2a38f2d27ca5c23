package dev.instructor.json;

/**
 * Finds a reasoning model's thinking block in the prose before the value, so that lenient mode skips it whole. A
 * reasoning model served by an OpenAI-compatible server without a reasoning parser (or by an older Ollama) writes its
 * thinking into the answer itself, and what it thinks about is the answer: its braces would otherwise start the value.
 * The blocks known:
 *
 * <ul>
 *   <li>{@code <think>...</think>}: DeepSeek-R1, QwQ and their distills, Qwen3 and many others; {@code
 *       <thinking>...</thinking>}, which prompts for other models ask for. Both in any letter case.
 *   <li>{@code [THINK]...[/THINK]}: Mistral's Magistral 1.1 and later, whose tokenizer has them as special tokens, in
 *       upper case only. Matching them exactly keeps {@code [think]}, which may start an array of {@code true}, out.
 *   <li>{@code <|channel|>analysis...<|end|>}: gpt-oss's chain of thought in OpenAI's Harmony format, special
 *       tokens all, in their one case; its header may name a built-in tool it calls ({@code <|channel|>analysis
 *       to=python code<|message|>}). {@code <|channel|>commentary...<|end|>} too: not thinking, but preambles and tool
 *       calls, which are not the answer either. Only the final channel holds the answer, and its header is prose
 *       before the value. A tool call ends with {@code <|call|>}, where the model stops; in a transcript that goes on,
 *       the tool's result, in the commentary or analysis channel, ends with the {@code <|end|>} that ends the block.
 *   <li>{@code analysis...assistantfinal}: the same served with its special tokens stripped from the text, as by
 *       servers that neither parse Harmony nor keep special tokens; only at the very start of the answer, where the
 *       analysis channel's name is left, in lower case and run into its first word ({@code analysisWe need...}). All
 *       up to the final channel's header, other channels' messages included, is skipped.
 *   <li>{@code <seed:think>...</seed:think>}: ByteDance's Seed-OSS, special tokens too, which a {@code </think>} in the
 *       block does not close.
 *   <li>{@code \u25c1think\u25b7...\u25c1/think\u25b7}: Moonshot's Kimi-VL-A3B-Thinking, whose model card finds them in
 *       text decoded without special tokens, so they are ordinary text a server shows.
 * </ul>
 *
 * <p>A model whose chat template writes the opening marker into the prompt answers from inside the block: the block
 * is then open from the start ({@link #startInside}), and the first closing marker of any of these ends it.
 *
 * <p>Markers are matched one char at a time against the last chars read, so a marker may be split across chunks.
 */
final class ReasoningBlock {
    /** A block's opening and closing markers; when {@code anyCase}, they are written in lower case. */
    private record Marker(String open, String close, boolean anyCase) {}

    private static final Marker[] MARKERS = {
        new Marker("<think>", "</think>", true),
        new Marker("<thinking>", "</thinking>", true),
        new Marker("[THINK]", "[/THINK]", false),
        new Marker("<|channel|>analysis", "<|end|>", false),
        new Marker("<|channel|>commentary", "<|end|>", false),
        new Marker("<seed:think>", "</seed:think>", false),
        new Marker("\u25c1think\u25b7", "\u25c1/think\u25b7", false),
    };

    /** Harmony without its special tokens, recognised only as the answer's first chars. */
    private static final Marker STRIPPED_HARMONY = new Marker("analysis", "assistantfinal", false);

    /**
     * The block a chat template opened in the prompt, which the answer starts inside: it has no opening marker, and
     * the closing marker of any block known ends it, as the reasoning of whichever model wrote it.
     */
    private static final Marker TEMPLATE = new Marker("", "</think>", true);

    private static final int LONGEST = longest();
    /** The chars kept: the longest marker and the char before it, which may be a quote mark around it. */
    private static final int RING = LONGEST + 1;

    /**
     * The last char of each opening marker, in both cases when it is matched in any: any other char completes none,
     * and prose (which may run to tens of thousands of chars before the value) then costs no scan of the markers.
     */
    private static final String OPENING_ENDS = lastChars(true);

    /** The last char of each closing marker, in both cases when it is matched in any, for {@link #TEMPLATE}'s end. */
    private static final String CLOSING_ENDS = lastChars(false);

    /** The last chars read, a ring of {@link #RING}; {@code recent[(next - 1) mod RING]} is the last one. */
    private final char[] recent = new char[RING];

    private int next;
    /** How many of the chars in {@link #recent} were read since a marker ended, at most {@link #RING}. */
    private int count;
    /** How many chars of prose were read from the start of the answer, at most {@link #LONGEST}. */
    private int fromStart;
    /** The block being read, else null. */
    private Marker block;
    /** The char read right before the opening marker of the block being read, or 0 when none was. */
    private char before;
    /** Whether the block being read is stripped Harmony's, and its first char is still to come. */
    private boolean strippedStart;

    /**
     * Opens the block a chat template opened in the prompt, before the first char: the answer starts inside it. The
     * answer's first chars are then reasoning, and stripped Harmony's channel name is not sought after it.
     */
    void startInside() {
        block = TEMPLATE;
        fromStart = LONGEST;
    }

    /** Returns true inside the block the answer started inside (see {@link #startInside}). */
    boolean startedInside() {
        return block == TEMPLATE;
    }

    /** Returns true inside a block, where every char is skipped until its closing marker. */
    boolean inside() {
        return block != null;
    }

    /** Returns the closing marker awaited, for an error at the end of input inside a block. */
    String closingTag() {
        return block.close();
    }

    /** Returns the opening marker of the block being read. */
    String openingTag() {
        return block.open();
    }

    /** Reads one char of prose outside a block; returns true when it completed an opening marker. */
    boolean readProse(char c) {
        remember(c);
        fromStart = Math.min(fromStart + 1, LONGEST);
        if (fromStart == STRIPPED_HARMONY.open().length() && endsWith(STRIPPED_HARMONY.open(), false)) {
            open(STRIPPED_HARMONY);
            return true;
        }
        if (OPENING_ENDS.indexOf(c) < 0) {
            return false;
        }
        for (Marker marker : MARKERS) {
            if (endsWith(marker.open(), marker.anyCase())) {
                open(marker);
                return true;
            }
        }
        return false;
    }

    private void open(Marker marker) {
        int length = marker.open().length();
        before = count > length ? recent[(next - length - 1 + RING) % RING] : 0;
        block = marker;
        count = 0;
        strippedStart = marker == STRIPPED_HARMONY;
    }

    /**
     * Returns true when {@code c}, the first char of a block of stripped Harmony, shows its {@code analysis} a word of
     * prose, the block then left: the channel's name runs into its message's first word, a letter or digit, where
     * prose has a space, a colon or a line break.
     */
    boolean leavesAsProse(char c) {
        if (!strippedStart) {
            return false;
        }
        strippedStart = false;
        if (Character.isLetterOrDigit(c)) {
            return false;
        }
        leave();
        return true;
    }

    /** Returns the char read right before the opening marker of the block being read, or 0 when none was. */
    char charBefore() {
        return before;
    }

    /** Leaves the block being read, whose opening marker proved quoted rather than written. */
    void leave() {
        block = null;
        count = 0;
    }

    /** Reads one char inside a block; it may complete the closing marker. */
    void readInside(char c) {
        remember(c);
        if (block == TEMPLATE ? closesAny(c) : endsWith(block.close(), block.anyCase())) {
            block = null;
            count = 0;
        }
    }

    /** Returns true when {@code c} completed the closing marker of any block known. */
    private boolean closesAny(char c) {
        if (CLOSING_ENDS.indexOf(c) < 0) {
            return false;
        }
        for (Marker marker : MARKERS) {
            if (endsWith(marker.close(), marker.anyCase())) {
                return true;
            }
        }
        return endsWith(STRIPPED_HARMONY.close(), false);
    }

    private void remember(char c) {
        recent[next] = c;
        next = (next + 1) % RING;
        count = Math.min(count + 1, RING);
    }

    /** Returns true when the chars read last are {@code marker}, in any letter case if {@code anyCase}. */
    private boolean endsWith(String marker, boolean anyCase) {
        int length = marker.length();
        if (length > count) {
            return false;
        }
        for (int k = 1; k <= length; k++) {
            char c = recent[(next - k + RING) % RING];
            if ((anyCase ? lower(c) : c) != marker.charAt(length - k)) {
                return false;
            }
        }
        return true;
    }

    /** ASCII lower case: markers matched in any case are ASCII, and no other char may match one. */
    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** Returns the last char of each opening marker, or of each closing one, in both cases when matched in any. */
    private static String lastChars(boolean opening) {
        StringBuilder ends = new StringBuilder();
        for (Marker marker : MARKERS) {
            String text = opening ? marker.open() : marker.close();
            char last = text.charAt(text.length() - 1);
            ends.append(last);
            if (marker.anyCase()) {
                ends.append(Character.toUpperCase(last));
            }
        }
        if (!opening) {
            String close = STRIPPED_HARMONY.close();
            ends.append(close.charAt(close.length() - 1));
        }
        return ends.toString();
    }

    private static int longest() {
        int longest = STRIPPED_HARMONY.close().length();
        for (Marker marker : MARKERS) {
            longest = Math.max(
                    longest, Math.max(marker.open().length(), marker.close().length()));
        }
        return longest;
    }
}
