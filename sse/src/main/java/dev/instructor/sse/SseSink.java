package dev.instructor.sse;

import java.io.IOException;
import java.util.Map;

/**
 * Where a structured stream's events go: one HTTP response of whatever server the application runs. An adapter
 * implements it over its framework's response ({@link HttpServerSse} over the JDK's {@code HttpExchange},
 * {@code dev.instructor.sse.javalin.JavalinSse} over Javalin's context, {@code dev.instructor.sse.servlet.ServletSse}
 * over a servlet response).
 *
 * <p><b>Threading.</b> {@link StructuredSse} calls a sink from one thread at a time, but not always the same one:
 * heartbeats, paced events held back and the time limit's {@code error} are written from a thread of its writer
 * executor ({@link StructuredSse.Builder#writer}), which its scheduler only hands them to. The calls are ordered
 * (each happens before the next), so a sink needs no locking of its own.
 *
 * <p><b>Errors.</b> A write that fails means the client has gone: the sink throws, {@link StructuredSse} stops the
 * upstream model call, calls {@link #close()} and writes nothing more. A sink that learns of a disconnect some other
 * way should make its next write throw.
 */
public interface SseSink {

    /**
     * Starts the response: status 200 with {@code headers}, sent to the client at once. Called once, first.
     *
     * @param headers the response headers, in the order to write them
     * @throws IOException when the client has gone
     */
    void open(Map<String, String> headers) throws IOException;

    /**
     * Writes whole events (or a heartbeat comment) and flushes them to the client before returning.
     *
     * @param bytes UTF-8 text of one or more complete events
     * @throws IOException when the client has gone
     */
    void write(byte[] bytes) throws IOException;

    /** Ends the response; called once, last, also after a failed write. Never throws. */
    void close();
}
