package dev.instructor.internal.transport;

import java.nio.ByteBuffer;

/** Consumes a response body as it arrives. */
public interface ByteSink {
    /** Consumes the buffer's remaining bytes, up to the end of the line that {@link #stop()} was called in. */
    void feed(ByteBuffer buffer);

    /** The body ended cleanly. */
    void end();

    /**
     * Returns what {@link #end()} dropped as an unfinished event (the body ended inside it), {@code ""} when nothing:
     * for the message of a stream that then ends incomplete.
     */
    default String droppedAtEnd() {
        return "";
    }

    /**
     * Reads no further: called from the handler, ends the current {@link #feed} after the line being handled, and
     * makes later feeds and the end do nothing.
     */
    void stop();

    /** Returns how many bytes of the last buffer fed were left unread because of {@link #stop()}. */
    int unread();
}
