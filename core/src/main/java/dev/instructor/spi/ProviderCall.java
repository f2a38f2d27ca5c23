package dev.instructor.spi;

/**
 * One running provider exchange, as returned by {@link LlmProvider#open}.
 *
 * <p><b>Threading.</b> All methods are safe to call from any thread, including from inside a listener callback.
 *
 * <p><b>Cancellation.</b> {@link #cancel()} aborts the HTTP exchange at once: the connection is closed, the server
 * sees the socket close (over HTTP/2, which the JDK client negotiates for https, the exchange's stream is reset
 * instead, and the connection goes on serving others), pending retries are dropped and no further listener callback
 * starts. It is idempotent. Once the call has ended it makes no callback, but a transport still reading the rest of a
 * finished body (to keep its connection for the next call) stops and closes that connection.
 */
public interface ProviderCall extends AutoCloseable {
    /** Aborts the exchange; see the class comment. */
    void cancel();

    /**
     * Returns whether the call has completed, failed or been cancelled. A call completes or fails as its listener's
     * {@link ProviderListener#onComplete()} or {@link ProviderListener#onFailure} starts: once this returns true, a
     * cancel takes no outcome back.
     */
    boolean isDone();

    /** Same as {@link #cancel()}: closing a call that is still running aborts it. */
    @Override
    default void close() {
        cancel();
    }
}
