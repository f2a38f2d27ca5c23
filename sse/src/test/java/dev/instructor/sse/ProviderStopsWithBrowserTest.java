package dev.instructor.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.ChatRequest;
import dev.instructor.Instructor;
import dev.instructor.openai.OpenAi;
import dev.instructor.spi.Mode;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.RecordedRequest;
import dev.instructor.testing.ScriptedAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The browser leaves, the provider request ends: over real loopback connections, a client of the OpenAI module
 * against the fake provider, served by {@link HttpServerSse}, read by a raw socket that closes mid-body or stops
 * reading. The scripted answer takes at least 50 seconds at its pace, so a provider connection closed sooner was
 * closed by the departure, not by the end of the answer.
 */
class ProviderStopsWithBrowserTest {
    // A long string, 25,000 deltas of four characters, 2 ms apart: at least 50 s to write. Every snapshot event
    // carries all of it so far, so the events soon fill any socket buffer of a client that does not read.
    private static final String ANSWER = "{\"title\":\"" + "note ".repeat(20_000) + "\"}";
    private static final Duration ANSWER_TAKES_AT_LEAST = Duration.ofSeconds(50);

    record Note(String title) {}

    private FakeProviderServer provider;
    private StreamEndpoint endpoint;

    @BeforeEach
    void startProvider() {
        provider = FakeProviderServer.start();
        provider.enqueue(ScriptedAnswer.openAiChatContent(ANSWER)
                .deltaSize(4)
                .toResponse()
                .eventPacing(Duration.ofMillis(2)));
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
        provider.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void browserClosesMidBody_providerConnectionClosed(boolean async) throws Exception {
        URI uri = serve(StructuredSse.builder().partialInterval(Duration.ZERO).build(), async);

        try (Socket browser = post(uri)) {
            InputStream in = browser.getInputStream();
            // Into the body, past the first event's start: the close falls while events are being written.
            readUntil(in, "data: {");
            in.readNBytes(3);
        }
        RecordedRequest request = provider.takeRequest(Duration.ofSeconds(5));
        Instant closed = request.awaitClientClose(Duration.ofSeconds(10));

        assertThat(Duration.between(request.receivedAt(), closed)).isLessThan(ANSWER_TAKES_AT_LEAST);
    }

    /**
     * A browser that keeps the connection open but stops reading: the snapshot events soon fill the socket buffers,
     * a write blocks, and the write timeout takes the client for gone, which must end the provider request even
     * though the JDK server's writing thread stays blocked.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void browserStopsReading_writeTimeoutClosesProviderConnection(boolean async) throws Exception {
        URI uri = serve(
                StructuredSse.builder()
                        .partialInterval(Duration.ZERO)
                        .writeTimeout(Duration.ofMillis(500))
                        .build(),
                async);

        try (Socket browser = post(uri)) {
            RecordedRequest request = provider.takeRequest(Duration.ofSeconds(5));
            Instant closed = request.awaitClientClose(Duration.ofSeconds(30));

            assertThat(Duration.between(request.receivedAt(), closed)).isLessThan(ANSWER_TAKES_AT_LEAST);
            assertThat(browser.isClosed()).isFalse(); // never read, still open: only the write timeout acted
        }
    }

    private URI serve(StructuredSse sse, boolean async) throws IOException {
        Instructor client = Instructor.builder()
                .provider(OpenAi.builder()
                        .apiKey("sk-test")
                        .baseUrl(provider.url("/v1").toString())
                        .maxRetries(0)
                        .build())
                .defaultMode(Mode.JSON)
                .build();
        ChatRequest request =
                ChatRequest.builder().model("test-model").user("Name a note").build();
        endpoint = StreamEndpoint.start(sse, client, request, Note.class, async);
        return endpoint.uri();
    }

    /** Sends the stream request on a raw socket with a small receive buffer, reading nothing yet. */
    private static Socket post(URI uri) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Accept: text/event-stream\r\nContent-Length: 2\r\n\r\n{}")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static void readUntil(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        for (int b = in.read(); b != -1; b = in.read()) {
            seen.append((char) b);
            if (seen.indexOf(marker) >= 0) {
                return;
            }
        }
        throw new AssertionError("the body ended before " + marker + ": " + seen);
    }
}
