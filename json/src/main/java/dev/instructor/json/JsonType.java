package dev.instructor.json;

/** The six kinds of JSON value. */
public enum JsonType {
    /** A JSON object; see {@link PartialObject}. */
    OBJECT,
    /** A JSON array; see {@link PartialArray}. */
    ARRAY,
    /** A JSON string; see {@link PartialString}. */
    STRING,
    /** A JSON number; see {@link PartialNumber}. */
    NUMBER,
    /** {@code true} or {@code false}; see {@link PartialBoolean}. */
    BOOLEAN,
    /** {@code null}; see {@link PartialNull}. */
    NULL
}
