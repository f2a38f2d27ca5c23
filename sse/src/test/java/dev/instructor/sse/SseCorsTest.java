package dev.instructor.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseCorsTest {
    private final SseCors cors = SseCors.allowOrigins("https://app.example.com");

    @Test
    void headers_allowedOrigin_exposeFormatHeader() {
        assertThat(cors.headers("https://app.example.com"))
                .containsExactly(
                        Map.entry("Access-Control-Allow-Origin", "https://app.example.com"),
                        Map.entry("Access-Control-Expose-Headers", "X-Instructor-Format, Retry-After"),
                        Map.entry("Vary", "Origin"));
    }

    @Test
    void allows_unicodeHostConfigured_matchesThePunycodeBrowsersSend() {
        SseCors unicode = SseCors.allowOrigins("https://Bücher.example:8443");
        SseCors ascii = SseCors.allowOrigins("https://xn--bcher-kva.example");

        // Browsers serialize an origin's host in its ASCII (punycode) form.
        assertThat(unicode.allows("https://xn--bcher-kva.example:8443")).isTrue();
        assertThat(unicode.headers("https://xn--bcher-kva.example:8443"))
                .containsEntry("Access-Control-Allow-Origin", "https://xn--bcher-kva.example:8443");
        assertThat(unicode.allows("https://bucher.example:8443")).isFalse();
        assertThat(ascii.allows("https://bücher.example")).isTrue();
        assertThatThrownBy(() -> SseCors.allowOrigins("https://bücher.example:443"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headers_otherOrNoOrigin_onlyVary() {
        assertThat(cors.headers("https://evil.example")).containsExactly(Map.entry("Vary", "Origin"));
        assertThat(cors.headers(null)).containsExactly(Map.entry("Vary", "Origin"));
    }

    @Test
    void preflightHeaders_methodsHeadersAndCredentials() {
        Map<String, String> headers = cors.allowHeaders("Content-Type", "Authorization")
                .allowCredentials(true)
                .preflightHeaders("https://app.example.com");
        assertThat(headers)
                .containsEntry("Access-Control-Allow-Methods", "POST")
                .containsEntry("Access-Control-Allow-Headers", "Content-Type, Authorization")
                .containsEntry("Access-Control-Allow-Credentials", "true")
                .containsEntry("Access-Control-Allow-Origin", "https://app.example.com");
        assertThat(cors.preflightHeaders("https://evil.example")).isEmpty();
    }

    @Test
    void allowOrigins_wildcardOrTrailingSlash_rejected() {
        assertThatThrownBy(() -> SseCors.allowOrigins("*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"*\"");
        assertThatThrownBy(() -> SseCors.allowOrigins("https://app.example.com/"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "app.example.com",
                "localhost:3000",
                " https://app.example.com",
                "https://app.example.com/app",
                "https://app.example.com?x=1",
                "https://user@app.example.com",
                "https://app.example.com:443",
                "http://localhost:80"
            })
    void allowOrigins_formsNoBrowserSends_rejectedNamingTheValue(String origin) {
        // A browser's Origin is scheme://host[:port], the port only when not the scheme's default: any other
        // spelling would never match, and CORS would fail with nothing to say why.
        assertThatThrownBy(() -> SseCors.allowOrigins(origin))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + origin + "\"");
    }

    @Test
    void allowOrigins_schemesHostsAndPortsBrowsersSend_accepted() {
        SseCors cors = SseCors.allowOrigins(
                "http://localhost:3000", "https://[::1]:8443", "chrome-extension://abcdefgh", "http://my_host:8080");
        assertThat(cors.allows("http://localhost:3000")).isTrue();
        assertThat(cors.allows("https://[::1]:8443")).isTrue();
        assertThat(cors.allows("chrome-extension://abcdefgh")).isTrue();
        assertThat(cors.allows("http://my_host:8080")).isTrue();
    }

    @Test
    void allowOrigins_opaqueNullOrigin_rejectedWithReason() {
        assertThatThrownBy(() -> SseCors.allowOrigins("https://app.example.com", "null"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"null\"")
                .hasMessageContaining("sandboxed");
        assertThatThrownBy(() -> SseCors.allowOrigins("NULL")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allowOrigins_repeatedOrigin_countsOnce() {
        SseCors repeated =
                SseCors.allowOrigins("https://app.example.com", "https://b.example", "https://app.example.com");
        assertThat(repeated.allows("https://app.example.com")).isTrue();
        assertThat(repeated.allows("https://b.example")).isTrue();
        assertThat(repeated.headers("https://app.example.com"))
                .containsEntry("Access-Control-Allow-Origin", "https://app.example.com");
    }

    @Test
    void allowOrigins_letterCaseIgnored_requestOriginEchoedAsSent() {
        SseCors cors = SseCors.allowOrigins("HTTPS://App.Example.com:8443");

        assertThat(cors.allows("https://app.example.com:8443")).isTrue();
        assertThat(cors.headers("https://app.example.com:8443"))
                .containsEntry("Access-Control-Allow-Origin", "https://app.example.com:8443");
        assertThat(cors.allows("https://app.example.com")).isFalse();
    }

    @Test
    void allowOrigins_none_rejected() {
        assertThatThrownBy(SseCors::allowOrigins)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one origin");
        assertThatThrownBy(() -> SseCors.allowOrigins((String[]) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one origin");
    }

    @Test
    void allowHeaders_nullBlankOrNonToken_rejectedNamingTheValue() {
        assertThatThrownBy(() -> cors.allowHeaders("Content-Type", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got null");
        assertThatThrownBy(() -> cors.allowHeaders(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got \"\"");
        assertThatThrownBy(() -> cors.allowHeaders("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got \"  \"");
        assertThatThrownBy(() -> cors.allowHeaders("Content-Type, Authorization"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"Content-Type, Authorization\"");
        assertThatThrownBy(() -> cors.allowHeaders("X-Bad:Name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HTTP token");
        assertThatThrownBy(() -> cors.allowHeaders((String[]) null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allowHeaders_tokenCharacters_acceptedAndCaseRepeatsCountOnce() {
        Map<String, String> headers = cors.allowHeaders("Content-Type", "X-Trace_Id.v2", "content-type")
                .preflightHeaders("https://app.example.com");
        assertThat(headers).containsEntry("Access-Control-Allow-Headers", "Content-Type, X-Trace_Id.v2");
    }
}
