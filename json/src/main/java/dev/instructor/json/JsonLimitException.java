package dev.instructor.json;

/** Thrown when the input exceeds one of the configured {@link JsonLimits}. */
public final class JsonLimitException extends JsonParseException {
    private static final long serialVersionUID = 1L;

    private final JsonLimits.Limit limit;
    private final long maximum;

    /**
     * Creates the exception.
     *
     * @param limit which limit was exceeded
     * @param maximum the configured maximum
     * @param offset input units from the start of the document
     * @param line 1-based line
     * @param column 1-based column
     */
    public JsonLimitException(JsonLimits.Limit limit, long maximum, long offset, long line, long column) {
        super(limit.description() + " exceeds the limit of " + maximum, offset, line, column);
        this.limit = limit;
        this.maximum = maximum;
    }

    /** Returns which limit was exceeded. */
    public JsonLimits.Limit limit() {
        return limit;
    }

    /** Returns the configured maximum that was exceeded. */
    public long maximum() {
        return maximum;
    }
}
