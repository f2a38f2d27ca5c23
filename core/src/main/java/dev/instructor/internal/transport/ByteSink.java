package dev.instructor.internal.transport;

import java.nio.ByteBuffer;

/** Consumes a response body as it arrives. */
public interface ByteSink {
    /** Consumes the buffer's remaining bytes. */
    void feed(ByteBuffer buffer);

    /** The body ended cleanly. */
    void end();
}
