package dev.instructor.json;

/**
 * Thrown by {@link PartialJsonParser#finish()} when the input ended before the value did (a truncated answer, for
 * example one cut by a token limit). It carries everything that was received.
 *
 * <p>The {@linkplain #partial() partial value} is a snapshot tree that is not serialized: after Java serialization
 * it is {@code null}, while the message, {@link #expected()} and the position survive.
 */
public final class JsonIncompleteException extends JsonParseException {
    private static final long serialVersionUID = 1L;

    private final transient PartialValue partial;
    private final String expected;

    /**
     * Creates the exception.
     *
     * @param expected what the grammar still needed, for example {@code "'}'"}
     * @param partial the snapshot at the end of input, or {@code null} when no value had started
     * @param offset input units from the start of the document (the end of input)
     * @param line 1-based line
     * @param column 1-based column
     */
    public JsonIncompleteException(String expected, PartialValue partial, long offset, long line, long column) {
        super("Unexpected end of input, expected " + expected, offset, line, column);
        this.expected = expected;
        this.partial = partial;
    }

    /**
     * Returns the value as far as it arrived, or {@code null} when no value had started or this exception was
     * deserialized.
     */
    public PartialValue partial() {
        return partial;
    }

    /** Returns what the grammar still needed when input ended. */
    public String expected() {
        return expected;
    }
}
