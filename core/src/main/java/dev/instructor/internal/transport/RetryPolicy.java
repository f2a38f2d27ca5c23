package dev.instructor.internal.transport;

import dev.instructor.spi.ProviderHttpException;
import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * When to retry a request that failed before a 2xx status, and how long to wait. Statuses 408, 409, 429 and
 * 5xx (which includes Anthropic's 529) are retried, unless the body says the quota, a daily quota or the spend limit is
 * exhausted; other
 * 4xx never are, and an {@code x-should-retry} header overrides both. The server's {@code retry-after-ms}, then
 * {@code retry-after} (seconds or an HTTP date), then the {@code RetryInfo} of a Google error body, is honoured when it
 * is above zero and at most {@code maxRetryAfter}, a minute unless set, as OpenAI's and Anthropic's SDKs do (a zero or
 * a date already past asks for no wait of its own, and retrying at once would hammer a server that is shedding load);
 * otherwise the delay is exponential from {@code initialBackoff}, capped at {@code maxBackoff}, minus up to 25% jitter
 * so clients that failed together do not retry together.
 *
 * <p>A longer server delay is no reason to retry sooner: where those SDKs then retry after the short computed backoff,
 * to be refused again, the call fails at once (see {@link #waitsFor(Optional)}), carrying the delay, so that the
 * caller can schedule the request rather than hold a thread or a user for minutes.
 *
 * @param maxRetries retries after the first attempt; 0 disables retrying
 * @param initialBackoff the delay before the first retry
 * @param maxBackoff the longest computed delay
 * @param maxRetryAfter the longest delay a server may ask for that is waited before retrying
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    /** A server-requested delay longer than this, unless set otherwise, fails the call rather than being waited. */
    public static final Duration MAX_SERVER_DELAY = Duration.ofSeconds(60);

    /** Two retries, from half a second up to eight; a server's delay is waited for up to a minute. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(2, Duration.ofMillis(500), Duration.ofSeconds(8));

    /**
     * A delay in a header: digits, maybe a fraction. Checked before parsing, as Java also reads NaN, Infinity, hex and
     * a type suffix ({@code 5d}) as numbers.
     */
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    /**
     * What the {@code quotaId} of a Google per-day quota holds ({@code
     * GenerateRequestsPerDayPerProjectPerModel-FreeTier}): exceeded, it lasts until the day's reset, whatever short
     * {@code retryDelay} the body also names.
     */
    static final String DAILY_QUOTA = "PerDay";

    /** A retryDelay beyond this (a year) is read as none, so it fits a Duration in nanoseconds. */
    private static final BigDecimal MAX_PARSED_SECONDS = BigDecimal.valueOf(365L * 24 * 3600);

    /** Checks the values. */
    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0: " + maxRetries);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "need 0 <= initialBackoff <= maxBackoff: " + initialBackoff + ", " + maxBackoff);
        }
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must be >= 0: " + maxRetryAfter);
        }
    }

    /**
     * Creates a policy that waits for a server's delay up to {@link #MAX_SERVER_DELAY}.
     *
     * @param maxRetries retries after the first attempt; 0 disables retrying
     * @param initialBackoff the delay before the first retry
     * @param maxBackoff the longest computed delay
     */
    public RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
        this(maxRetries, initialBackoff, maxBackoff, MAX_SERVER_DELAY);
    }

    /**
     * Returns this policy with another number of retries.
     *
     * @param retries zero or more
     */
    public RetryPolicy withMaxRetries(int retries) {
        return new RetryPolicy(retries, initialBackoff, maxBackoff, maxRetryAfter);
    }

    /**
     * Returns this policy with another backoff range.
     *
     * @param initial the delay before the first retry
     * @param max the longest computed delay, at least {@code initial}
     */
    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(maxRetries, initial, max, maxRetryAfter);
    }

    /**
     * Returns this policy with another longest server delay to wait for.
     *
     * @param max zero or more; zero fails every call whose server asks for a wait
     */
    public RetryPolicy withMaxRetryAfter(Duration max) {
        return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, max);
    }

    /**
     * Returns whether a retry may wait for the delay the server asked for: false when it is longer than
     * {@code maxRetryAfter}, and the call then fails with it instead of retrying.
     *
     * @param requested the delay the server asked for, in a header or its error body
     */
    public boolean waitsFor(Optional<Duration> requested) {
        return requested.isEmpty() || requested.get().compareTo(maxRetryAfter) <= 0;
    }

    /**
     * Returns whether a response with this status and error body may be retried: as {@link
     * ProviderHttpException#isRetryableStatus(int)}, except errors that say the account is out of quota or over its
     * spend limit, which come as 429 but last until someone pays, and Gemini's exceeded daily quota, which lasts until
     * the day's reset: retrying only adds delay.
     *
     * @param status the HTTP status
     * @param error the parsed error body
     */
    public static boolean isRetryable(int status, ProviderError error) {
        return ProviderHttpException.isRetryableStatus(status)
                && !error.type().equals("insufficient_quota")
                && !error.detailCode().equals("enforced_spend_limit_reached")
                && !error.detailCode().contains(DAILY_QUOTA);
    }

    /**
     * Returns what a caller should know of a non-retryable answer that its provider's message does not say, or
     * {@code ""}: an exhausted daily quota comes with Google's usual "Please retry in 30s", which will fail again.
     *
     * @param error the parsed error body
     */
    public static String note(ProviderError error) {
        if (error.detailCode().contains(DAILY_QUOTA)) {
            return "daily quota " + error.detailCode() + " exhausted: not retried, it lasts until the day's reset";
        }
        return "";
    }

    /** Returns why a call whose server asked for {@code requested}, more than {@code maxRetryAfter}, is not retried. */
    String tooLong(Duration requested) {
        return "not retried: the server asks to wait " + readable(requested) + ", over the " + readable(maxRetryAfter)
                + " a retry waits";
    }

    /** Returns a delay in whole seconds, or milliseconds below ten seconds: {@code 300 s}, {@code 1500 ms}. */
    private static String readable(Duration delay) {
        return delay.compareTo(Duration.ofSeconds(10)) < 0 ? delay.toMillis() + " ms" : delay.toSeconds() + " s";
    }

    /**
     * Returns whether a response may be retried: as the server says in {@code x-should-retry} ({@code true} or
     * {@code false}, which OpenAI and Anthropic send and their SDKs obey over the status), otherwise as
     * {@link #isRetryable(int, ProviderError)} decides.
     *
     * @param status the HTTP status
     * @param error the parsed error body
     * @param headers the response headers
     */
    public static boolean isRetryable(int status, ProviderError error, HttpHeaders headers) {
        String told = headers.firstValue("x-should-retry").orElse("").strip();
        if (told.equalsIgnoreCase("true")) {
            return true;
        }
        if (told.equalsIgnoreCase("false")) {
            return false;
        }
        return isRetryable(status, error);
    }

    /**
     * Returns the delay before the next attempt.
     *
     * @param failedAttempt the 1-based number of the attempt that failed
     * @param headers its response headers, or {@code null} when it got no response
     * @param now the current time, for HTTP-date values
     */
    public Duration delay(int failedAttempt, HttpHeaders headers, Instant now) {
        return delay(failedAttempt, headers == null ? Optional.empty() : serverDelay(headers, now));
    }

    /**
     * Returns the delay before the next attempt.
     *
     * @param failedAttempt the 1-based number of the attempt that failed
     * @param requested the delay the server asked for, in a header or its error body
     */
    public Duration delay(int failedAttempt, Optional<Duration> requested) {
        if (requested.isPresent()
                && requested.get().compareTo(Duration.ZERO) > 0
                && requested.get().compareTo(maxRetryAfter) <= 0) {
            return requested.get();
        }
        long base = initialBackoff.toMillis() << Math.min(failedAttempt - 1, 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        double jitter = 1 - 0.25 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) (capped * jitter));
    }

    /** Returns the delay the server asked for; a negative one, which no header may carry, is none. */
    static Optional<Duration> serverDelay(HttpHeaders headers, Instant now) {
        return requestedDelay(headers, now).filter(delay -> !delay.isNegative());
    }

    /**
     * Returns the delay a Google API error body asks for: a {@code google.rpc.RetryInfo} entry in
     * {@code error.details}, its {@code retryDelay} in the protobuf JSON form of a duration ({@code "58s"},
     * {@code "7.5s"}). The Gemini API sends its quota 429s so, without a {@code retry-after} header.
     */
    static Optional<Duration> bodyDelay(byte[] body) {
        JsonNode root;
        try {
            root = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
        JsonNode error = (root.isArray() ? root.path(0) : root).path("error");
        for (JsonNode detail : error.path("details")) {
            String delay = Json.text(detail, "retryDelay");
            if (Json.text(detail, "@type").endsWith("google.rpc.RetryInfo") && delay.endsWith("s")) {
                try {
                    BigDecimal seconds = new BigDecimal(delay.substring(0, delay.length() - 1));
                    if (seconds.signum() >= 0 && seconds.compareTo(MAX_PARSED_SECONDS) <= 0) {
                        return Optional.of(
                                Duration.ofNanos(seconds.movePointRight(9).longValue()));
                    }
                } catch (NumberFormatException notSeconds) {
                    // Not a duration: no delay asked for.
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Duration> requestedDelay(HttpHeaders headers, Instant now) {
        Optional<String> millis = headers.firstValue("retry-after-ms").map(String::trim);
        if (millis.isPresent() && DECIMAL.matcher(millis.get()).matches()) {
            return Optional.of(Duration.ofNanos((long) (Double.parseDouble(millis.get()) * 1e6)));
        }
        Optional<String> after = headers.firstValue("retry-after");
        if (after.isEmpty()) {
            return Optional.empty();
        }
        String value = after.get().trim();
        if (DECIMAL.matcher(value).matches()) {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(value) * 1000)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration until = Duration.between(now, at);
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException notDate) {
            return Optional.empty();
        }
    }
}
