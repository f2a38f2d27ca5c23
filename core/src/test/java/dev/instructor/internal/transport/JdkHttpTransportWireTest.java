package dev.instructor.internal.transport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderException;
import dev.instructor.spi.ProviderHttpException;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.Timeouts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The transport against a raw loopback server, to see what goes over the wire. */
class JdkHttpTransportWireTest {

    private static final Timeouts LONG =
            new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(60));

    /** Accepts one connection, records the request head, then lets {@code respond} write the response. */
    private interface Responder {
        void respond(OutputStream out) throws IOException;
    }

    private static CompletableFuture<List<String>> serveOnce(ServerSocket server, Responder responder) {
        CompletableFuture<List<String>> head = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
                List<String> lines = new ArrayList<>();
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    lines.add(line);
                }
                head.complete(lines);
                responder.respond(socket.getOutputStream());
            } catch (IOException e) {
                head.completeExceptionally(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return head;
    }

    private static CompletableFuture<ProviderException> call(ServerSocket server) {
        CompletableFuture<ProviderException> outcome = new CompletableFuture<>();
        JdkHttpTransport transport = new JdkHttpTransport("test", LONG, RetryPolicy.DEFAULT.withMaxRetries(0));
        URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/chat");
        transport.open(
                new OutgoingRequest(uri, Map.of(), Json.MAPPER.createObjectNode()),
                JdkHttpTransport.Framing.SSE,
                () -> (event, sink) -> {},
                new ProviderListener() {
                    @Override
                    public void onEvent(ProviderEvent event) {}

                    @Override
                    public void onComplete() {
                        outcome.complete(null);
                    }

                    @Override
                    public void onFailure(ProviderException failure) {
                        outcome.complete(failure);
                    }
                },
                null);
        return outcome;
    }

    @Test
    void plainHttpRequestsOfferNoH2cUpgrade() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> head = serveOnce(server, out -> {
                out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                                + "Connection: close\r\n\r\n{}")
                        .getBytes(US_ASCII));
                out.flush();
            });
            CompletableFuture<ProviderException> outcome = call(server);
            List<String> lines = head.get(10, TimeUnit.SECONDS);
            assertThat(lines.get(0)).endsWith("HTTP/1.1");
            assertThat(lines).noneMatch(line -> line.toLowerCase().startsWith("upgrade:"));
            assertThat(lines).noneMatch(line -> line.toLowerCase().startsWith("http2-settings:"));
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(ProviderHttpException.class);
        }
    }

    @Test
    void anEndlessErrorBodyIsReadOnlyUpToABound() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            serveOnce(server, out -> {
                out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n")
                        .getBytes(US_ASCII));
                byte[] json =
                        "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"boom\"}}".getBytes(US_ASCII);
                out.write((Integer.toHexString(json.length) + "\r\n").getBytes(US_ASCII));
                out.write(json);
                out.write("\r\n".getBytes(US_ASCII));
                byte[] spaces = " ".repeat(8192).getBytes(US_ASCII);
                // Until the client closes the connection, or forever.
                while (true) {
                    out.write((Integer.toHexString(spaces.length) + "\r\n").getBytes(US_ASCII));
                    out.write(spaces);
                    out.write("\r\n".getBytes(US_ASCII));
                    out.flush();
                }
            });
            ProviderException failure = call(server).get(10, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(ProviderHttpException.class);
            ProviderHttpException http = (ProviderHttpException) failure;
            assertThat(http.status()).isEqualTo(400);
            assertThat(http.errorType()).isEqualTo("invalid_request_error");
            assertThat(http.providerMessage()).isEqualTo("boom");
        }
    }
}
