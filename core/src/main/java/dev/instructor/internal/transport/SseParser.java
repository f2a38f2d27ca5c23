package dev.instructor.internal.transport;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * An incremental server-sent events parser following the WHATWG "event stream interpretation" rules, fed bytes as
 * they arrive. Not thread-safe: one feeder at a time.
 *
 * <p>Implementation notes: lines end at CR, LF or CRLF; a CR at the end of one chunk remembers to swallow an LF at
 * the start of the next. A UTF-8 BOM is skipped only at the very start of the stream, even if split across chunks.
 * An event still being collected when the stream ends is dropped, as the spec says.
 */
public final class SseParser implements ByteSink {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Consumer<SseEvent> handler;
    private final LineBuffer line;
    private final int maxEventChars;
    private final StringBuilder data = new StringBuilder();
    private String eventType = "";
    private String lastEventId = "";
    private long retryMillis = -1;
    private int bomMatched;
    private boolean bomDone;
    private boolean skipLf;
    private boolean stopped;
    private int unread;
    private String dropped = "";

    /**
     * Creates a parser.
     *
     * @param handler receives each dispatched event, on the feeding thread
     * @param maxLineBytes the longest line accepted
     * @param maxEventChars the longest event data accepted
     */
    public SseParser(Consumer<SseEvent> handler, int maxLineBytes, int maxEventChars) {
        this.handler = handler;
        this.line = new LineBuffer(maxLineBytes);
        this.maxEventChars = maxEventChars;
    }

    /** Returns the last valid {@code retry} value in milliseconds, or -1 if none was sent. */
    public long retryMillis() {
        return retryMillis;
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
        int start = skipBom(bytes, from, to);
        for (int i = start; i < to; i++) {
            byte b = bytes[i];
            if (skipLf) {
                skipLf = false;
                if (b == '\n') {
                    start = i + 1;
                    continue;
                }
            }
            if (b == '\r' || b == '\n') {
                line.append(bytes, start, i);
                processLine(line.take());
                skipLf = b == '\r';
                start = i + 1;
                if (stopped) {
                    unread = to - start; // checked per line, not per byte
                    return;
                }
            }
        }
        line.append(bytes, start, to);
    }

    private int skipBom(byte[] bytes, int from, int to) {
        int i = from;
        while (!bomDone && i < to) {
            if (bytes[i] == BOM[bomMatched]) {
                i++;
                if (++bomMatched == BOM.length) {
                    bomDone = true;
                }
            } else {
                // Not a BOM after all: the bytes matched so far are ordinary content.
                bomDone = true;
                line.append(BOM, 0, bomMatched);
            }
        }
        return i;
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
        // An unterminated last line and an undispatched event are dropped, but kept to be named in a message: a
        // server that omits the last blank line loses its last event (OpenAI-compatible ones, their [DONE]).
        String unterminated = line.take();
        if (!stopped && !unterminated.startsWith(":")) {
            dropped = data.append(unterminated).toString().strip();
        }
        data.setLength(0);
    }

    @Override
    public String droppedAtEnd() {
        return dropped;
    }

    private void processLine(String text) {
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = "";
        if (colon >= 0) {
            int valueStart = colon + 1;
            if (valueStart < text.length() && text.charAt(valueStart) == ' ') {
                valueStart++;
            }
            value = text.substring(valueStart);
        }
        processField(field, value);
    }

    private void processField(String field, String value) {
        switch (field) {
            case "event" -> eventType = value;
            case "data" -> {
                if (data.length() + value.length() + 1 > maxEventChars) {
                    throw new StreamLimitException("event data longer than " + maxEventChars + " characters");
                }
                data.append(value).append('\n');
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    try {
                        retryMillis = Long.parseLong(value);
                    } catch (NumberFormatException tooLong) {
                        // All digits but beyond a long: ignore, as any other unusable value.
                    }
                }
            }
            default -> {
                // Unknown fields are ignored.
            }
        }
    }

    private void dispatch() {
        if (data.length() == 0) {
            eventType = "";
            return;
        }
        data.setLength(data.length() - 1);
        String type = eventType.isEmpty() ? "message" : eventType;
        SseEvent event = new SseEvent(type, data.toString(), lastEventId);
        data.setLength(0);
        eventType = "";
        handler.accept(event);
    }
}
