package dev.instructor.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * The provider answered with an HTTP error status, after any retries. {@link #isRetryable()} and
 * {@link #retryAfter()} tell a caller with its own retry loop (a queue, a scheduler) whether and when to try again.
 */
public final class ProviderHttpException extends ProviderException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorType;
    private final String providerMessage;
    private final boolean retryable;
    private final Duration retryAfter;
    private final String requestId;

    /**
     * Creates an exception that carries no {@code retry-after} and is retryable as its status says
     * ({@link #isRetryableStatus(int)}).
     *
     * @param provider the provider's name
     * @param status the HTTP status of the last attempt
     * @param errorType the provider's error type or code, {@code ""} if none
     * @param providerMessage the provider's error message, {@code ""} if none
     * @param attempts how many HTTP requests were sent for this model call
     */
    public ProviderHttpException(String provider, int status, String errorType, String providerMessage, int attempts) {
        this(provider, status, errorType, providerMessage, attempts, isRetryableStatus(status), null);
    }

    /**
     * Creates an exception.
     *
     * @param provider the provider's name
     * @param status the HTTP status of the last attempt
     * @param errorType the provider's error type or code, {@code ""} if none
     * @param providerMessage the provider's error message, {@code ""} if none
     * @param attempts how many HTTP requests were sent for this model call
     * @param retryable whether the transport would retry this answer (it may have run out of retries)
     * @param retryAfter the delay the server asked for, or {@code null} when it asked for none
     */
    public ProviderHttpException(
            String provider,
            int status,
            String errorType,
            String providerMessage,
            int attempts,
            boolean retryable,
            Duration retryAfter) {
        this(provider, status, errorType, providerMessage, attempts, retryable, retryAfter, "");
    }

    /**
     * Creates an exception whose message also says what the provider's does not, such as why it is not retried.
     *
     * @param provider the provider's name
     * @param status the HTTP status of the last attempt
     * @param errorType the provider's error type or code, {@code ""} if none
     * @param providerMessage the provider's error message, {@code ""} if none
     * @param attempts how many HTTP requests were sent for this model call
     * @param retryable whether the transport would retry this answer (it may have run out of retries)
     * @param retryAfter the delay the server asked for, or {@code null} when it asked for none or waiting will not help
     * @param note added to the message in parentheses, {@code ""} for nothing
     */
    public ProviderHttpException(
            String provider,
            int status,
            String errorType,
            String providerMessage,
            int attempts,
            boolean retryable,
            Duration retryAfter,
            String note) {
        this(provider, status, errorType, providerMessage, attempts, retryable, retryAfter, note, "");
    }

    /**
     * Creates an exception that also names the id the provider gave the request, which its support asks for.
     *
     * @param provider the provider's name
     * @param status the HTTP status of the last attempt
     * @param errorType the provider's error type or code, {@code ""} if none
     * @param providerMessage the provider's error message, {@code ""} if none
     * @param attempts how many HTTP requests were sent for this model call
     * @param retryable whether the transport would retry this answer (it may have run out of retries)
     * @param retryAfter the delay the server asked for, or {@code null} when it asked for none or waiting will not help
     * @param note added to the message in parentheses, {@code ""} for nothing
     * @param requestId the last attempt's request id, {@code ""} if the provider sent none
     */
    public ProviderHttpException(
            String provider,
            int status,
            String errorType,
            String providerMessage,
            int attempts,
            boolean retryable,
            Duration retryAfter,
            String note,
            String requestId) {
        super(
                provider,
                "HTTP " + status + describe(status, errorType, providerMessage) + remarks(note, requestId),
                "",
                attempts,
                null);
        this.status = status;
        this.errorType = errorType;
        this.providerMessage = providerMessage;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.requestId = requestId;
    }

    /** Returns {@code note} and the request id in parentheses, {@code ""} for neither. */
    static String remarks(String note, String requestId) {
        String id = requestId.isEmpty() ? "" : "request id " + requestId;
        String both = note.isEmpty() || id.isEmpty() ? note + id : note + "; " + id;
        return both.isEmpty() ? "" : " (" + both + ")";
    }

    static String describe(int status, String errorType, String message) {
        // OpenRouter's and vLLM's errors may carry the status again as their code: said once is enough.
        String type = errorType.equals(Integer.toString(status)) ? "" : errorType;
        if (type.isEmpty() && message.isEmpty()) {
            // A gateway or proxy may answer with no body at all: the status alone then has to say what to check.
            return switch (status) {
                case 401 -> " (unauthorized: check the API key)";
                case 403 -> " (forbidden: check the API key and what it may access)";
                case 404 -> " (not found: check the base URL and the model)";
                default -> "";
            };
        }
        return (type.isEmpty() ? "" : " " + type) + (message.isEmpty() ? "" : ": " + message);
    }

    /**
     * Returns whether the transport retries an answer with this status: 408, 409, 429 and every 5xx (Anthropic's 529
     * included). Other 4xx are the request's fault and fail the same way however often they are sent.
     */
    public static boolean isRetryableStatus(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /**
     * Returns the id the provider gave the last attempt, which its support asks for: the {@code x-request-id} header
     * (OpenAI, Azure OpenAI, Groq and others), or {@code request-id} (Anthropic); empty when it sent none.
     */
    public Optional<String> requestId() {
        return requestId.isEmpty() ? Optional.empty() : Optional.of(requestId);
    }

    /** Returns the HTTP status. */
    public int status() {
        return status;
    }

    /** Returns the provider's error type or code ({@code rate_limit_error}, {@code overloaded_error}...). */
    public String errorType() {
        return errorType;
    }

    /** Returns the provider's error message. */
    public String providerMessage() {
        return providerMessage;
    }

    /**
     * Returns whether sending the request again later may succeed: the statuses the transport retries
     * ({@link #isRetryableStatus(int)}), except a 429 that says the quota or spend limit is exhausted, which lasts
     * until someone pays, or a daily quota (Gemini), which lasts until the day's reset; an {@code x-should-retry: true}
     * or {@code false} header from the server decides instead. True here means the transport's own retries ran out, or
     * the server asked for a longer wait than the transport's retries wait for (see {@link #retryAfter()}).
     */
    public boolean isRetryable() {
        return retryable;
    }

    /**
     * Returns the delay the server asked for in the last answer's {@code retry-after-ms} or {@code retry-after}
     * header (seconds or an HTTP date, a past date read as zero), or else in the {@code google.rpc.RetryInfo} of its
     * error body (Gemini's quota errors); empty when it sent none or an unreadable one, and when the answer is not
     * {@linkplain #isRetryable() retryable}: an exhausted daily quota (Gemini) names a delay of seconds, but lasts
     * until the day's reset.
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
