package dev.instructor.spi;

import java.io.IOException;

/** The connection failed: it could not be opened (after retries) or was reset while the body streamed. */
public final class ConnectionException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param provider the provider's name
     * @param partialText the structured text received before the failure
     * @param attempts how many requests were made
     * @param cause the I/O failure
     */
    public ConnectionException(String provider, String partialText, int attempts, IOException cause) {
        this(provider, "connection failed", partialText, attempts, cause);
    }

    /**
     * Creates an exception whose message says what happened to the connection.
     *
     * @param provider the provider's name
     * @param what what happened, such as {@code "connection lost while the answer streamed"}; the cause follows it
     * @param partialText the structured text received before the failure
     * @param attempts how many requests were made
     * @param cause the I/O failure
     */
    public ConnectionException(String provider, String what, String partialText, int attempts, IOException cause) {
        super(provider, what + ": " + cause, partialText, attempts, cause);
    }
}
