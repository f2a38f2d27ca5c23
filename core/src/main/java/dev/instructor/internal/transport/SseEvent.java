package dev.instructor.internal.transport;

/**
 * One dispatched server-sent event.
 *
 * @param event the event type ({@code message} when the stream named none)
 * @param data the data lines joined with {@code \n}
 * @param lastEventId the last event id seen in the stream, {@code ""} if none
 */
public record SseEvent(String event, String data, String lastEventId) {}
