package dev.instructor.json;

/**
 * A view of the first {@code length} chars of a growing buffer. The parser appends past the chars a snapshot shows and
 * reuses a buffer for another string only when no snapshot holds it, so the prefix this view sees never changes and
 * the buffer is shared by every snapshot of the same string.
 */
final class StringSnapshot implements PartialString {
    private final char[] buffer;
    private final int length;
    private final boolean complete;

    private String value;

    StringSnapshot(char[] buffer, int length, boolean complete) {
        this.buffer = buffer;
        this.length = length;
        this.complete = complete;
    }

    @Override
    public String value() {
        // A benign race, as in String.hashCode: two threads may build equal strings.
        String v = value;
        if (v == null) {
            v = new String(buffer, 0, length);
            value = v;
        }
        return v;
    }

    @Override
    public String valueFrom(int start) {
        if (start < 0 || start > length) {
            throw new IndexOutOfBoundsException("start " + start + " out of bounds for length " + length);
        }
        String v = value;
        if (v != null) {
            return v.substring(start);
        }
        return new String(buffer, start, length - start);
    }

    @Override
    public CharSequence text() {
        return new SharedText(buffer, 0, length);
    }

    /** Returns true when this and {@code earlier} show the same open string, this one at least as far. */
    boolean grewFrom(StringSnapshot earlier) {
        return buffer == earlier.buffer && !complete && !earlier.complete && length >= earlier.length;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public JsonType type() {
        return JsonType.STRING;
    }

    @Override
    public boolean isComplete() {
        return complete;
    }

    @Override
    public String toJson() {
        StringBuilder out = new StringBuilder(length + 2);
        appendJson(out);
        return out.toString();
    }

    @Override
    public void appendJson(StringBuilder out) {
        JsonText.appendQuoted(buffer, length, out);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
