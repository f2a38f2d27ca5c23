package dev.instructor.internal.transport;

import java.net.http.HttpRequest;
import java.util.Objects;

/**
 * Checks a provider setting that is sent as a header value (an API key, an organization, a version) when it is set,
 * rather than at the first request: there the JDK client would refuse it with a message that quotes the value, which
 * for an API key puts the key in a log.
 */
public final class HeaderValue {
    private HeaderValue() {}

    /**
     * Returns {@code value} without its surrounding white space, which no key or version holds: a key read from a file
     * or a secret mount often ends in a line break.
     *
     * @param setting the setting's name, for the message
     * @throws NullPointerException naming the setting when {@code value} is null
     * @throws IllegalArgumentException naming the setting, never quoting the value, when it is blank or holds a
     *     character the HTTP client refuses in a header (a line break or another control character inside it)
     */
    public static String of(String setting, String value) {
        Objects.requireNonNull(value, setting);
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException(setting + " must not be blank");
        }
        try {
            HttpRequest.newBuilder().header("X-Checked", stripped);
        } catch (IllegalArgumentException refused) {
            // Neither the value nor the client's message, which quotes it: it may be a credential.
            throw new IllegalArgumentException(setting
                    + " holds a character the HTTP client refuses in a header value (a line break or another control"
                    + " character)");
        }
        return stripped;
    }
}
