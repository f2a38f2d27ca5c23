package dev.instructor.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback HTTP/1.1 server that plays an LLM provider for tests, in the manner of OkHttp's MockWebServer. It
 * works on raw sockets so it controls every byte: each response is written in the pieces its {@link FakeResponse}
 * asks for (flushed separately), and faults happen at exact byte positions. Every connection serves one request
 * and the server waits for the client to close it, so tests can assert that the client let go.
 *
 * <pre>{@code
 * try (FakeProviderServer server = FakeProviderServer.start()) {
 *     server.enqueue(FakeResponse.sse(recordedBytes).randomSplits(7, 32));
 *     URI baseUrl = server.url("/v1");
 *     // ... run the client against baseUrl ...
 *     RecordedRequest request = server.takeRequest();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Each connection is served by its own daemon thread named {@code fake-provider-server-N}.
 */
public final class FakeProviderServer implements AutoCloseable {
    /** The prefix of the server's thread names, so thread-leak checks can leave them out. */
    public static final String THREAD_PREFIX = "fake-provider-server-";

    private final ServerSocket socket;
    private final Function<RecordedRequest, FakeResponse> dispatcher;
    private final int requestLogLimit;
    private final ConcurrentLinkedQueue<FakeResponse> queue = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final AtomicInteger threadCount = new AtomicInteger();
    private volatile boolean closed;

    /** Connections the kernel may queue before the accept loop takes them. */
    private static final int ACCEPT_BACKLOG = 4096;

    private FakeProviderServer(Builder builder) {
        this.dispatcher = builder.dispatcher;
        this.requestLogLimit = builder.requestLogLimit;
        try {
            socket = new ServerSocket();
            // A deep accept queue: with the default of 50, a burst of a thousand connections had some of theirs
            // dropped, and the kernel's retries of those took longer than a minute.
            // IPv4 loopback, as url() says: getLoopbackAddress() is ::1 in a JVM that prefers IPv6 addresses.
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), ACCEPT_BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread(this::acceptLoop).start();
    }

    /** Starts a server that answers with enqueued responses. */
    public static FakeProviderServer start() {
        return builder().build();
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a {@link FakeProviderServer}. */
    public static final class Builder {
        private Function<RecordedRequest, FakeResponse> dispatcher;
        private int requestLogLimit = 1_000;

        private Builder() {}

        /**
         * Sets how many received requests the log keeps for {@link #takeRequest()}, 1,000 by default; when full,
         * the oldest untaken request is dropped, so a long-running server does not grow without bound.
         */
        public Builder requestLogLimit(int limit) {
            if (limit <= 0) {
                throw new IllegalArgumentException("requestLogLimit must be positive: " + limit);
            }
            this.requestLogLimit = limit;
            return this;
        }

        /**
         * Answers each request with the dispatcher's response instead of the queue's; called on the connection's
         * thread. A dispatcher that throws (an assertion about the request, say) or returns null is answered with a
         * 500 whose {@code error.message} names the failure, so the client under test reports it.
         */
        public Builder dispatcher(Function<RecordedRequest, FakeResponse> dispatcher) {
            this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
            return this;
        }

        /** Starts the server on a free loopback port. */
        public FakeProviderServer build() {
            return new FakeProviderServer(this);
        }
    }

    /** Returns the URL of {@code path} on this server, e.g. {@code url("/v1")}. */
    public URI url(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    /** Returns the port. */
    public int port() {
        return socket.getLocalPort();
    }

    /**
     * Adds a response to answer the next request without one; requests beyond the queue get a 500.
     *
     * @throws IllegalArgumentException when the response's split offsets or fault do not fit its body
     */
    public FakeProviderServer enqueue(FakeResponse response) {
        Objects.requireNonNull(response, "response");
        // Cut now, so a split or fault beyond the body fails in the test that enqueued it, not on a server thread.
        response.pieces();
        queue.add(response);
        return this;
    }

    /**
     * Removes and returns the next received request from the log, waiting up to five seconds. The log keeps at most
     * {@link Builder#requestLogLimit(int)} requests.
     */
    public RecordedRequest takeRequest() {
        return takeRequest(Duration.ofSeconds(5));
    }

    /**
     * Returns the next received request, in arrival order.
     *
     * @throws AssertionError if none arrives within {@code timeout}
     */
    public RecordedRequest takeRequest(Duration timeout) {
        try {
            RecordedRequest request = requests.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (request == null) {
                throw new AssertionError("no request within " + timeout);
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Removes and returns every request in the log, oldest first, without waiting. A server that runs for long
     * (a demo's offline provider) calls this to inspect and free what it received.
     */
    public List<RecordedRequest> drainRequests() {
        List<RecordedRequest> drained = new ArrayList<>();
        requests.drainTo(drained);
        return drained;
    }

    /** Returns how many requests have been received, including those taken, drained or dropped from the log. */
    public int requestCount() {
        return requestCount.get();
    }

    /** Returns how many connections are open now. */
    public int openConnections() {
        return (int) connections.stream().filter(c -> !c.isClosed()).count();
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        for (Socket connection : connections) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                thread(() -> serve(connection)).start();
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            new Exchange(
                            connection,
                            this::answer,
                            request -> {
                                requestCount.incrementAndGet();
                                log(request);
                            },
                            this::thread)
                    .run();
        } catch (IOException ignored) {
            // The client went away while the request was read; nothing to answer.
        } finally {
            connections.remove(connection);
        }
    }

    private synchronized void log(RecordedRequest request) {
        while (requests.size() >= requestLogLimit) {
            requests.poll();
        }
        requests.add(request);
    }

    private FakeResponse answer(RecordedRequest request) {
        if (dispatcher != null) {
            return dispatch(request);
        }
        FakeResponse next = queue.poll();
        return next != null ? next : serverError("no response enqueued");
    }

    /**
     * Asks the dispatcher. A dispatcher that throws (often an assertion about the request) or returns null is a
     * failure of the test, not of the client: it is answered with a 500 whose error message names it, which the
     * client under test reports, instead of a dropped connection that looks like a network fault.
     */
    private FakeResponse dispatch(RecordedRequest request) {
        FakeResponse response;
        try {
            response = dispatcher.apply(request);
        } catch (RuntimeException | AssertionError e) {
            return serverError("dispatcher failed on " + request.method() + " " + request.target() + ": " + e);
        }
        if (response == null) {
            return serverError("dispatcher returned no response for " + request.method() + " " + request.target());
        }
        try {
            // Cut now, as enqueue does: a split or fault that does not fit the body is reported like a throw.
            response.pieces();
        } catch (IllegalArgumentException e) {
            return serverError("dispatcher's response does not fit its body: " + e.getMessage());
        }
        return response;
    }

    private static FakeResponse serverError(String message) {
        return FakeResponse.status(500)
                .body(JsonText.write(JsonText.object("error", JsonText.object("message", message))));
    }

    private Thread thread(Runnable task) {
        Thread thread = new Thread(task, THREAD_PREFIX + threadCount.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public String toString() {
        return "FakeProviderServer[" + url("/") + "]";
    }
}
