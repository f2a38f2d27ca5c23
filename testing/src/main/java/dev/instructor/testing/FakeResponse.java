package dev.instructor.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;

/**
 * One scripted answer of the {@link FakeProviderServer}: status, headers and body bytes, how the body is cut into
 * writes, and an optional fault. Configure it fluently before enqueueing it; not thread-safe while configured.
 *
 * <p>The builder calls may come in any order: how to cut the body and where a fault falls are kept as asked and
 * applied to the body when the writes are made, so {@code status(500).splitAt(5).body(text)} cuts {@code text}, and
 * a {@link #body} set after {@link #pieceSize} is cut by that size. An offset or byte count beyond the body then
 * fails with {@link IllegalArgumentException} when the response is {@linkplain FakeProviderServer#enqueue
 * enqueued}, or, for one a dispatcher returns, before any of it is written.
 *
 * <pre>{@code
 * server.enqueue(FakeResponse.sse(bytes).randomSplits(42, 16).pacing(Duration.ofMillis(2)));
 * server.enqueue(FakeResponse.status(429).header("retry-after-ms", "20").body("{\"error\":{}}"));
 * server.enqueue(FakeResponse.sse(bytes).resetAfter(100));
 * }</pre>
 */
public final class FakeResponse {
    /** What goes wrong, if anything, after the configured number of body bytes. */
    enum Fault {
        NONE,
        RESET,
        STALL,
        STALL_BEFORE_HEADERS
    }

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    /** Offsets asked for by {@link #splitAt}, checked against the body when the writes are made. */
    private final TreeSet<Integer> explicitSplits = new TreeSet<>();
    /** The {@link #pieceSize}, or 0 for none. */
    private int pieceSize;
    /** The {@link #randomSplits} seed and largest piece, {@code randomMax} 0 for none. */
    private long randomSeed;

    private int randomMax;
    private boolean splitEvents;
    private Duration pacing = Duration.ZERO;
    private Fault fault = Fault.NONE;
    private int faultAfter;
    private boolean chunked = true;

    private FakeResponse(int status) {
        this.status = status;
    }

    /** Returns a 200 {@code text/event-stream} response with this body. */
    public static FakeResponse sse(byte[] body) {
        return new FakeResponse(200).header("Content-Type", "text/event-stream").body(body);
    }

    /** Returns a 200 {@code text/event-stream} response with this body, encoded as UTF-8. */
    public static FakeResponse sse(String body) {
        return sse(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a 200 {@code application/x-ndjson} response with this body. */
    public static FakeResponse ndjson(byte[] body) {
        return new FakeResponse(200)
                .header("Content-Type", "application/x-ndjson")
                .body(body);
    }

    /** Returns a 200 response replaying a recorded file, byte for byte. */
    public static FakeResponse sseFile(Path file) {
        try {
            return sse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a 200 response replaying a class-path resource, byte for byte. */
    public static FakeResponse sseResource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name + " next to " + anchor.getName());
            }
            return sse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a response with this status and a JSON content type, for error answers. */
    public static FakeResponse status(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be 100-999: " + status);
        }
        return new FakeResponse(status).header("Content-Type", "application/json");
    }

    /**
     * Sets a response header, replacing one of the same name in any letter case (header names are case-insensitive,
     * so {@code header("content-type", ...)} replaces the {@code Content-Type} of {@link #sse}).
     */
    public FakeResponse header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        headers.keySet().removeIf(name::equalsIgnoreCase);
        headers.put(name, value);
        return this;
    }

    /** Sets the body. */
    public FakeResponse body(byte[] bytes) {
        this.body = bytes.clone();
        return this;
    }

    /** Sets the body, encoded as UTF-8. */
    public FakeResponse body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the body in separate flushed writes, cut before each of these byte offsets; each must fall inside the
     * body (1 to its length - 1), checked when the writes are made.
     */
    public FakeResponse splitAt(int... offsets) {
        for (int offset : offsets) {
            if (offset <= 0) {
                throw new IllegalArgumentException("split offset must be positive: " + offset);
            }
            explicitSplits.add(offset);
        }
        return this;
    }

    /** Cuts the body into writes of at most {@code size} bytes, replacing an earlier size. */
    public FakeResponse pieceSize(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        this.pieceSize = size;
        return this;
    }

    /**
     * Cuts the body at random offsets, writes of 1 to {@code maxPiece} bytes, reproducibly for a seed; cuts fall
     * inside UTF-8 sequences and CRLF pairs as often as anywhere else. Replaces an earlier seed and size.
     */
    public FakeResponse randomSplits(long seed, int maxPiece) {
        if (maxPiece <= 0) {
            throw new IllegalArgumentException("maxPiece must be positive: " + maxPiece);
        }
        this.randomSeed = seed;
        this.randomMax = maxPiece;
        return this;
    }

    /**
     * Cuts the body after each event, so every event is its own write: after each blank line of a {@code
     * text/event-stream} body (in any case; lines ending in CRLF, LF or CR), after each line of any other (NDJSON)
     * body.
     */
    public FakeResponse splitEvents() {
        this.splitEvents = true;
        return this;
    }

    /**
     * Writes one event per write, {@code delay} apart: a scripted answer then arrives at a model's token pace. Same as
     * {@link #splitEvents()} with {@link #pacing(Duration)}.
     */
    public FakeResponse eventPacing(Duration delay) {
        return splitEvents().pacing(delay);
    }

    /** Sleeps this long between writes. */
    public FakeResponse pacing(Duration delay) {
        if (Objects.requireNonNull(delay, "delay").isNegative()) {
            throw new IllegalArgumentException("pacing must not be negative: " + delay);
        }
        this.pacing = delay;
        return this;
    }

    /**
     * Resets the connection (TCP RST) after writing this many body bytes, at most the body's length (checked when the
     * writes are made).
     */
    public FakeResponse resetAfter(int bytes) {
        return fault(Fault.RESET, bytes);
    }

    /**
     * Stops writing after this many body bytes, at most the body's length (checked when the writes are made), and
     * holds the connection open until the client closes it.
     */
    public FakeResponse stallAfter(int bytes) {
        return fault(Fault.STALL, bytes);
    }

    /** Reads the request, then sends nothing (not even headers) until the client closes the connection. */
    public FakeResponse stallBeforeHeaders() {
        return fault(Fault.STALL_BEFORE_HEADERS, 0);
    }

    /** Ends the body by closing the connection instead of chunked encoding (an HTTP/1.0-style body). */
    public FakeResponse closeDelimited() {
        this.chunked = false;
        return this;
    }

    private FakeResponse fault(Fault kind, int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("byte count must not be negative: " + bytes);
        }
        this.fault = kind;
        this.faultAfter = bytes;
        return this;
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    byte[] bodyBytes() {
        return body;
    }

    Duration pacing() {
        return pacing;
    }

    Fault fault() {
        return fault;
    }

    int faultAfter() {
        return faultAfter;
    }

    boolean chunked() {
        return chunked && status / 100 == 2 && !bodyless();
    }

    /**
     * Returns true for a status whose response has no body and no framing headers (RFC 9110 §15.2, §15.3.5,
     * §15.4.5): a client reads nothing after its head, so a chunked terminator or a length would be garbage.
     */
    boolean bodyless() {
        return status / 100 == 1 || status == 204 || status == 304;
    }

    /**
     * Returns the writes: the body cut at the split offsets, up to the fault if any.
     *
     * @throws IllegalArgumentException when a {@link #splitAt} offset or a fault's byte count does not fit the body
     */
    List<byte[]> pieces() {
        if (bodyless() && body.length > 0) {
            throw new IllegalArgumentException(
                    "a " + status + " response has no body, but " + body.length + " bytes were set");
        }
        int end = fault == Fault.NONE ? body.length : faultAfter;
        List<byte[]> pieces = new ArrayList<>();
        int start = 0;
        for (int split : splits()) {
            if (split >= end) {
                break;
            }
            pieces.add(Arrays.copyOfRange(body, start, split));
            start = split;
        }
        if (end > start) {
            pieces.add(Arrays.copyOfRange(body, start, end));
        }
        return pieces;
    }

    /** Returns the offsets to cut the body at, from every cut asked for, after checking them against the body. */
    private TreeSet<Integer> splits() {
        for (int offset : explicitSplits) {
            if (offset >= body.length) {
                throw new IllegalArgumentException("split offset " + offset + " is not inside the " + body.length
                        + "-byte body (1.." + (body.length - 1) + ")");
            }
        }
        if (faultAfter > body.length) {
            throw new IllegalArgumentException(
                    "fault after " + faultAfter + " bytes is beyond the " + body.length + "-byte body");
        }
        TreeSet<Integer> splits = new TreeSet<>(explicitSplits);
        if (pieceSize > 0) {
            for (int offset = pieceSize; offset < body.length; offset += pieceSize) {
                splits.add(offset);
            }
        }
        if (randomMax > 0) {
            Random random = new Random(randomSeed);
            for (int offset = 1 + random.nextInt(randomMax);
                    offset < body.length;
                    offset += 1 + random.nextInt(randomMax)) {
                splits.add(offset);
            }
        }
        if (splitEvents) {
            addEventSplits(splits);
        }
        if (fault != Fault.NONE && faultAfter > 0 && faultAfter < body.length) {
            splits.add(faultAfter);
        }
        return splits;
    }

    private void addEventSplits(TreeSet<Integer> splits) {
        String type = headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("");
        // Media types are case-insensitive; SSE lines end in CRLF, LF or a lone CR, and a blank line ends an event.
        boolean sse = type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        int lineStart = 0;
        int i = 0;
        while (i < body.length) {
            byte b = body[i];
            if (b != '\n' && b != '\r') {
                i++;
                continue;
            }
            int end = b == '\r' && i + 1 < body.length && body[i + 1] == '\n' ? i + 2 : i + 1;
            boolean boundary = sse ? i == lineStart : b == '\n' || end == i + 2;
            if (boundary && end < body.length) {
                splits.add(end);
            }
            lineStart = end;
            i = end;
        }
    }

    @Override
    public String toString() {
        return "FakeResponse[" + status + ", " + body.length + " bytes, fault=" + fault + "]";
    }
}
