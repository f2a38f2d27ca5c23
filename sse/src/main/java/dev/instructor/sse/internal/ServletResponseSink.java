package dev.instructor.sse.internal;

import dev.instructor.sse.SseSink;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Writes events to a servlet response after a prelude, flushing each past the response's buffer; the container fails
 * the write once the client has gone. The servlet adapters share it: {@code ServletSse} directly, {@code JavalinSse}
 * past Javalin's result.
 */
public final class ServletResponseSink implements SseSink {
    private final HttpServletResponse response;
    private final Map<String, String> extraHeaders;
    private final byte[] prelude;
    private ServletOutputStream out;
    private volatile boolean clientGone;
    private volatile boolean abandoned;

    /**
     * Returns a sink over {@code response}.
     *
     * @param response the response, not yet committed
     * @param extraHeaders headers added to the stream's own (CORS, {@code Vary})
     * @param prelude bytes written right after the headers: {@link dev.instructor.sse.StructuredSse#GET_STREAM_PRELUDE}
     *     for a {@code GET}, none for a {@code POST}
     */
    public ServletResponseSink(HttpServletResponse response, Map<String, String> extraHeaders, byte[] prelude) {
        this.response = response;
        this.extraHeaders = extraHeaders;
        this.prelude = prelude;
    }

    @Override
    public void open(Map<String, String> headers) throws IOException {
        response.setStatus(200);
        HttpParts.merge(headers, extraHeaders).forEach(response::setHeader);
        out = response.getOutputStream();
        out.write(prelude);
        response.flushBuffer();
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        if (abandoned) {
            throw new IOException("the server ended the response (its async timeout)");
        }
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException | RuntimeException gone) {
            clientGone = true;
            throw gone;
        }
    }

    /** Makes every later write fail, as to a client that has gone, and closing do nothing: the server owns the end. */
    public void abandon() {
        abandoned = true;
    }

    /** Returns true once a write failed: the client has gone. */
    public boolean clientGone() {
        return clientGone;
    }

    @Override
    public void close() {
        if (abandoned) {
            return;
        }
        try {
            out.close();
        } catch (IOException | RuntimeException ignored) {
            // The client has gone or the response is already complete: nothing left to end.
        }
    }
}
