package dev.instructor.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 6901 JSON Pointer such as {@code /ideas/0/title}: the address of a value inside a document.
 *
 * <p>Array indexes are kept as strings, as the RFC has them; {@link #isIndex(int)} tells whether a segment is an
 * index. Instances are immutable; {@link #append(String)} and {@link #append(int)} return new pointers.
 */
public final class JsonPointer {
    private static final JsonPointer ROOT = new JsonPointer(List.of());

    private final List<String> segments;

    private JsonPointer(List<String> segments) {
        this.segments = segments;
    }

    /** Returns the pointer to the whole document, whose text is the empty string. */
    public static JsonPointer root() {
        return ROOT;
    }

    /**
     * Returns the pointer made of {@code segments}, unescaped.
     *
     * @param segments member names and array indexes, outermost first
     * @throws NullPointerException when {@code segments} or one of them is null, naming its position
     */
    public static JsonPointer of(List<String> segments) {
        Objects.requireNonNull(segments, "segments");
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i) == null) {
                throw new NullPointerException("segments[" + i + "] is null");
            }
        }
        return segments.isEmpty() ? ROOT : new JsonPointer(List.copyOf(segments));
    }

    /** Returns the pointer made of {@code segments}, which the caller hands over and never changes. */
    static JsonPointer ofOwned(String[] segments) {
        return segments.length == 0 ? ROOT : new JsonPointer(Collections.unmodifiableList(Arrays.asList(segments)));
    }

    /**
     * Parses RFC 6901 text such as {@code /a~1b/0}.
     *
     * @param text empty for the root, otherwise starting with {@code /}
     * @throws IllegalArgumentException when the text is not a JSON Pointer
     */
    public static JsonPointer parse(String text) {
        if (text.isEmpty()) {
            return ROOT;
        }
        if (text.charAt(0) != '/') {
            throw new IllegalArgumentException("JSON Pointer must start with '/': \"" + text + "\"");
        }
        List<String> segments = new ArrayList<>();
        for (String raw : text.substring(1).split("/", -1)) {
            segments.add(unescape(raw, text));
        }
        return new JsonPointer(Collections.unmodifiableList(segments));
    }

    /**
     * Returns this pointer extended by a member name.
     *
     * @param name the member name, unescaped
     * @throws NullPointerException when {@code name} is {@code null}
     */
    public JsonPointer append(String name) {
        Objects.requireNonNull(name, "name");
        List<String> longer = new ArrayList<>(segments.size() + 1);
        longer.addAll(segments);
        longer.add(name);
        return new JsonPointer(Collections.unmodifiableList(longer));
    }

    /**
     * Returns this pointer extended by an array index.
     *
     * @param index zero or more
     * @throws IllegalArgumentException when {@code index} is negative
     */
    public JsonPointer append(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("array index must be >= 0: " + index);
        }
        return append(Integer.toString(index));
    }

    /** Returns the unescaped segments, outermost first, as an unmodifiable list. */
    public List<String> segments() {
        return segments;
    }

    /** Returns the number of segments; 0 for the root. */
    public int depth() {
        return segments.size();
    }

    /** Returns true when this is the root pointer. */
    public boolean isRoot() {
        return segments.isEmpty();
    }

    /**
     * Returns the pointer to the enclosing value.
     *
     * @throws IllegalStateException when this is the root
     */
    public JsonPointer parent() {
        if (segments.isEmpty()) {
            throw new IllegalStateException("the root pointer has no parent");
        }
        return of(segments.subList(0, segments.size() - 1));
    }

    /**
     * Returns true when the segment at {@code position} is a canonical array index that a Java array or list can
     * have: {@code 0}, or digits without a leading zero up to {@link Integer#MAX_VALUE}. A larger number is an index
     * to RFC 6901 but never a position in a Java array, so it is a plain member name here; for a segment this accepts,
     * {@code Integer.parseInt} succeeds.
     *
     * @param position from 0 to {@code depth() - 1}
     * @throws IndexOutOfBoundsException when {@code position} is out of range
     */
    public boolean isIndex(int position) {
        String segment = segments.get(position);
        // Ten digits is where int overflows; longer cannot fit, and ten are compared against the limit below.
        if (segment.isEmpty() || segment.length() > 10) {
            return false;
        }
        if (segment.length() > 1 && segment.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return segment.length() < 10 || Long.parseLong(segment) <= Integer.MAX_VALUE;
    }

    /** Returns true when {@code other} is this pointer or lies inside the value this pointer addresses. */
    public boolean isPrefixOf(JsonPointer other) {
        return other.segments.size() >= segments.size()
                && other.segments.subList(0, segments.size()).equals(segments);
    }

    /**
     * Returns the location of {@code this} inside the value {@code ancestor} addresses: {@code /items/0/title}
     * relative to {@code /items} is {@code /0/title}. O(1): the result shares this pointer's segments.
     *
     * @throws IllegalArgumentException when {@code ancestor} is not a prefix of this pointer (see {@link #isPrefixOf})
     */
    public JsonPointer relativeTo(JsonPointer ancestor) {
        if (!ancestor.isPrefixOf(this)) {
            throw new IllegalArgumentException(ancestor + " is not a prefix of " + this);
        }
        int from = ancestor.segments.size();
        return from == segments.size() ? ROOT : new JsonPointer(segments.subList(from, segments.size()));
    }

    /** Returns the RFC 6901 text, with {@code ~} and {@code /} escaped. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/');
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c == '~') {
                    out.append("~0");
                } else if (c == '/') {
                    out.append("~1");
                } else {
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonPointer && ((JsonPointer) other).segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    private static String unescape(String raw, String whole) {
        if (raw.indexOf('~') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '~') {
                out.append(c);
            } else if (i + 1 < raw.length() && (raw.charAt(i + 1) == '0' || raw.charAt(i + 1) == '1')) {
                out.append(raw.charAt(++i) == '0' ? '~' : '/');
            } else {
                throw new IllegalArgumentException("bad '~' escape in JSON Pointer \"" + whole + "\"");
            }
        }
        return out.toString();
    }
}
