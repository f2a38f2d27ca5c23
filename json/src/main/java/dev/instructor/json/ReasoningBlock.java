package dev.instructor.json;

/**
 * Finds a reasoning model's thinking block in the prose before the value, so that lenient mode skips it whole.
 * DeepSeek-R1, QwQ and their distills, served by an OpenAI-compatible server without a reasoning parser (or by an
 * older Ollama), write {@code <think>...</think>} into the answer itself, and what they think about is the answer:
 * its braces would otherwise start the value. {@code <thinking>...</thinking>}, which prompts for other models ask
 * for, is skipped the same way. Tags are matched in any letter case, one char at a time, so a tag may be split
 * across chunks.
 */
final class ReasoningBlock {
    private static final String OPEN = "<thinking>";
    /** {@code <think} is the shared start of both opening tags. */
    private static final int SHORT_NAME_END = "<think".length();

    /** How many chars of {@link #OPEN} the prose has just matched. */
    private int opening;
    /** The closing tag while inside a block, else null. */
    private String closing;
    /** How many chars of {@link #closing} have just been matched. */
    private int closed;

    /** Returns true inside a block, where every char is skipped until its closing tag. */
    boolean inside() {
        return closing != null;
    }

    /** Returns the closing tag awaited, for an error at the end of input inside a block. */
    String closingTag() {
        return closing;
    }

    /** Reads one char of prose outside a block; it may complete an opening tag. */
    void readProse(char c) {
        char lower = lower(c);
        if (lower == '>' && (opening == SHORT_NAME_END || opening == OPEN.length() - 1)) {
            closing = opening == SHORT_NAME_END ? "</think>" : "</thinking>";
            opening = 0;
        } else if (opening < OPEN.length() - 1 && lower == OPEN.charAt(opening)) {
            opening++;
        } else {
            opening = lower == '<' ? 1 : 0;
        }
    }

    /** Reads one char inside a block; it may complete the closing tag. */
    void readInside(char c) {
        char lower = lower(c);
        if (lower == closing.charAt(closed)) {
            if (++closed == closing.length()) {
                closing = null;
                closed = 0;
            }
        } else {
            closed = lower == '<' ? 1 : 0;
        }
    }

    /** ASCII lower case: tag names are ASCII, and no other char may match one. */
    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
