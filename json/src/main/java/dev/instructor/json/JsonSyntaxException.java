package dev.instructor.json;

/** Thrown when the input is not valid JSON: an unexpected character, a bad escape, invalid UTF-8. */
public final class JsonSyntaxException extends JsonParseException {
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String found;

    /**
     * Creates the exception.
     *
     * @param expected what the grammar allowed here, for example {@code "',' or '}'"}
     * @param found what was there instead, for example {@code "'x'"} or {@code "end of input"}
     * @param offset input units from the start of the document
     * @param line 1-based line
     * @param column 1-based column
     */
    public JsonSyntaxException(String expected, String found, long offset, long line, long column) {
        super("Expected " + expected + " but found " + found, offset, line, column);
        this.expected = expected;
        this.found = found;
    }

    /** Returns what the grammar allowed at this position. */
    public String expected() {
        return expected;
    }

    /** Returns what was found instead. */
    public String found() {
        return found;
    }
}
