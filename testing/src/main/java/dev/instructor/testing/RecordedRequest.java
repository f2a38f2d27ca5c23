package dev.instructor.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A request the {@link FakeProviderServer} received, and what became of its connection.
 *
 * <p>Thread-safe; the close future is completed by the server's connection thread.
 */
public final class RecordedRequest {
    private final String method;
    private final String target;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Instant receivedAt;
    private final CompletableFuture<ClientClose> clientClosed = new CompletableFuture<>();
    private int piecesWritten;
    /** The size of the piece being written, or -1 when none is. */
    private int inFlightBytes = -1;

    private long bytesWritten;

    RecordedRequest(String method, String target, Map<String, List<String>> headers, byte[] body) {
        this.method = method;
        this.target = target;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body;
        this.receivedAt = Instant.now();
    }

    /** Returns the HTTP method. */
    public String method() {
        return method;
    }

    /** Returns the request target: the path with its query, as sent. */
    public String target() {
        return target;
    }

    /** Returns the path without the query. */
    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /**
     * Returns all headers in the order received, names in lower case, unmodifiable; look one up in any case with
     * {@link #header(String)}.
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** Returns the first value of a header (any case), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Returns the body bytes. */
    public byte[] body() {
        return body.clone();
    }

    /** Returns the body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Returns when the request was read. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /**
     * Waits until the client closes (or resets) this request's connection and returns when the server noticed.
     *
     * @throws AssertionError if it stays open for {@code timeout}
     * @see #awaitClose(Duration)
     */
    public Instant awaitClientClose(Duration timeout) {
        return awaitClose(timeout).at();
    }

    /**
     * Waits until the client closes (or resets) this request's connection and returns when the server noticed and
     * how much of the response it had written by then. The server reads the connection while it writes, so it
     * notices a close as soon as the client's FIN or RST arrives, not on a later write, and starts no write after
     * noticing. Pieces counted were handed to the operating system: the last of them may still have been in flight
     * when the client closed.
     *
     * @throws AssertionError if it stays open for {@code timeout}
     */
    public ClientClose awaitClose(Duration timeout) {
        try {
            return clientClosed.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("client did not close the connection within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /** Returns whether the client has closed the connection. */
    public boolean clientClosed() {
        return clientClosed.isDone();
    }

    /** Returns how many body pieces (separate flushed writes) the server has written so far. */
    public synchronized int piecesWritten() {
        return piecesWritten;
    }

    /** Returns how many body bytes the server has written so far, chunked framing not counted. */
    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    /** Notes that a piece of {@code bytes} is being written; {@link #pieceWritten} follows once it is flushed. */
    synchronized void pieceStarting(int bytes) {
        inFlightBytes = bytes;
    }

    synchronized void pieceWritten() {
        piecesWritten++;
        bytesWritten += inFlightBytes;
        inFlightBytes = -1;
    }

    synchronized void markClientClosed() {
        // A piece under way counts: the client may have read it and closed before the writer got to count it.
        int pieces = inFlightBytes < 0 ? piecesWritten : piecesWritten + 1;
        long bytes = inFlightBytes < 0 ? bytesWritten : bytesWritten + inFlightBytes;
        clientClosed.complete(new ClientClose(Instant.now(), pieces, bytes));
    }

    boolean awaitClosed(long millis) {
        try {
            clientClosed.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return method + " " + target;
    }
}
