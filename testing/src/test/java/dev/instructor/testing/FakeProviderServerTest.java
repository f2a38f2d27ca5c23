package dev.instructor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeProviderServerTest {
    private final FakeProviderServer server = FakeProviderServer.start();
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void close() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(server.url(path))
                        .header("X-Test", "1")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void replay_bodyBytesExact_requestRecorded() throws Exception {
        server.enqueue(FakeResponse.sse("data: é\r\n\r\n").pieceSize(1).header("X-Reply", "yes"));
        HttpResponse<String> response = post("/v1/x?y=1", "{\"a\":1}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("data: é\r\n\r\n");
        assertThat(response.headers().firstValue("X-Reply")).contains("yes");
        RecordedRequest request = server.takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.target()).isEqualTo("/v1/x?y=1");
        assertThat(request.path()).isEqualTo("/v1/x");
        assertThat(request.header("x-test")).isEqualTo("1");
        assertThat(request.bodyText()).isEqualTo("{\"a\":1}");
        assertThat(request.awaitClientClose(Duration.ofSeconds(2))).isNotNull();
    }

    @Test
    void pieces_cutAtOffsetsAndStopAtFault() {
        byte[] body = "abcdefghij".getBytes(StandardCharsets.US_ASCII);
        assertThat(FakeResponse.sse(body).splitAt(3, 7).pieces())
                .extracting(p -> new String(p, StandardCharsets.US_ASCII))
                .containsExactly("abc", "defg", "hij");
        assertThat(FakeResponse.sse(body).pieceSize(4).resetAfter(6).pieces())
                .extracting(p -> new String(p, StandardCharsets.US_ASCII))
                .containsExactly("abcd", "ef");
        List<byte[]> random = FakeResponse.sse(body).randomSplits(3, 2).pieces();
        assertThat(random).allMatch(p -> p.length >= 1 && p.length <= 2);
        assertThat(random.stream().mapToInt(p -> p.length).sum()).isEqualTo(10);
    }

    @Test
    void resetAfterBytes_clientSeesFailure() {
        server.enqueue(FakeResponse.sse("data: 1\n\ndata: 2\n\n").resetAfter(5));
        assertThatThrownBy(() -> post("/x", "")).isInstanceOf(IOException.class);
    }

    @Test
    void errorStatus_withHeaders() throws Exception {
        server.enqueue(FakeResponse.status(429).header("retry-after", "3").body("{\"error\":{}}"));
        HttpResponse<String> response = post("/x", "");
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).contains("3");
        assertThat(response.body()).isEqualTo("{\"error\":{}}");
    }

    @Test
    void nothingEnqueued_500() throws Exception {
        assertThat(post("/x", "").statusCode()).isEqualTo(500);
    }

    @Test
    void dispatcher_answersByRequest() throws Exception {
        try (FakeProviderServer dispatching = FakeProviderServer.builder()
                .dispatcher(request -> FakeResponse.status(request.path().equals("/a") ? 404 : 401))
                .build()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(dispatching.url("/a"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void dispatcherThatThrowsOrReturnsNull_answers500NamingIt() throws Exception {
        try (FakeProviderServer dispatching = FakeProviderServer.builder()
                .dispatcher(request -> {
                    if (request.path().equals("/null")) {
                        return null;
                    }
                    throw new AssertionError("expected a model in the body");
                })
                .build()) {
            HttpResponse<String> thrown = client.send(
                    HttpRequest.newBuilder(dispatching.url("/v1/chat"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(thrown.statusCode()).isEqualTo(500);
            assertThat(thrown.body())
                    .contains("dispatcher failed on POST /v1/chat")
                    .contains("expected a model in the body");
            HttpResponse<String> none = client.send(
                    HttpRequest.newBuilder(dispatching.url("/null"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(500);
            assertThat(none.body()).contains("dispatcher returned no response for POST /null");
        }
    }

    @Test
    void noContent_sentWithoutBodyOrFraming_andABodyForItIsRejected() throws Exception {
        server.enqueue(FakeResponse.status(204));
        HttpResponse<String> response = post("/x", "");
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("transfer-encoding")).isEmpty();
        assertThat(response.headers().firstValue("content-length")).isEmpty();
        assertThat(response.body()).isEmpty();
        assertThatThrownBy(() -> server.enqueue(FakeResponse.status(204).body("{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("204 response has no body");
    }

    @Test
    void splitEvents_onePiecePerSseEventOrNdjsonLine() {
        assertThat(FakeResponse.sse("data: 1\n\nevent: e\ndata: 2\r\n\r\ndata: 3\n\n")
                        .splitEvents()
                        .pieces())
                .extracting(p -> new String(p, StandardCharsets.US_ASCII))
                .containsExactly("data: 1\n\n", "event: e\ndata: 2\r\n\r\n", "data: 3\n\n");
        assertThat(FakeResponse.ndjson("{}\n{}\n".getBytes(StandardCharsets.US_ASCII))
                        .splitEvents()
                        .pieces())
                .hasSize(2);
    }

    @Test
    void splitEvents_crFramingAndContentTypeInAnyCase_stillOnePiecePerEvent() {
        assertThat(FakeResponse.sse("data: 1\r\rdata: 2\r\r").splitEvents().pieces())
                .extracting(p -> new String(p, StandardCharsets.US_ASCII))
                .containsExactly("data: 1\r\r", "data: 2\r\r");
        assertThat(FakeResponse.sse("event: e\ndata: 1\n\ndata: 2\n\n")
                        .header("content-type", "Text/Event-Stream")
                        .splitEvents()
                        .pieces())
                .extracting(p -> new String(p, StandardCharsets.US_ASCII))
                .containsExactly("event: e\ndata: 1\n\n", "data: 2\n\n");
    }

    @Test
    void awaitClose_countsWhatWasWrittenBeforeTheClientLeft_andWritesNoMore() throws Exception {
        server.enqueue(FakeResponse.sse("data: x\n\n".repeat(100)).eventPacing(Duration.ofMillis(20)));
        HttpResponse<InputStream> response = client.send(
                HttpRequest.newBuilder(server.url("/x"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(body.readNBytes(18)).asString(StandardCharsets.US_ASCII).isEqualTo("data: x\n\ndata: x\n\n");
        }

        RecordedRequest request = server.takeRequest();
        ClientClose close = request.awaitClose(Duration.ofSeconds(2));
        Thread.sleep(100);

        assertThat(close.piecesWritten()).isBetween(2, 10);
        assertThat(close.bytesWritten()).isEqualTo(9L * close.piecesWritten());
        // At most the write under way when the close was noticed completes; no later one starts.
        assertThat(request.piecesWritten()).isLessThanOrEqualTo(close.piecesWritten() + 1);
        assertThat(request.awaitClientClose(Duration.ZERO)).isEqualTo(close.at());
    }

    @Test
    void scriptedAnswer_eventPacing_writesOneEventPerPiece() throws Exception {
        ScriptedAnswer answer =
                ScriptedAnswer.openAiChatContent("{\"a\":\"bcdefgh\"}").deltaSize(4);
        server.enqueue(answer.toResponse().eventPacing(Duration.ofMillis(5)));

        HttpResponse<String> response = post("/v1/chat/completions", "{}");

        assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
        assertThat(response.body()).isEqualTo(new String(answer.toBytes(), StandardCharsets.UTF_8));
        RecordedRequest request = server.takeRequest();
        request.awaitClose(Duration.ofSeconds(2));
        // The role chunk, one event per delta, then the finish chunk, the usage chunk and [DONE].
        assertThat(request.piecesWritten()).isEqualTo(1 + answer.deltas().size() + 3);
        assertThat(request.bytesWritten()).isEqualTo(answer.toBytes().length);
    }

    @Test
    void requestLog_keepsTheNewestUpToItsLimit_andDrains() throws Exception {
        try (FakeProviderServer bounded = FakeProviderServer.builder()
                .requestLogLimit(2)
                .dispatcher(request -> FakeResponse.status(404))
                .build()) {
            for (String path : List.of("/1", "/2", "/3")) {
                client.send(
                        HttpRequest.newBuilder(bounded.url(path))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            }

            assertThat(bounded.requestCount()).isEqualTo(3);
            assertThat(bounded.drainRequests())
                    .extracting(RecordedRequest::path)
                    .containsExactly("/2", "/3");
            assertThat(bounded.drainRequests()).isEmpty();
        }
        assertThatThrownBy(() -> FakeProviderServer.builder().requestLogLimit(0))
                .hasMessageContaining("0");
    }

    @Test
    void invalidConfiguration_namesValue() {
        assertThatThrownBy(() -> server.enqueue(FakeResponse.sse("abc").splitAt(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("split offset 5 is not inside the 3-byte body");
        assertThatThrownBy(() -> server.enqueue(FakeResponse.sse("abc").resetAfter(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fault after 4 bytes is beyond the 3-byte body");
        assertThatThrownBy(() -> FakeResponse.sse("abc").splitAt(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> FakeResponse.sse("abc").stallAfter(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> FakeResponse.status(42)).hasMessageContaining("42");
        assertThatThrownBy(() -> server.url("v1")).hasMessageContaining("v1");
        SetterChecks.rejectsNull("delay", () -> FakeResponse.sse("abc").pacing(null));
        SetterChecks.rejectsNull("delay", () -> FakeResponse.sse("abc").eventPacing(null));
    }

    @Test
    void stallAfter_holdsTheConnectionUntilTheClientCloses_evenPastTenSeconds() throws Exception {
        // A test of a client's idle timeout longer than 10 s must see the stall, not the server hanging up.
        server.enqueue(FakeResponse.sse("data: 1\n\n").stallAfter(3));
        try (java.net.Socket client = new java.net.Socket()) {
            client.connect(new java.net.InetSocketAddress(
                    server.url("/").getHost(), server.url("/").getPort()));
            client.getOutputStream()
                    .write("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = client.getInputStream();
            client.setSoTimeout(11_000);
            byte[] buffer = new byte[4096];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(11);
            boolean timedOut = false;
            while (!timedOut && System.nanoTime() < deadline) {
                try {
                    assertThat(in.read(buffer))
                            .as("the server closed the stalled connection")
                            .isNotNegative();
                } catch (java.net.SocketTimeoutException stillOpen) {
                    timedOut = true;
                }
            }
            assertThat(server.takeRequest().clientClosed()).isFalse();
        }
    }

    @Test
    void builderOrder_cutsAndFaultsApplyToTheBodySetLast() {
        assertThat(FakeResponse.status(500).splitAt(5).body("0123456789").pieces())
                .extracting(p -> new String(p, StandardCharsets.US_ASCII))
                .containsExactly("01234", "56789");
        assertThat(FakeResponse.sse("ab").pieceSize(4).body("0123456789").pieces())
                .extracting(p -> new String(p, StandardCharsets.US_ASCII))
                .containsExactly("0123", "4567", "89");
        assertThat(FakeResponse.sse("")
                        .stallAfter(6)
                        .pieceSize(4)
                        .body("0123456789")
                        .pieces())
                .extracting(p -> new String(p, StandardCharsets.US_ASCII))
                .containsExactly("0123", "45");
        assertThat(FakeResponse.sse("0123456789")
                        .splitEvents()
                        .body("a\n\nb\n\n")
                        .pieces())
                .extracting(p -> new String(p, StandardCharsets.US_ASCII))
                .containsExactly("a\n\n", "b\n\n");
        // Offsets that fit the old body but not the new one fail, instead of cutting the new body at stale places.
        assertThatThrownBy(() ->
                        FakeResponse.sse("0123456789").splitAt(8).body("abc").pieces())
                .hasMessageContaining("split offset 8");
    }

    @Test
    void header_replacesSameNameInAnyCase() throws Exception {
        server.enqueue(FakeResponse.sse("data: 1\n\n").header("content-type", "text/event-stream; charset=utf-8"));
        HttpResponse<String> response = post("/x", "");
        assertThat(response.headers().allValues("Content-Type")).containsExactly("text/event-stream; charset=utf-8");
        assertThat(FakeResponse.status(500).header("CONTENT-TYPE", "text/plain").headers())
                .containsExactly(java.util.Map.entry("CONTENT-TYPE", "text/plain"));
    }

    @Test
    void recordedRequest_headersUnmodifiable_lookupInAnyCase() throws Exception {
        server.enqueue(FakeResponse.sse("data: 1\n\n"));
        post("/x", "");
        RecordedRequest request = server.takeRequest();
        assertThat(request.header("X-TEST")).isEqualTo("1");
        assertThat(request.header("x-Test")).isEqualTo("1");
        assertThat(request.headers()).containsEntry("x-test", List.of("1"));
        assertThatThrownBy(() -> request.headers().put("x-other", List.of("2")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.headers().get("x-test").add("2"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(request.header("x-test")).isEqualTo("1");
    }

    @Test
    void chunkedRequestBody_recordedWhole() throws Exception {
        server.enqueue(FakeResponse.sse("data: x\n\n"));
        byte[] body = "{\"topic\":\"café\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(server.url("/v1/chat"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        RecordedRequest request = server.takeRequest();
        assertThat(request.header("transfer-encoding")).isEqualTo("chunked");
        assertThat(request.body()).isEqualTo(body);
    }

    @Test
    void expectContinue_bodyRequestedAndRecorded() throws Exception {
        server.enqueue(FakeResponse.sse("data: x\n\n"));
        HttpResponse<String> response = client.sendAsync(
                        HttpRequest.newBuilder(server.url("/v1/chat"))
                                .expectContinue(true)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("data: x\n\n");
        assertThat(server.takeRequest().bodyText()).isEqualTo("{\"a\":1}");
    }

    @Test
    void url_reachesTheServer_inAJvmThatPrefersIpv6() throws Exception {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djava.net.preferIPv6Addresses=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ConnectToUrl.class.getName())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("200");
    }

    /** Starts a server and prints the status of a request to its {@link FakeProviderServer#url}. */
    static final class ConnectToUrl {
        public static void main(String[] args) throws Exception {
            try (FakeProviderServer server = FakeProviderServer.start()) {
                server.enqueue(FakeResponse.sse("data: x\n\n"));
                HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(server.url("/v1")).GET().build(), HttpResponse.BodyHandlers.ofString());
                System.out.print(response.statusCode());
            }
        }
    }
}
