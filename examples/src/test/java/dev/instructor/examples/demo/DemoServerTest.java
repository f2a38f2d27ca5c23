package dev.instructor.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The demo over real HTTP on loopback, offline: validation, CORS, both wire formats, and stop. */
class DemoServerTest {
    private static final String ORIGIN = "http://app.example.test";

    private final RunningDemo demo = new RunningDemo(Duration.ofMillis(2), List.of(ORIGIN));

    @AfterEach
    void stop() {
        demo.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"topic\":\"snacks\",\"count\":21} | count",
                "{\"topic\":\"snacks\",\"count\":0}  | count",
                "{\"topic\":\"\",\"count\":5}        | topic",
                "{\"count\":5}                       | topic",
                "{\"topic\":\"snacks\",\"extra\":1}  | extra",
            })
    void ideas_badBody400WithField(String body, String field) {
        HttpResponse<String> response = demo.send(demo.post("/ideas", body).build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode error = RunningDemo.JSON.readTree(response.body());
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("error").asString()).startsWith(field + ": ");
        assertThat(demo.connections().get("requests").asInt()).isZero();
    }

    @Test
    void ideas_malformedJson400() {
        HttpResponse<String> response =
                demo.send(demo.post("/ideas", "{\"topic\": ").build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RunningDemo.JSON.readTree(response.body()).get("error").asString())
                .startsWith("body: must be a JSON object");
    }

    @Test
    void ideas_unknownFormatQuery400() {
        HttpResponse<String> response = demo.send(
                demo.post("/ideas?format=xml", "{\"topic\":\"snacks\"}").build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RunningDemo.JSON.readTree(response.body()).get("field").asString())
                .isEqualTo("format");
    }

    @Test
    void ideas_noCorsPostFromAnyPage_415WithoutModelCall() {
        // fetch("/ideas", {method: "POST", mode: "no-cors", body: ...}) from another site: sent without a preflight.
        HttpResponse<String> response = demo.send(demo.post("/ideas", "{\"topic\":\"snacks\",\"count\":1}")
                .setHeader("Content-Type", "text/plain;charset=UTF-8")
                .header("Origin", "http://evil.example.test")
                .build());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(demo.connections().get("requests").asInt()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"topic\":\"snacks\",\"count\":99}", "{\"topic\": ", "topic=snacks"})
    void ideas_notSentAsJson_is415WhateverTheBody(String body) {
        // docs/wire-format.md, section 1: a Content-Type other than application/json MUST get 415, before the model
        // call; a body such a request carries is not checked first, so a bad one does not turn it into a 400.
        HttpResponse<String> response = demo.send(demo.post("/ideas", body)
                .setHeader("Content-Type", "application/x-www-form-urlencoded")
                .build());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(RunningDemo.JSON.readTree(response.body()).get("error").asString())
                .startsWith("Content-Type must be application/json");
        assertThat(demo.connections().get("requests").asInt()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"GET", "PUT", "PATCH", "DELETE"})
    void ideas_otherMethod405WithAllowAndJsonBody(String method) {
        // docs/wire-format.md, section 1: 405 with an Allow header and the JSON error body, not a 404.
        HttpResponse<String> response = demo.send(HttpRequest.newBuilder(demo.uri("/ideas"))
                .method(method, HttpRequest.BodyPublishers.ofString("{\"topic\":\"snacks\"}"))
                .header("Content-Type", "application/json")
                .build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(RunningDemo.JSON.readTree(response.body()).has("error")).isTrue();
        assertThat(demo.connections().get("requests").asInt()).isZero();
    }

    @Test
    void ideas_head405WithAllow() {
        // Javalin answers a HEAD on a path with a GET route 200 by itself, without the route's handler: the endpoint
        // would claim a HEAD it does not serve (its Allow lists POST and OPTIONS only).
        HttpResponse<String> response = demo.send(HttpRequest.newBuilder(demo.uri("/ideas"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(demo.connections().get("requests").asInt()).isZero();
    }

    @Test
    void start_onAPortInUse_failsWithAShortMessage() throws Exception {
        try (java.net.ServerSocket taken =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            DemoOptions options =
                    new DemoOptions("127.0.0.1", taken.getLocalPort(), List.of(), true, Duration.ZERO, null);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DemoServer.start(options, demo.provider))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": the port is in use; choose another with --port N (0 for any free port)");
        }
    }

    @Test
    void start_onAHostThatDoesNotResolve_saysSoNotThatThePortIsInUse() {
        // Javalin calls every bind failure "Port already in use".
        DemoOptions options = new DemoOptions("nosuch.invalid", 0, List.of(), true, Duration.ZERO, null);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DemoServer.start(options, demo.provider))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot listen on nosuch.invalid:0: the host cannot be resolved");
    }

    @Test
    void ideas_preflightAllowsConfiguredOriginOnly() {
        HttpResponse<String> allowed = demo.send(preflight(ORIGIN));
        HttpResponse<String> refused = demo.send(preflight("http://evil.example.test"));

        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
                .contains("POST");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .containsIgnoringCase("Content-Type");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void ideas_bodyOverTheServersLimit_413WithJsonBodyReadableByTheAllowedOrigin() {
        // Javalin refuses a body over its maxRequestSize (1 MB); wire-format.md, section 6: JSON body, with CORS.
        String big = "{\"topic\":\"" + "x".repeat(1_100_000) + "\"}";
        HttpResponse<String> response =
                demo.send(demo.post("/ideas", big).header("Origin", ORIGIN).build());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(RunningDemo.JSON.readTree(response.body()).get("error").asString())
                .isNotEmpty();
        assertThat(demo.connections().get("requests").asInt()).isZero();
    }

    @Test
    void ideas_crossOriginStreamAndErrorExposeTheirHeaders() {
        HttpResponse<String> stream = demo.send(demo.post("/ideas", "{\"topic\":\"snacks\",\"count\":1}")
                .header("Origin", ORIGIN)
                .build());
        HttpResponse<String> bad = demo.send(demo.post("/ideas", "{\"topic\":\"snacks\",\"count\":99}")
                .header("Origin", ORIGIN)
                .build());

        assertThat(stream.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(stream.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .contains("X-Instructor-Format");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
    }

    @Test
    void ideas_snapshotStreamGrowsThenDoneHasCountValidIdeas() {
        HttpResponse<String> response = demo.send(demo.post("/ideas", "{\"topic\":\"rainy day museums\",\"count\":5}")
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(response.headers().firstValue("X-Instructor-Format")).hasValue("snapshot");
        List<SseEvent> events = SseEvent.parse(response.body());
        assertThat(events).hasSizeGreaterThan(5);
        assertThat(events.subList(0, events.size() - 1))
                .allMatch(event -> event.name().equals("message"));
        assertThat(events.get(events.size() - 1).name()).isEqualTo("done");
        List<Integer> sizes = new ArrayList<>();
        for (SseEvent event : events) {
            sizes.add(RunningDemo.JSON.readTree(event.data()).size());
        }
        // Pacing may merge partials, so not every size shows; the list still grows step by step.
        assertThat(sizes).isSorted().endsWith(5, 5);
        assertThat(sizes.get(0)).isLessThanOrEqualTo(1);
        assertThat(sizes.stream().distinct().count()).isGreaterThanOrEqualTo(4);
        JsonNode done = RunningDemo.JSON.readTree(events.get(events.size() - 1).data());
        assertThat(done.size()).isEqualTo(5);
        for (JsonNode idea : done) {
            assertThat(idea.get("title").asString()).isNotBlank();
            assertThat(idea.get("blurb").asString()).isNotBlank().hasSizeLessThanOrEqualTo(140);
        }
    }

    @Test
    void ideas_deltaStreamPatchesAgreeWithDone() {
        HttpResponse<String> response = demo.send(demo.post("/ideas", "{\"topic\":\"urban gardening\",\"count\":3}")
                .header("Accept", "text/event-stream; format=delta")
                .build());

        assertThat(response.headers().firstValue("X-Instructor-Format")).hasValue("delta");
        List<SseEvent> events = SseEvent.parse(response.body());
        SseEvent done = events.get(events.size() - 1);
        assertThat(done.name()).isEqualTo("done");
        assertThat(events.get(0).data()).startsWith("{\"p\":\"\",\"v\":");
        DeltaPatches patches = new DeltaPatches();
        events.subList(0, events.size() - 1).forEach(event -> patches.apply(event.data()));
        JsonNode last = patches.value();
        JsonNode finalValue = RunningDemo.JSON.readTree(done.data());
        assertThat(finalValue.size()).isEqualTo(3);
        assertThat(last.size()).isBetween(1, 3);
        for (int i = 0; i < last.size(); i++) {
            // The last patch may lag the final value (pacing drops a held partial before done), never contradict it.
            assertThat(finalValue.get(i).get("title").asString())
                    .startsWith(last.get(i).path("title").asString(""));
            assertThat(finalValue.get(i).get("blurb").asString())
                    .startsWith(last.get(i).path("blurb").asString(""));
        }
        // The delta format sends each piece of text once: far fewer bytes than snapshots of every partial would.
        assertThat(response.body().length()).isLessThan(done.data().length() * 6);
    }

    @Test
    void ideas_reaskShowsRestartThenValidIdeas() {
        HttpResponse<String> response = demo.send(
                demo.post("/ideas", "{\"topic\":\"re-ask bakery\",\"count\":3}").build());

        List<SseEvent> events = SseEvent.parse(response.body());
        assertThat(events)
                .extracting(SseEvent::name)
                .containsOnlyOnce("restart")
                .endsWith("done");
        SseEvent restart = events.stream()
                .filter(e -> e.name().equals("restart"))
                .findFirst()
                .orElseThrow();
        assertThat(RunningDemo.JSON.readTree(restart.data()).get("attempt").asInt())
                .isEqualTo(2);
        assertThat(RunningDemo.JSON
                        .readTree(events.get(events.size() - 1).data())
                        .size())
                .isEqualTo(3);
    }

    @Test
    void ideas_clientDisconnectClosesTheUpstreamCallWithin100Milliseconds() throws Exception {
        List<Long> delays = new ArrayList<>();
        try (RunningDemo slow = new RunningDemo(Duration.ofMillis(10), List.of())) {
            // Best of up to three runs: on a busy shared machine one run can be descheduled at the wrong moment.
            for (int run = 1; run <= 3 && (delays.isEmpty() || Collections.min(delays) > 100); run++) {
                long closedByClient = disconnectAfterFiveEvents(slow);
                JsonNode report = awaitUpstreamClosed(slow, run);
                long cancelledAt = report.get("cancelledAt").get(run - 1).asLong();
                long upstreamClosedAt =
                        report.get("connections").get(run - 1).get("closedAt").asLong();
                assertThat(upstreamClosedAt - closedByClient)
                        .as("upstream closed after the client left")
                        .isBetween(0L, 1000L);
                assertThat(report.get("open").asInt()).isZero();
                delays.add(upstreamClosedAt - cancelledAt);
            }
        }
        assertThat(Collections.min(delays))
                .as("upstream closed after the demo cancelled, best of %s ms", delays)
                .isBetween(0L, 100L);
    }

    /** Starts a stream on a raw socket, reads five events and closes the socket; returns when it closed. */
    private static long disconnectAfterFiveEvents(RunningDemo demo) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", demo.server.port())) {
            String body = "{\"topic\":\"night markets\",\"count\":10}";
            OutputStream out = socket.getOutputStream();
            out.write(("POST /ideas HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int events = 0;
            for (String line = in.readLine(); line != null && events < 5; line = in.readLine()) {
                if (line.startsWith("data:")) {
                    events++;
                }
            }
            assertThat(events).isEqualTo(5);
        }
        return System.currentTimeMillis();
    }

    private static JsonNode awaitUpstreamClosed(RunningDemo demo, int calls) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        JsonNode report = demo.connections();
        while (System.nanoTime() < deadline
                && (report.get("closed").asInt() < calls
                        || report.get("cancelledAt").size() < calls
                        // The fake sees the client's close a moment before its own socket is closed.
                        || report.get("open").asInt() > 0)) {
            Thread.sleep(10);
            report = demo.connections();
        }
        assertThat(report.get("requests").asInt()).isEqualTo(calls);
        assertThat(report.get("closed").asInt())
                .as("upstream connection closed")
                .isEqualTo(calls);
        assertThat(report.get("cancelledAt")).as("demo cancelled the call").hasSize(calls);
        return report;
    }

    private HttpRequest preflight(String origin) {
        return HttpRequest.newBuilder(demo.uri("/ideas"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build();
    }
}
