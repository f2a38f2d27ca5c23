package dev.instructor.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.PartialStream;
import dev.instructor.schema.SchemaDialect;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.ProviderRequest;
import dev.instructor.spi.Timeouts;
import dev.instructor.testing.RecordingListener;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call that ended at its end marker leaves its HTTP/1.1 connection to the client's pool, so the next call need not
 * connect (and, over TLS, shake hands) again. The fake provider server answers {@code Connection: close}, so these
 * tests run against a small keep-alive server of their own.
 */
class ConnectionReuseTest {
    private static final String STREAM = "data: {\"t\":\"ab\"}\n\ndata: {\"t\":\"cd\"}\n\nevent: done\ndata: {}\n\n";

    private final KeepAliveServer server = new KeepAliveServer();
    private final JdkHttpTransport transport =
            new JdkHttpTransport("test", Timeouts.DEFAULT, new RetryPolicy(0, Duration.ZERO, Duration.ZERO));

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void callEndedAtItsMarker_leavesItsConnectionOpenForTheNext() {
        call();
        call(); // a whole exchange later: a connection closed after the first call has been seen closed by now
        // The connection goes back to the pool as its body ends, just after the marker ended the call, so the second
        // call may or may not find it there; but the client must not have closed it.
        assertThat(server.closedByClient).as("connections the client closed").isEmpty();
        assertThat(server.requests.get()).isEqualTo(2);
    }

    /** A body whose end is slow to come after the marker ends the call at once, and is read for a short while only. */
    @Test
    void bodyEndingLongAfterTheMarker_callEndsAtOnce_connectionClosedAfterTheDrainTime() throws Exception {
        server.tailDelayMillis = 6000;
        long start = System.nanoTime();
        call();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        Duration closedAfter = awaitClosedByClient(start);
        assertThat(server.closedByClient).as("connections the client closed").containsExactly(1);
        assertThat(closedAfter).isBetween(Duration.ofMillis(1500), Duration.ofMillis(5500));
    }

    /** A body that goes on for more than the drain's bytes after the marker is closed at once, not after its time. */
    @Test
    void bodyGoingOnPastTheDrainBytes_connectionClosedAtOnce() throws Exception {
        server.tailBytes = 256 << 10;
        server.tailDelayMillis = 6000;
        callAndAssertClosedAtOnce();
    }

    /**
     * Bytes that reach the client in the marker's own batch count toward the drain's bytes too: the tail that comes
     * later is under the limit, the tail as a whole is over it.
     */
    @Test
    void tailPartlyInTheMarkersBatch_countedWhole_connectionClosedAtOnce() throws Exception {
        server.tailBytesWithEvents = 8 << 10;
        server.tailBytes = 58 << 10; // with the 8 KiB above, 2 KiB over the 64 KiB the drain reads
        server.tailDelayMillis = 6000;
        callAndAssertClosedAtOnce();
    }

    /**
     * Bytes after the marker in the marker's own buffer (the same HTTP chunk) count toward the drain's bytes too: the
     * tail that comes later is under the limit, the tail as a whole is over it.
     */
    @Test
    void tailPartlyInTheMarkersBuffer_countedWhole_connectionClosedAtOnce() throws Exception {
        server.stream = STREAM + ": padding\n".repeat((8 << 10) / 10);
        server.tailBytes = 58 << 10; // with the 8 KiB above, about 2 KiB over the 64 KiB the drain reads
        server.tailDelayMillis = 6000;
        callAndAssertClosedAtOnce();
    }

    /** A cancel is the caller's word that the exchange is over: it stops the drain and closes the connection now. */
    @Test
    void cancelWhileDraining_closesTheConnectionAtOnce() throws Exception {
        server.tailDelayMillis = 6000;
        ProviderCall call = call();
        assertThat(call.isDone()).isTrue();
        long cancelled = System.nanoTime();
        call.cancel();
        Duration closedAfter = awaitClosedByClient(cancelled);
        assertThat(server.closedByClient).as("connections the client closed").containsExactly(1);
        assertThat(closedAfter).isLessThan(Duration.ofMillis(1000));
    }

    /**
     * A stream its caller closes once the answer is in (try-with-resources) leaves the connection to the drain, and
     * so to the next call: the close is no cancel of a call that has already ended.
     */
    @Test
    void streamClosedAfterItsAnswer_connectionKeptForTheNextCall() throws Exception {
        server.stream =
                "data: {\"t\":\"{\\\"title\\\":\"}\n\ndata: {\"t\":\"\\\"x\\\"}\"}\n\n" + "event: done\ndata: {}\n\n";
        server.tailDelayMillis = 500; // the drain is still reading the body when the caller closes the stream
        Instructor client = Instructor.builder()
                .provider(new TransportProvider(transport, server.url()))
                .build();
        ChatRequest request = ChatRequest.builder().model("m").user("a title").build();
        try (PartialStream<Title> stream = client.responses().stream(request, Title.class)) {
            assertThat(stream.getFinalResponse()).isEqualTo(new Title("x"));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.tails.get() == 0 && server.closedByClient.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.closedByClient).as("connections the client closed").isEmpty();
        // The connection goes back to the pool once the client has read the body's end, which the server cannot see:
        // a call made before that, on a busy machine, opens a second one. So the next calls, made until the first
        // connection serves one, must find it (the pool hands out its longest-idle connection first).
        for (int call = 0; call < 5 && server.requestsOn(1) < 2; call++) {
            assertThat(client.responses().create(request, Title.class)).isEqualTo(new Title("x"));
            if (server.requestsOn(1) < 2) {
                Thread.sleep(100);
            }
        }
        assertThat(server.requestsOn(1))
                .as("requests the first connection served")
                .isEqualTo(2);
        assertThat(server.closedByClient).as("connections the client closed").isEmpty();
    }

    /** The structured answer of {@link #streamClosedAfterItsAnswer_connectionKeptForTheNextCall}. */
    record Title(String title) {}

    /** A provider whose every call goes to {@code url} through {@code transport}, the answer's text in MD_JSON. */
    private record TransportProvider(JdkHttpTransport transport, URI url) implements LlmProvider {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public Set<Mode> modes() {
            return Set.of(Mode.MD_JSON);
        }

        @Override
        public Mode defaultMode() {
            return Mode.MD_JSON;
        }

        @Override
        public SchemaDialect dialect(Mode mode) {
            return SchemaDialect.PLAIN;
        }

        @Override
        public ProviderCall open(ProviderRequest request, ProviderListener listener) {
            return transport.open(
                    new OutgoingRequest(url, Map.of(), Json.object()),
                    JdkHttpTransport.Framing.SSE,
                    JdkHttpTransportTest.TestDecoder::new,
                    listener,
                    null);
        }
    }

    private ProviderCall call() {
        RecordingListener listener = new RecordingListener();
        ProviderCall call = transport.open(
                new OutgoingRequest(server.url(), Map.of(), Json.object()),
                JdkHttpTransport.Framing.SSE,
                JdkHttpTransportTest.TestDecoder::new,
                listener,
                null);
        listener.awaitSuccess();
        assertThat(listener.text()).isEqualTo("abcd");
        return call;
    }

    /** Makes a call, and asserts that the client closed its connection at once, not after the drain's time. */
    private void callAndAssertClosedAtOnce() throws Exception {
        long start = System.nanoTime();
        call();
        Duration closedAfter = awaitClosedByClient(start);
        assertThat(server.closedByClient).as("connections the client closed").containsExactly(1);
        assertThat(closedAfter).isLessThan(Duration.ofMillis(1500));
    }

    /** Waits for the server to see a connection closed by the client; returns how long after {@code since}. */
    private Duration awaitClosedByClient(long since) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.closedByClient.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - since);
    }

    /** Answers every request on a connection with {@link #STREAM}, chunked, and keeps the connection for the next. */
    private static final class KeepAliveServer {
        private final ServerSocket socket;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        /** How many requests each connection served, by connection number (from 1). */
        private final Map<Integer, AtomicInteger> requestsByConnection = new ConcurrentHashMap<>();
        /** How many bodies the server ended after their tail delay. */
        final AtomicInteger tails = new AtomicInteger();
        /** The events of every answer. */
        volatile String stream = STREAM;

        final List<Integer> closedByClient = new CopyOnWriteArrayList<>();
        /** How long the server waits before the body's last chunk, after the events. */
        volatile long tailDelayMillis;
        /** How many bytes of comment lines the server sends after the events, before it waits. */
        volatile int tailBytes;
        /** How many bytes of comment lines, in chunks of their own, go in the same write as the events. */
        volatile int tailBytesWithEvents;

        KeepAliveServer() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            Thread acceptor = new Thread(this::accept, "keep-alive-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/stream");
        }

        /** Returns how many requests connection {@code id} (numbered from 1) has served. */
        int requestsOn(int id) {
            AtomicInteger served = requestsByConnection.get(id);
            return served == null ? 0 : served.get();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    accepted.add(connection);
                    int id = connections.incrementAndGet();
                    Thread serving = new Thread(() -> serve(connection, id), "keep-alive-server-" + id);
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket connection, int id) {
            try (connection) {
                InputStream in = new BufferedInputStream(connection.getInputStream());
                OutputStream out = connection.getOutputStream();
                while (readRequest(in)) {
                    requests.incrementAndGet();
                    requestsByConnection
                            .computeIfAbsent(id, unseen -> new AtomicInteger())
                            .incrementAndGet();
                    byte[] body = stream.getBytes(StandardCharsets.UTF_8);
                    ByteArrayOutputStream answer = new ByteArrayOutputStream();
                    answer.writeBytes(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length) + "\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    answer.writeBytes(body);
                    answer.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    writeComments(answer, tailBytesWithEvents);
                    out.write(answer.toByteArray());
                    out.flush();
                    if (tailBytes > 0) {
                        try {
                            writeComments(out, tailBytes);
                        } catch (IOException closed) {
                            closedByClient.add(id);
                            return;
                        }
                    }
                    if (tailDelayMillis > 0) {
                        // Waits for the tail's time, or sees the client close the connection before it.
                        connection.setSoTimeout((int) tailDelayMillis);
                        try {
                            if (in.read() < 0) {
                                closedByClient.add(id);
                                return;
                            }
                        } catch (java.net.SocketTimeoutException due) {
                            // Time for the tail.
                        }
                        connection.setSoTimeout(0);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    tails.incrementAndGet();
                }
                closedByClient.add(id);
            } catch (IOException gone) {
                closedByClient.add(id); // reset by the client
            }
        }

        /** Writes {@code bytes} of comment lines in chunks of 4 KiB, each flushed. */
        private static void writeComments(OutputStream out, int bytes) throws IOException {
            byte[] comments = ": padding\n".repeat(bytes / 10).getBytes(StandardCharsets.US_ASCII);
            for (int at = 0; at < comments.length; at += 4096) {
                int length = Math.min(4096, comments.length - at);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(comments, at, length);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        }

        /** Reads one request's head and body; returns false when the client closed the connection instead. */
        private static boolean readRequest(InputStream in) throws IOException {
            int length = 0;
            String line = readLine(in);
            if (line == null) {
                return false;
            }
            while (!line.isEmpty()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(
                            line.substring("content-length:".length()).trim());
                }
                line = readLine(in);
                if (line == null) {
                    return false;
                }
            }
            return in.readNBytes(length).length == length;
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (c == '\n') {
                    return line.toString().strip();
                }
                line.append((char) c);
            }
            return null;
        }

        void close() throws IOException {
            socket.close();
            for (Socket connection : accepted) {
                connection.close();
            }
        }
    }
}
