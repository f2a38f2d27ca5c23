package dev.instructor.sse.internal;

import dev.instructor.AsyncPartialStream;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

/**
 * Stops a stream served in a servlet's async mode when the container ends the cycle itself: at its async timeout,
 * or on an error of the connection. Nothing else would stop a model that has gone silent. The response is then over
 * for the stream, which writes nothing more, and the cycle is completed here so that the container does not answer
 * with an error page of its own behind the events already sent.
 */
public final class ServletAsyncEnd implements AsyncListener {
    private final ServletResponseSink sink;
    private final AsyncPartialStream<?> stream;

    /**
     * Returns a listener that stops {@code stream}, written to {@code sink}, when the container ends the cycle.
     *
     * @param sink the response's sink
     * @param stream the stream written to it
     */
    public ServletAsyncEnd(ServletResponseSink sink, AsyncPartialStream<?> stream) {
        this.sink = sink;
        this.stream = stream;
    }

    /**
     * Completes the async cycle unless it is over already (the container ended it, or the connection failed).
     *
     * @param async the cycle
     */
    public static void complete(AsyncContext async) {
        try {
            async.complete();
        } catch (RuntimeException alreadyOver) {
            // The container already ended the cycle: at its timeout, or when the connection failed.
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        stop(event);
    }

    @Override
    public void onError(AsyncEvent event) {
        stop(event);
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}

    private void stop(AsyncEvent event) {
        sink.abandon();
        stream.cancel();
        complete(event.getAsyncContext());
    }
}
