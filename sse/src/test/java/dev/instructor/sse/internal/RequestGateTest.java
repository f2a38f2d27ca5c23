package dev.instructor.sse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.sse.SseCors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which {@code GET}s the gate lets start a model call when {@code GET} is allowed: the decision table behind
 * docs/wire-format.md, section 1. The adapters' contract test covers the same over HTTP for a few rows.
 */
class RequestGateTest {
    private static final SseCors CORS = SseCors.allowOrigins("https://app.example.com");

    @Test
    void allowedGet_withNeitherOriginNorFetchMetadata_isServedAsSameOrigin() {
        // Not a browser, or a browser that sends no fetch metadata (old ones; some send it only to HTTPS and
        // localhost): nothing tells it from a same-origin request, so it is served, with or without a policy.
        // This is a known limit, not an oversight: the docs send such endpoints behind authentication.
        assertThat(RequestGate.check("GET", null, null, null, null, true)).isNull();
        assertThat(RequestGate.check("GET", null, null, null, CORS, true)).isNull();
    }

    @Test
    void getNotAllowed_isRefusedWhateverItsHeaders() {
        RequestGate.Refusal refusal = RequestGate.check("GET", null, null, null, CORS, false);

        assertThat(refusal.status()).isEqualTo(405);
        assertThat(refusal.headers()).containsEntry("Allow", "POST, OPTIONS");
    }

    @ParameterizedTest(name = "Origin {0}, Sec-Fetch-Site {1}: {2}")
    @CsvSource(
            nullValues = "-",
            value = {
                // The browser says the page is this server's own, or the user typed the address.
                "-, same-origin, 200",
                "-, none, 200",
                // A cross-origin EventSource or fetch names its origin; the policy decides.
                "https://app.example.com, cross-site, 200",
                "https://app.example.com, same-site, 200",
                "https://app.example.com, -, 200",
                "https://evil.example, cross-site, 403",
                "https://evil.example, -, 403",
                // A sandboxed or opaque page: its origin is "null", which no policy here names.
                "null, cross-site, 403",
                // An <img src> or no-cors fetch sends no Origin, but fetch metadata gives it away.
                "-, cross-site, 403",
                "-, same-site, 403",
                // A value the gate does not know is not taken for same-origin.
                "-, '', 403",
                "-, Same-Origin, 403",
            })
    void allowedGet_followsTheBrowsersAccountOfWhereItComesFrom(String origin, String fetchSite, int status) {
        RequestGate.Refusal refusal = RequestGate.check("GET", null, origin, fetchSite, CORS, true);

        assertThat(refusal == null ? 200 : refusal.status()).isEqualTo(status);
    }

    @Test
    void allowedGet_withoutAPolicy_refusesEveryOriginTheBrowserNames() {
        assertThat(RequestGate.check("GET", null, "https://app.example.com", "cross-site", null, true)
                        .status())
                .isEqualTo(403);
        assertThat(RequestGate.check("GET", null, null, "same-origin", null, true))
                .isNull();
    }
}
