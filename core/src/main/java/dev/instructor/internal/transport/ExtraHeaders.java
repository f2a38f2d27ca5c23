package dev.instructor.internal.transport;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The headers a provider builder's {@code header(name, value)} adds to every request: checked when set, and merged
 * over the provider's own headers by name regardless of case, as HTTP compares names.
 */
public final class ExtraHeaders {
    private final Map<String, String> headers = new LinkedHashMap<>();

    /**
     * Adds or replaces a header.
     *
     * @throws NullPointerException naming the argument when either is null
     * @throws IllegalArgumentException when the name is blank, or the JDK HTTP client would refuse the header
     *     (an invalid name or value, or one it sets itself such as {@code Host} or {@code Content-Length})
     */
    public void put(String name, String value) {
        Objects.requireNonNull(name, "header name");
        Objects.requireNonNull(value, "header value");
        if (name.isBlank()) {
            throw new IllegalArgumentException("header name must not be blank");
        }
        // The client's own rules, applied now rather than on the first request.
        try {
            HttpRequest.newBuilder().header(name, "checked");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the HTTP client refuses this header: " + e.getMessage());
        }
        try {
            HttpRequest.newBuilder().header("X-Checked", value);
        } catch (IllegalArgumentException e) {
            // The value is not quoted: it may be a credential.
            throw new IllegalArgumentException(
                    "the HTTP client refuses the value of header " + name + " (a control character?)");
        }
        headers.keySet().removeIf(name::equalsIgnoreCase);
        headers.put(name, value);
    }

    /**
     * Returns whether a header of one of these names, in any case, was added: one that authenticates in place of the
     * provider's API key.
     */
    public boolean hasAny(String... names) {
        for (String name : names) {
            if (headers.keySet().stream().anyMatch(name::equalsIgnoreCase)) {
                return true;
            }
        }
        return false;
    }

    /** Returns {@code own} with these headers on top, one entry per name whatever its case. */
    public Map<String, String> over(Map<String, String> own) {
        Map<String, String> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        merged.putAll(own);
        merged.putAll(headers);
        return new LinkedHashMap<>(merged);
    }
}
