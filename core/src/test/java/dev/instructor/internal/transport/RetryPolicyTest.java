package dev.instructor.internal.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.spi.ProviderHttpException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(1000));

    private static HttpHeaders headers(String name, String value) {
        return HttpHeaders.of(Map.of(name, List.of(value)), (a, b) -> true);
    }

    /** As every builder setter does: the message is the parameter's name, not the JVM's account of a null call. */
    @Test
    void aNullBackoff_isANullPointerExceptionNamingIt() {
        assertThatThrownBy(() -> new RetryPolicy(1, null, Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("initialBackoff");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(1), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("maxBackoff");
    }

    @Test
    void retryAfterMs_preferred() {
        HttpHeaders both =
                HttpHeaders.of(Map.of("retry-after-ms", List.of("250"), "retry-after", List.of("9")), (a, b) -> true);
        assertThat(policy.delay(1, both, NOW)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void retryAfterSeconds() {
        assertThat(policy.delay(1, headers("retry-after", "3"), NOW)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterHttpDate() {
        assertThat(policy.delay(1, headers("retry-after", "Thu, 01 Jan 2026 00:00:05 GMT"), NOW))
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterTooLong_ignoredForBackoff() {
        assertThat(policy.delay(1, headers("retry-after", "3600"), NOW)).isLessThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void zeroOrPastDelay_getsTheBackoff() {
        assertThat(policy.delay(1, headers("retry-after", "0"), NOW))
                .isBetween(Duration.ofMillis(75), Duration.ofMillis(100));
        assertThat(policy.delay(1, headers("retry-after-ms", "0"), NOW))
                .isBetween(Duration.ofMillis(75), Duration.ofMillis(100));
        assertThat(policy.delay(2, headers("retry-after", "Wed, 31 Dec 2025 23:59:00 GMT"), NOW))
                .isBetween(Duration.ofMillis(150), Duration.ofMillis(200));
        assertThat(policy.delay(1, Optional.of(Duration.ZERO)))
                .isBetween(Duration.ofMillis(75), Duration.ofMillis(100));
    }

    @Test
    void negativeDelay_isNoDelayAsked() {
        assertThat(RetryPolicy.serverDelay(headers("retry-after", "-5"), NOW)).isEmpty();
        assertThat(RetryPolicy.serverDelay(headers("retry-after-ms", "-1"), NOW))
                .isEmpty();
        assertThat(policy.delay(1, headers("retry-after", "-5"), NOW)).isLessThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void notADelay_isNoDelayAsked() {
        // Java reads these as numbers; as header values they are none: NaN would retry at once, 5d after 5 seconds.
        for (String value : List.of("NaN", "Infinity", "0x10p0", "5d", "1f")) {
            assertThat(RetryPolicy.serverDelay(headers("retry-after", value), NOW))
                    .as(value)
                    .isEmpty();
            assertThat(RetryPolicy.serverDelay(headers("retry-after-ms", value), NOW))
                    .as(value)
                    .isEmpty();
        }
    }

    @Test
    void googleRetryInfo_inAnErrorBody_orNothingForAnythingElse() {
        String retryInfo = "{\"error\":{\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                + "\"retryDelay\":\"%s\"}]}}";
        assertThat(RetryPolicy.bodyDelay(retryInfo.formatted("58s").getBytes(UTF_8)))
                .contains(Duration.ofSeconds(58));
        assertThat(RetryPolicy.bodyDelay(("[" + retryInfo.formatted("0.25s") + "]").getBytes(UTF_8)))
                .contains(Duration.ofMillis(250));
        for (String delay : List.of("-1s", "soon", "5", "1e30s")) {
            assertThat(RetryPolicy.bodyDelay(retryInfo.formatted(delay).getBytes(UTF_8)))
                    .as(delay)
                    .isEmpty();
        }
        assertThat(RetryPolicy.bodyDelay("<html>429</html>".getBytes(UTF_8))).isEmpty();
    }

    @Test
    void backoff_exponentialCappedWithJitter() {
        HttpHeaders none = HttpHeaders.of(Map.of(), (a, b) -> true);
        assertThat(policy.delay(1, none, NOW)).isBetween(Duration.ofMillis(75), Duration.ofMillis(100));
        assertThat(policy.delay(2, none, NOW)).isBetween(Duration.ofMillis(150), Duration.ofMillis(200));
        assertThat(policy.delay(10, none, NOW)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
    }

    @Test
    void retryableStatuses() {
        assertThat(List.of(408, 409, 429, 500, 502, 503, 529)).allMatch(ProviderHttpException::isRetryableStatus);
        assertThat(List.of(400, 401, 403, 404, 422)).noneMatch(ProviderHttpException::isRetryableStatus);
    }
}
