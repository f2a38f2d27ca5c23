package dev.instructor.internal.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/** Validates and normalises a provider base URL given in configuration. */
public final class BaseUrl {
    private BaseUrl() {}

    /**
     * Returns {@code value} as an absolute http(s) URI without a trailing slash. A URL holding a user and password is
     * refused, without quoting it: the JDK client would not send them, and the provider's {@code toString()} would.
     *
     * @param setting the setting's name, for the message
     * @throws NullPointerException naming the setting when {@code value} is null
     * @throws IllegalArgumentException naming the bad value
     */
    public static URI parse(String setting, String value) {
        Objects.requireNonNull(value, setting);
        if (value.isBlank()) {
            throw new IllegalArgumentException(setting + " must not be blank");
        }
        String trimmed = value.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (hasUserInfo(trimmed)) {
            // Checked before any message quotes the value. The JDK client would send no Authorization for them.
            throw new IllegalArgumentException(setting + " must not hold a user and password (user:password@host),"
                    + " which the HTTP client does not send: give them as header(\"Authorization\", \"Basic \" +"
                    + " base64(user:password)) instead");
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        setting + " must be an absolute http or https URL: \"" + value + "\"");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(setting + " must not have a query or fragment: \"" + value + "\"");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + " is not a valid URL: \"" + value + "\"", e);
        }
    }

    /** Returns whether the URL's authority, between {@code ://} and the path, holds an {@code @}. */
    private static boolean hasUserInfo(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return false;
        }
        int path = url.indexOf('/', scheme + 3);
        int authorityEnd = path < 0 ? url.length() : path;
        return url.lastIndexOf('@', authorityEnd - 1) > scheme;
    }

    /** Returns {@code base} with {@code path} appended. */
    public static URI resolve(URI base, String path) {
        return URI.create(base.toString() + path);
    }
}
