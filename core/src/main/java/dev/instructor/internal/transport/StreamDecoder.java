package dev.instructor.internal.transport;

/**
 * Turns one provider's wire events into {@link dev.instructor.spi.ProviderEvent}s. One instance per call; called
 * by the transport one event at a time, never concurrently.
 */
public interface StreamDecoder {
    /**
     * Handles one wire event (an SSE event, or for NDJSON one line as an event named {@code line}). Malformed JSON
     * in the data may be thrown as a {@link tools.jackson.core.JacksonException}, and JSON the decoder cannot read as
     * any other runtime exception: the call then fails as malformed.
     */
    void onEvent(SseEvent event, EventSink sink);

    /**
     * Returns whether {@code event} only acknowledges the request (OpenAI Responses' {@code response.created}), so
     * it does not end the wait for the first event: a reasoning model may think in silence after it, for as long as
     * the first-event timeout allows, not the idle one. Asked of each event until one returns false; none by default.
     */
    default boolean acknowledgesOnly(SseEvent event) {
        return false;
    }

    /**
     * The body ended cleanly. A decoder that saw its provider's end marker has already completed the sink; the
     * default reports the stream as incomplete.
     */
    default void onEnd(EventSink sink) {
        sink.incomplete("stream ended without an end marker");
    }
}
