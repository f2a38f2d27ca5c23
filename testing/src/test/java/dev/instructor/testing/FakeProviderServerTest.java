package dev.instructor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
    void invalidConfiguration_namesValue() {
        assertThatThrownBy(() -> FakeResponse.sse("abc").splitAt(5)).hasMessageContaining("5");
        assertThatThrownBy(() -> FakeResponse.status(42)).hasMessageContaining("42");
        assertThatThrownBy(() -> server.url("v1")).hasMessageContaining("v1");
    }
}
