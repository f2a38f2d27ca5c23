package dev.instructor.spi;

/**
 * Receives the outcome of one {@link ProviderCall}.
 *
 * <p><b>Threading.</b> Callbacks are made one at a time, never concurrently, in order, on the provider's threads.
 * The built-in providers make them on their HTTP client's executor, for everything a call does (its events, its
 * timeouts, its retries): by default a few threads that every stream shares, so callbacks must return quickly and
 * must not block; or the executor the user gave the provider ({@link LlmProvider#callbackExecutor()}), but for the
 * failure of a call that executor refused work to (it was shut down), which is made on the shared threads. Use
 * {@link LlmProvider#stream} for a blocking view.
 *
 * <p><b>Termination.</b> Exactly one of {@link #onComplete()} and {@link #onFailure} is called, last, unless the
 * call is cancelled first; after {@link ProviderCall#cancel()} returns no further callback starts. A cancel does not
 * wait for a callback under way on another thread: that one may still be running, or just starting, when it returns.
 *
 * <p><b>Errors.</b> If a callback throws, the call is cancelled and the exception is passed to the calling thread's
 * uncaught exception handler.
 */
public interface ProviderListener {
    /** Called for each event, in wire order. */
    void onEvent(ProviderEvent event);

    /** Called once after the {@link ProviderEvent.Finish} event of a successful call. */
    void onComplete();

    /**
     * Called once when the call fails; the exception carries the structured text received so far.
     *
     * @param failure one of the {@link ProviderException} subclasses
     */
    void onFailure(ProviderException failure);
}
