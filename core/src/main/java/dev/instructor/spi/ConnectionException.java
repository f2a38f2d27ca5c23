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
        super(provider, "connection failed: " + cause, partialText, attempts, cause);
    }
}
