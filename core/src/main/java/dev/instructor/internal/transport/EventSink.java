package dev.instructor.internal.transport;

import dev.instructor.spi.ContentFilterException;
import dev.instructor.spi.IncompleteStreamException;
import dev.instructor.spi.InvalidToolCallException;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderException;
import dev.instructor.spi.RefusalException;
import dev.instructor.spi.StreamErrorException;
import dev.instructor.spi.TruncatedException;
import java.time.Duration;

/**
 * Where a {@link StreamDecoder} reports events and the outcome of a call. It keeps the structured text so far, so
 * every failure carries it. Calls after the outcome are ignored.
 */
public final class EventSink {
    private final StreamingCall call;
    private final StringBuilder text = new StringBuilder();
    private String endNote = "";
    // The id the provider gave the request whose body streams, for the errors its events report.
    private String requestId = "";

    EventSink(StreamingCall call) {
        this.call = call;
    }

    /** Delivers an event; text deltas are also kept as the partial text. */
    public void emit(ProviderEvent event) {
        if (event instanceof ProviderEvent.TextDelta delta) {
            text.append(delta.text());
        }
        call.deliver(event);
    }

    /** Delivers a text delta, skipping empty ones. */
    public void text(String delta) {
        if (delta != null && !delta.isEmpty()) {
            emit(new ProviderEvent.TextDelta(delta));
        }
    }

    /** Returns the structured text delivered so far. */
    public String partialText() {
        return text.toString();
    }

    /** Ends the call successfully: delivers {@link ProviderEvent.Finish} and completes. */
    public void complete(String finishReason) {
        call.complete(new ProviderEvent.Finish(finishReason));
    }

    /** Ends the call with a failure. */
    public void fail(ProviderException failure) {
        call.fail(failure);
    }

    /** Ends the call with a mid-stream error event. */
    public void streamError(ProviderError error) {
        fail(new StreamErrorException(
                provider(), error.type(), error.message(), partialText(), call.attempts(), requestId));
    }

    /**
     * Ends the call with a mid-stream error event, after what follows it: for a provider that follows its error
     * event with another that says more (OpenAI Responses: {@code response.failed}, with the usage), and may also
     * stop after the error. Events are delivered for at most {@code wait} more; whatever then ends the call (the
     * decoder, the body's end or failure, a timeout, the wait) ends it with this error, except a cancel.
     */
    public void streamErrorAfter(ProviderError error, Duration wait) {
        call.hold(
                new StreamErrorException(
                        provider(), error.type(), error.message(), partialText(), call.attempts(), requestId),
                wait);
    }

    /** Ends the call as cut off by the token limit. */
    public void truncated(String finishReason) {
        fail(new TruncatedException(provider(), finishReason, partialText(), call.attempts()));
    }

    /** Ends the call as answered by a tool call the provider could not read, which the client re-asks. */
    public void invalidToolCall(String finishReason, String detail) {
        fail(new InvalidToolCallException(provider(), finishReason, detail, partialText(), call.attempts()));
    }

    /** Ends the call as stopped by a content filter. */
    public void contentFiltered(String finishReason) {
        fail(new ContentFilterException(provider(), finishReason, partialText(), call.attempts()));
    }

    /** Ends the call as refused. */
    public void refused(String refusal) {
        fail(new RefusalException(provider(), refusal, partialText(), call.attempts()));
    }

    /** Ends the call as missing its end marker. */
    public void incomplete(String message) {
        fail(new IncompleteStreamException(provider(), message + endNote, partialText(), call.attempts()));
    }

    /** Notes that the body ended inside an event, which was dropped, for the message of an incomplete ending. */
    void endedInsideEvent(String dropped) {
        endNote =
                "; the body ended inside an event, dropped unfinished as the SSE spec says: " + DataExcerpt.of(dropped);
    }

    /** Under the call's lock: the id the provider gave the request whose body now streams, {@code ""} if none. */
    void requestId(String id) {
        requestId = id;
    }

    /** Returns the number of the attempt under way, for the failures that report it. */
    int attempts() {
        return call.attempts();
    }

    /** Returns the provider's name. */
    public String provider() {
        return call.provider();
    }
}
