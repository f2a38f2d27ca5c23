package dev.instructor.internal.client;

/**
 * Where the caller met a failure made on another thread: added to a provider's failure as a suppressed exception
 * whose stack trace is the caller's. A {@code ProviderException} is made on the HTTP client's thread, so its own frames
 * show the transport, not which call of the application failed; the JDK's {@code HttpClient.send} wraps its
 * exceptions for the same reason. A suppressed exception keeps the failure's type, which callers catch.
 */
final class CallerFrames extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private CallerFrames() {
        super("thrown to the caller here, on thread " + Thread.currentThread().getName());
    }

    /** Adds the calling thread's frames to {@code failure}, unless a caller's frames are there already. */
    static void addTo(Throwable failure) {
        for (Throwable suppressed : failure.getSuppressed()) {
            if (suppressed instanceof CallerFrames) {
                return; // thrown again by the same stream (a second getFinalResponse): the first caller is enough
            }
        }
        failure.addSuppressed(new CallerFrames());
    }
}
