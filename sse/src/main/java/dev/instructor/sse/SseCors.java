package dev.instructor.sse;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cross-origin access to a stream endpoint from named page origins (docs/wire-format.md, section 2, "CORS").
 *
 * <pre>{@code
 * SseCors cors = SseCors.allowOrigins("https://app.example.com").allowHeaders("Content-Type", "Authorization");
 * }</pre>
 *
 * <p>It always exposes {@code X-Instructor-Format}: without it a browser hides the header from the page, and a
 * client that asked for the delta format cannot tell which format came, so it fails with a protocol error naming
 * {@code Access-Control-Expose-Headers} (docs/wire-format.md, section 2). It exposes {@code Retry-After} too, so that a
 * page can read how long a {@code 429} or {@code 503} asks it to wait. Origins are named, never {@code *}, so
 * credentials may be allowed.
 * Instances are immutable.
 */
public final class SseCors {
    private final Set<String> origins;
    private final List<String> headers;
    private final boolean credentials;

    private SseCors(Set<String> origins, List<String> headers, boolean credentials) {
        this.origins = origins;
        this.headers = headers;
        this.credentials = credentials;
    }

    /**
     * Returns a policy allowing pages of {@code origins} to {@code POST} with {@code Content-Type}.
     *
     * @param origins origins such as {@code https://app.example.com}, scheme and host and port if any, in any letter
     *     case (scheme and host are case-insensitive, and browsers send them in lower case); an origin named twice
     *     (as lists read from configuration often do) counts once; a host in Unicode matches the punycode form
     *     browsers send
     * @throws IllegalArgumentException when no origin is given (the policy would allow nothing), or an origin is
     *     {@code *}, blank, not of the form {@code scheme://host[:port]} that browsers send (a missing scheme, a
     *     path or trailing {@code /}, the scheme's default port), or is {@code null} (the string): browsers send
     *     {@code Origin: null} for sandboxed iframes, {@code data:} and {@code file:} pages and some redirects,
     *     which any site can create, so allowing it would allow every site
     */
    public static SseCors allowOrigins(String... origins) {
        if (origins == null || origins.length == 0) {
            throw new IllegalArgumentException("allowOrigins needs at least one origin such as https://app.example.com:"
                    + " a policy without origins would allow no cross-origin page; leave CORS off instead");
        }
        for (String origin : origins) {
            // The opaque origin is serialized as "null"; browsers send it in that spelling, but refuse any case so a
            // config value such as "NULL" cannot slip through as a typo of the same mistake.
            if (origin != null && origin.strip().equalsIgnoreCase("null")) {
                throw new IllegalArgumentException("origin \"null\" cannot be allowed: browsers send it for sandboxed"
                        + " iframes and data: or file: pages, which any site can create, so it would let in every site;"
                        + " name the page's real origin such as https://app.example.com");
            }
            if (origin == null || origin.isBlank() || origin.equals("*") || !isSerializedOrigin(asciiOrNull(origin))) {
                throw new IllegalArgumentException("origin must be a scheme and host such as https://app.example.com,"
                        + " with a port only when not the scheme's default, as browsers send it, got \"" + origin
                        + "\"");
            }
        }
        // Set.of would throw a bare "duplicate element" for a repeated origin; repeats are harmless, so drop them.
        Set<String> lowerCase = new LinkedHashSet<>();
        for (String origin : origins) {
            lowerCase.add(canonical(origin));
        }
        return new SseCors(Set.copyOf(lowerCase), List.of("Content-Type"), false);
    }

    /**
     * Returns a copy allowing exactly these request headers (the preflight's {@code Access-Control-Allow-Headers}), and
     * {@code Last-Event-ID}, which the adapters ({@code HttpServerSse}, {@code JavalinSse}, {@code ServletSse}) add to
     * every preflight they answer so that a retry carrying it gets its answer ({@code 204} for a {@code GET},
     * {@code 400} for a {@code POST}).
     *
     * @param headers header names such as {@code Content-Type} and {@code Authorization}; a name repeated in any
     *     letter case counts once (header names are case-insensitive)
     * @throws IllegalArgumentException when a name is null, empty, or holds a character outside the token
     *     characters of RFC 9110, section 5.6.2 (such as a space, a comma or a colon)
     */
    public SseCors allowHeaders(String... headers) {
        if (headers == null) {
            throw new IllegalArgumentException("allowHeaders needs header names, got null");
        }
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        for (String header : headers) {
            if (header == null || header.isEmpty() || !isToken(header)) {
                throw new IllegalArgumentException("header name must be an HTTP token such as Content-Type (letters,"
                        + " digits and !#$%&'*+-.^_`|~), got " + (header == null ? "null" : "\"" + header + "\""));
            }
            byLowerCase.putIfAbsent(header.toLowerCase(Locale.ROOT), header);
        }
        return new SseCors(origins, List.copyOf(byLowerCase.values()), credentials);
    }

    /**
     * Returns {@code origin} in lower case with its host in ASCII: browsers send an internationalized host in its
     * punycode form ({@code xn--bcher-kva.example}), while configuration may spell it in Unicode.
     *
     * @throws IllegalArgumentException when the host is not a valid internationalized domain name
     */
    private static String canonical(String origin) {
        String lower = origin.toLowerCase(Locale.ROOT);
        if (lower.chars().allMatch(c -> c < 0x80)) {
            return lower;
        }
        int start = lower.indexOf("://") + 3;
        int colon = lower.lastIndexOf(':');
        int end = colon >= start ? colon : lower.length(); // a non-ASCII host is never an IPv6 literal
        String host = IDN.toASCII(lower.substring(start, end)).toLowerCase(Locale.ROOT);
        return lower.substring(0, start) + host + lower.substring(end);
    }

    /** Returns {@link #canonical}, or null for a host that is not a valid internationalized domain name. */
    private static String asciiOrNull(String origin) {
        try {
            return canonical(origin);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Returns true when {@code origin} has the form of a browser's {@code Origin} header, {@code scheme://host[:port]}:
     * any other spelling (no scheme, a path or trailing slash, a query, user info, the scheme's default port, which
     * browsers leave out) never equals one, and the policy would refuse that page without saying why.
     */
    private static boolean isSerializedOrigin(String origin) {
        if (origin == null) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        String authority = uri.getRawAuthority();
        if (uri.getScheme() == null
                || authority == null
                || authority.contains("@")
                || !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return false;
        }
        int port = uri.getPort(); // -1 when absent, and for a host that URI does not parse as one (my_host)
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return !(port == 80 && (scheme.equals("http") || scheme.equals("ws")))
                && !(port == 443 && (scheme.equals("https") || scheme.equals("wss")));
    }

    /** Returns true when {@code name} is a token of RFC 9110, section 5.6.2. */
    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns a copy that allows or forbids credentials (cookies, HTTP authentication) across origins.
     *
     * @param allow true to send {@code Access-Control-Allow-Credentials: true}
     */
    public SseCors allowCredentials(boolean allow) {
        return new SseCors(origins, headers, allow);
    }

    /**
     * Returns true when {@code origin} is allowed, whatever its letter case.
     *
     * @param origin the request's {@code Origin} header, or null
     */
    public boolean allows(String origin) {
        if (origin == null) {
            return false;
        }
        try {
            return origins.contains(canonical(origin));
        } catch (IllegalArgumentException e) {
            return false; // a host no allowed origin can have
        }
    }

    /**
     * Returns the headers to add to a response for a request from {@code origin}: empty when the origin is absent
     * (a same-origin request) or not allowed (the browser will then keep the response from the page).
     *
     * @param origin the request's {@code Origin} header, or null
     */
    public Map<String, String> headers(String origin) {
        Map<String, String> out = new LinkedHashMap<>();
        if (allows(origin)) {
            out.put("Access-Control-Allow-Origin", origin);
            out.put("Access-Control-Expose-Headers", "X-Instructor-Format, Retry-After");
            if (credentials) {
                out.put("Access-Control-Allow-Credentials", "true");
            }
        }
        // The answer depends on Origin even when it is empty, so caches must key on it.
        out.put("Vary", "Origin");
        return out;
    }

    /**
     * Returns the headers of the answer to a preflight {@code OPTIONS} from {@code origin}, or an empty map when the
     * origin is not allowed (answer {@code 403} then).
     *
     * @param origin the request's {@code Origin} header, or null
     */
    public Map<String, String> preflightHeaders(String origin) {
        if (!allows(origin)) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>(headers(origin));
        out.put("Access-Control-Allow-Methods", "POST");
        out.put("Access-Control-Allow-Headers", String.join(", ", headers));
        out.put("Access-Control-Max-Age", "600");
        return out;
    }
}
