package dev.instructor.json;

/**
 * A JSON string as far as it has arrived: its decoded text so far, which only ever grows.
 *
 * <p>A string is shown as soon as its opening quote arrives, first as {@code ""}. Escape sequences and
 * surrogate pairs are shown only once whole, so the text never holds half an escape.
 */
public sealed interface PartialString extends PartialValue permits StringSnapshot {

    /** Returns the decoded text so far. */
    String value();

    /** Returns the length of the decoded text so far, in UTF-16 code units, without building a string. */
    int length();
}
