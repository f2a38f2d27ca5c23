package dev.instructor.json;

/**
 * Thrown when JSON input cannot be parsed: it is invalid, truncated, or exceeds a {@link JsonLimits} limit.
 *
 * <p>Every instance says where: the {@linkplain #offset() offset} of the offending input unit from the start of the
 * document (chars for text input, bytes for UTF-8 input), and the 1-based {@linkplain #line() line} and
 * {@linkplain #column() column} (in chars). A line ends at a line feed, a carriage return, or both in a row, as
 * Jackson counts lines. The parser that threw keeps its last good snapshot, so nothing already received is lost.
 */
public class JsonParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final long line;
    private final long column;

    /**
     * Creates an exception whose message is {@code problem} followed by the position.
     *
     * @param problem what went wrong, without the position
     * @param offset input units from the start of the document
     * @param line 1-based line
     * @param column 1-based column
     */
    public JsonParseException(String problem, long offset, long line, long column) {
        super(problem + " at offset " + offset + " (line " + line + ", column " + column + ")");
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    /** Returns the offset of the offending input unit from the start of the document. */
    public long offset() {
        return offset;
    }

    /** Returns the 1-based line of the offending input unit. */
    public long line() {
        return line;
    }

    /** Returns the 1-based column of the offending input unit. */
    public long column() {
        return column;
    }
}
