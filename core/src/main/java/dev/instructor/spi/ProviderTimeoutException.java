package dev.instructor.spi;

import java.time.Duration;

/** A timeout expired; {@link #kind()} says which. */
public final class ProviderTimeoutException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /** The timeouts a call is subject to. */
    public enum Kind {
        /** Opening the TCP/TLS connection. */
        CONNECT,
        /** From sending the request to the first event of the response body. */
        FIRST_EVENT,
        /** With no bytes received between two events. */
        IDLE,
        /** The whole call, when that opt-in limit is set. */
        TOTAL
    }

    private final Kind kind;
    private final Duration timeout;

    /**
     * Creates an exception.
     *
     * @param provider the provider's name
     * @param kind which timeout expired
     * @param timeout its configured length
     * @param partialText the structured text received before it expired
     * @param attempts how many requests were made
     */
    public ProviderTimeoutException(String provider, Kind kind, Duration timeout, String partialText, int attempts) {
        super(provider, kind + " timeout after " + timeout.toMillis() + " ms", partialText, attempts, null);
        this.kind = kind;
        this.timeout = timeout;
    }

    /** Returns which timeout expired. */
    public Kind kind() {
        return kind;
    }

    /** Returns the configured length of the timeout. */
    public Duration timeout() {
        return timeout;
    }
}
