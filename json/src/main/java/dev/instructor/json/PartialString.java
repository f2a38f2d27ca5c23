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

    /**
     * Returns the decoded text from {@code start} to the end of what has arrived: what the string grew by since an
     * earlier snapshot of it showed {@code start} chars. With {@code earlier.concat(valueFrom(earlier.length()))} a
     * consumer extends the text it already holds instead of copying the whole prefix again.
     *
     * @param start from 0 to {@link #length()}
     * @throws IndexOutOfBoundsException when {@code start} is out of range
     */
    String valueFrom(int start);

    /** Returns the length of the decoded text so far, in UTF-16 code units, without building a string. */
    int length();

    /**
     * Returns the decoded text so far as a {@link CharSequence} that reads the parser's buffer in place: O(1), where
     * {@link #value()} copies the text. The view is immutable (the parser never rewrites the chars it shows) and may
     * be kept and handed to other threads; it keeps the parser's buffer for this string alive. Its {@code toString()}
     * copies the text; two views are equal when their chars are, and hash like the {@code String} of their chars, but
     * a view is never equal to a {@code String}. It serializes as a {@code String}.
     *
     * <p>For a long string being written, a consumer that takes {@code value()} after every chunk copies the whole
     * prefix every time, which is quadratic in the string's length; {@code text()} keeps it linear.
     */
    CharSequence text();
}
