package dev.instructor.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
    private final CompletableFuture<Instant> clientClosed = new CompletableFuture<>();

    RecordedRequest(String method, String target, Map<String, List<String>> headers, byte[] body) {
        this.method = method;
        this.target = target;
        this.headers = headers;
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

    /** Returns all headers, names in lower case. */
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
     */
    public Instant awaitClientClose(Duration timeout) {
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

    void markClientClosed() {
        clientClosed.complete(Instant.now());
    }

    @Override
    public String toString() {
        return method + " " + target;
    }
}
