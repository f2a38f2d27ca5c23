package dev.instructor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.testing.FakeProviderServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class SseEndpointTest {
    private static final String PAGE = "http://localhost:3000";
    private final HttpClient http = HttpClient.newHttpClient();
    private ExampleProvider provider;
    private SseEndpoint endpoint;

    @AfterEach
    void stop() {
        endpoint.close();
        provider.close();
    }

    @Test
    void post_streamsSnapshotsThenDone() throws Exception {
        start(Output.TEST_PACE);

        HttpResponse<String> response = http.send(
                post("{\"topic\":\"note-taking app marketing\",\"count\":3}"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache, no-transform");
        assertThat(response.headers().firstValue("X-Instructor-Format")).hasValue("snapshot");
        List<String> events = List.of(response.body().split("\n\n"));
        String finalJson = JsonMapper.builder().build().writeValueAsString(BasicStreaming.OFFLINE_ANSWER);
        assertThat(events).last().isEqualTo("event: done\ndata: " + finalJson);
        assertThat(events.subList(0, events.size() - 1)).isNotEmpty().allMatch(event -> event.startsWith("data: ["));
        assertThat(provider.fakeServer().orElseThrow().takeRequest().bodyText()).contains("Give 3 note-taking app");
    }

    @Test
    void post_answerThatStaysInvalid_restartsThenEndsWithAnErrorEvent() throws Exception {
        // The scripted model repeats a blurb over the 140-character limit, whatever the re-ask says.
        provider = ExampleProvider.offline(List.of(new Idea("Too Long", "x".repeat(141))), Output.TEST_PACE);
        endpoint = SseEndpoint.start(provider, 0, PAGE);

        HttpResponse<String> response = http.send(post("{\"count\":1}"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> events = List.of(response.body().split("\n\n"));
        assertThat(events.stream().filter(event -> event.startsWith("event: restart\n")))
                .containsExactly("event: restart\ndata: {\"attempt\":2}", "event: restart\ndata: {\"attempt\":3}");
        assertThat(events)
                .last()
                .asString()
                .startsWith("event: error\ndata: {\"error\":\"all 3 attempts failed validation")
                .endsWith("\"type\":\"validation\",\"attempt\":3,\"violations\":"
                        + "[{\"path\":\"/0/blurb\",\"message\":\"size must be between 0 and 140\"}]}");
        assertThat(provider.fakeServer().orElseThrow().requestCount()).isEqualTo(3);
    }

    @Test
    void post_invalidCountIs400WithoutAModelCall() throws Exception {
        start(Output.TEST_PACE);

        HttpResponse<String> response = http.send(post("{\"count\":50}"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"count: must be less than or equal to 20\",\"field\":\"count\"}");
        assertThat(provider.fakeServer().orElseThrow().requestCount()).isZero();
    }

    @Test
    void post_fractionalCountIs400WithoutAModelCall() throws Exception {
        // The chapter's Pydantic "count: int" refuses 2.5 rather than asking for 2 ideas.
        start(Output.TEST_PACE);

        HttpResponse<String> response =
                http.send(post("{\"topic\":\"snacks\",\"count\":2.5}"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(provider.fakeServer().orElseThrow().requestCount()).isZero();
    }

    @Test
    void post_topicOverTheLimitIs400WithoutAModelCall() throws Exception {
        start(Output.TEST_PACE);

        HttpResponse<String> response = http.send(
                post("{\"topic\":\"" + "snacks ".repeat(100) + "\",\"count\":3}"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"topic\"");
        assertThat(provider.fakeServer().orElseThrow().requestCount()).isZero();
    }

    @Test
    void post_bodyOverTheLimitIs413WithoutAModelCall() throws Exception {
        start(Output.TEST_PACE);

        // Whitespace is valid JSON: without a limit, all of it is read before the topic could be checked.
        HttpResponse<String> response = http.send(
                post("{\"count\":3," + " ".repeat(1 << 20) + "\"topic\":\"snacks\"}"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).startsWith("{\"error\":");
        assertThat(provider.fakeServer().orElseThrow().requestCount()).isZero();
    }

    @Test
    void otherMethod_is405WithAllowAndAJsonBody() throws Exception {
        start(Output.TEST_PACE);

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + endpoint.port() + "/ideas"))
                        .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // As docs/wire-format.md, section 1, asks: the methods allowed, and a reason the page can read.
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
        assertThat(response.body()).startsWith("{\"error\":");
        assertThat(provider.fakeServer().orElseThrow().requestCount()).isZero();
    }

    @Test
    void post_notJsonIs400() throws Exception {
        start(Output.TEST_PACE);

        HttpResponse<String> response = http.send(post("topic=snacks"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":\"the body must be a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"topic=snacks", "{\"count\":50}", "{\"topic\":\"snacks\",\"count\":3}"})
    void post_notSentAsJson_is415WhateverTheBody_withoutAModelCall(String body) throws Exception {
        // docs/wire-format.md, section 1: a server MUST answer a Content-Type other than application/json with 415,
        // before the model call; the body, which such a request may carry in any shape, is not looked at first.
        start(Output.TEST_PACE);

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + endpoint.port() + "/ideas"))
                        .header("Content-Type", "text/plain;charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).startsWith("{\"error\":\"Content-Type must be application/json");
        assertThat(provider.fakeServer().orElseThrow().requestCount()).isZero();
    }

    @Test
    void preflight_allowsTheConfiguredPageOnly() throws Exception {
        start(Output.TEST_PACE);

        HttpResponse<Void> allowed = http.send(preflight(PAGE), HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> other = http.send(preflight("http://evil.example"), HttpResponse.BodyHandlers.discarding());

        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(other.statusCode()).isEqualTo(403);
    }

    @Test
    void disconnect_cancelsTheModelCall() throws Exception {
        start(Duration.ofMillis(100)); // about nine seconds for the whole answer
        FakeProviderServer fake = provider.fakeServer().orElseThrow();

        String body = "{\"count\":3}";
        try (Socket socket = new Socket("localhost", endpoint.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /ideas HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                            + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.startsWith("data: ["));
            assertThat(line).as("a first partial before leaving").isNotNull();
        } // the browser leaves

        assertThat(fake.takeRequest().awaitClientClose(Duration.ofSeconds(3)))
                .as("the model call is closed long before the answer would end")
                .isNotNull();
    }

    private void start(Duration pace) throws Exception {
        provider = ExampleProvider.offline(BasicStreaming.OFFLINE_ANSWER, pace);
        endpoint = SseEndpoint.start(provider, 0, PAGE);
    }

    private HttpRequest post(String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + endpoint.port() + "/ideas"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpRequest preflight(String origin) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + endpoint.port() + "/ideas"))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build();
    }
}
