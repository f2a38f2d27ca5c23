package dev.instructor.internal.transport;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * An incremental newline-delimited JSON splitter (Ollama's native API), fed bytes as they arrive: each non-blank
 * line, without its LF or CRLF, goes to the handler. A last line without a newline is delivered at the end, since
 * NDJSON writers may omit the final newline. Not thread-safe.
 */
public final class NdjsonParser implements ByteSink {
    private final Consumer<String> handler;
    private final LineBuffer line;
    private boolean stopped;
    private int unread;

    /**
     * Creates a parser.
     *
     * @param handler receives each line, on the feeding thread
     * @param maxLineBytes the longest line accepted
     */
    public NdjsonParser(Consumer<String> handler, int maxLineBytes) {
        this.handler = handler;
        this.line = new LineBuffer(maxLineBytes);
    }

    @Override
    public void feed(ByteBuffer buffer) {
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        feed(chunk, 0, chunk.length);
    }

    /** Feeds {@code bytes[from, to)}. */
    public void feed(byte[] bytes, int from, int to) {
        if (stopped) {
            unread = to - from;
            return;
        }
        int start = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                line.append(bytes, start, i);
                deliver(line.take());
                start = i + 1;
                if (stopped) {
                    unread = to - start; // checked per line, not per byte
                    return;
                }
            }
        }
        line.append(bytes, start, to);
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public int unread() {
        return unread;
    }

    @Override
    public void end() {
        if (!stopped && line.length() > 0) {
            deliver(line.take());
        }
    }

    private void deliver(String text) {
        String trimmed = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        if (!trimmed.isBlank()) {
            handler.accept(trimmed);
        }
    }
}
