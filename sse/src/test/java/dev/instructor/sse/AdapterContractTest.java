package dev.instructor.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.instructor.AsyncPartialStream;
import dev.instructor.PartialStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every server adapter must do end to end over loopback HTTP: headers, events in order and flushed one by one,
 * format negotiation, CORS, 400 answers, and stopping the model when the client disconnects. Each adapter's test
 * extends it and only starts its server.
 */
public abstract class AdapterContractTest {
    /** Sends each partial at once, with no heartbeat: what most tests want, so that bodies are exact. */
    protected static final StructuredSse UNPACED = StructuredSse.builder()
            .partialInterval(Duration.ZERO)
            .heartbeat(Duration.ZERO)
            .build();

    private static final SseCors CORS = SseCors.allowOrigins("https://app.example.com");
    private static final String IDEA = "[{\"title\":\"Note Ninja\"}]";

    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger streamsOpened = new AtomicInteger();
    // Held here: java.util.logging keeps loggers weakly, and a handler on a collected logger would see nothing.
    private static final Logger LOGGER = Logger.getLogger("dev.instructor.Instructor");
    private final List<Handler> logHandlers = new CopyOnWriteArrayList<>();

    /**
     * Starts a server answering {@code /stream}: {@code POST} with the stream {@code streams} returns, served on the
     * request's thread, {@code OPTIONS} as a preflight.
     *
     * @return the endpoint's URI
     */
    protected abstract URI start(StructuredSse sse, SseCors cors, Function<SseFormat, PartialStream<?>> streams)
            throws Exception;

    /**
     * The futures the adapter's {@code streamAsync} returned, one per request: {@link #startAsync} implementations
     * add each here.
     */
    protected final BlockingQueue<CompletableFuture<Void>> asyncEnded = new LinkedBlockingQueue<>();

    /** Starts a server as {@link #start} does, for asynchronous streams; adds each future to {@link #asyncEnded}. */
    protected abstract URI startAsync(
            StructuredSse sse, SseCors cors, Function<SseFormat, AsyncPartialStream<?>> streams) throws Exception;

    /** As {@link #startAsync(StructuredSse, SseCors, Function)}, with no CORS policy. */
    protected final URI startAsync(StructuredSse sse, Function<SseFormat, AsyncPartialStream<?>> streams)
            throws Exception {
        return startAsync(sse, null, streams);
    }

    /**
     * Starts a server as {@link #start} does, without pacing, that hands every method to the adapter (in Javalin, by
     * a route for each), with {@code GET} allowed or not.
     */
    protected abstract URI startAnyMethod(SseCors cors, boolean allowGet, Function<SseFormat, PartialStream<?>> streams)
            throws Exception;

    /** Starts a server whose handler declines every request with the adapter's 400 helper, under {@code cors}. */
    protected abstract URI startRejecting(SseCors cors, String message, String field) throws Exception;

    /**
     * Starts a server whose handler declines every request with the adapter's {@code sendError} helper, under
     * {@code cors}, as an application refusing a body over its size limit does.
     */
    protected abstract URI startAnswering(SseCors cors, int status, String message) throws Exception;

    /** Stops the server. */
    protected abstract void stop() throws Exception;

    /** Returns the adapter's class. */
    protected abstract Class<?> adapterClass();

    /**
     * Whether {@code OPTIONS} requests never reach the adapter because the framework in front of it answers them
     * itself, as Spring MVC's {@code DispatcherServlet} answers preflights by its own CORS configuration. The OPTIONS
     * cases are then skipped, and that adapter's test shows the framework's way instead.
     */
    protected boolean frameworkAnswersOptions() {
        return false;
    }

    @Test
    void badRequestHelper_onlyTheInstanceMethodThatSendsCors() {
        // A static helper cannot know the adapter's CORS policy, so its 400 would be hidden from an allowed page.
        assertThat(adapterClass().getMethods())
                .filteredOn(method -> method.getName().toLowerCase(Locale.ROOT).contains("badrequest"))
                .singleElement()
                .satisfies(method -> {
                    assertThat(method.getName()).isEqualTo("sendBadRequest");
                    assertThat(Modifier.isStatic(method.getModifiers())).isFalse();
                });
    }

    @AfterEach
    void stopServer() throws Exception {
        stop();
        if (!logHandlers.isEmpty()) {
            logHandlers.forEach(LOGGER::removeHandler);
            LOGGER.setUseParentHandlers(true);
        }
    }

    @Test
    void post_eventsInOrderWithHeaders() throws Exception {
        URI uri = start(
                UNPACED,
                null,
                counting(format -> new FakePartialStream(new Script()
                        .partials("[{\"title\":\"Note", " Ninja\"}]")
                        .finish(IDEA))));

        HttpResponse<String> response = send(jsonPost(uri).header("Accept", "text/event-stream"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache, no-transform");
        assertThat(response.headers().firstValue("X-Accel-Buffering")).contains("no");
        assertThat(response.headers().firstValue("X-Instructor-Format")).contains("snapshot");
        assertThat(response.headers().firstValue("Vary")).get().asString().contains("Accept");
        assertThat(response.body())
                .isEqualTo("data: [{\"title\":\"Note\"}]\n\n"
                        + "data: [{\"title\":\"Note Ninja\"}]\n\n"
                        + "event: done\ndata: " + IDEA + "\n\n");
    }

    @Test
    void post_async_eventsInOrder() throws Exception {
        URI uri = startAsync(
                UNPACED,
                format -> new FakeAsyncPartialStream(new Script()
                        .partials("[{\"title\":\"Note", " Ninja\"}]")
                        .finish(IDEA)));

        HttpResponse<String> response = send(jsonPost(uri).header("Accept", "text/event-stream; format=delta"));

        assertThat(response.headers().firstValue("X-Instructor-Format")).contains("delta");
        assertThat(response.body())
                .isEqualTo("data:{\"p\":\"\",\"v\":[{\"title\":\"Note\"}]}\n\n"
                        + "data:{\"p\":\"/0/title\",\"a\":\" Ninja\"}\n\n"
                        + "event: done\ndata: " + IDEA + "\n\n");
    }

    @Test
    void post_async_futureCompletesWhenTheResponseEnds() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        URI uri = startAsync(
                UNPACED,
                format -> new FakeAsyncPartialStream(
                        new Script().partials("[1,").await(gate).partials("2]").finish("[1,2]")));

        HttpResponse<InputStream> response = open(jsonPost(uri));
        CompletableFuture<Void> ended = asyncEnded.poll(2, TimeUnit.SECONDS);
        assertThat(ended).isNotNull();
        try (InputStream body = response.body()) {
            readUntil(body, "data: [1]\n\n");
            assertThat(ended).isNotDone();
            gate.countDown();
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
                    .endsWith("event: done\ndata: [1,2]\n\n");
        }
        assertThat(ended).succeedsWithin(Duration.ofSeconds(2));
    }

    @Test
    void post_async_refused_futureCompletedAtOnce() throws Exception {
        URI uri = startAsync(UNPACED, format -> new FakeAsyncPartialStream(new Script().finish("[1]")));

        HttpResponse<String> response = send(post(uri, "topic=x", "text/plain"));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(asyncEnded.poll(2, TimeUnit.SECONDS)).isCompleted();
    }

    @Test
    void post_firstPartialArrivesBeforeStreamEnds() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        URI uri = start(
                UNPACED,
                null,
                format -> new FakePartialStream(
                        new Script().partials("[1,").await(gate).partials("2]").finish("[1,2]")));

        HttpResponse<InputStream> response = open(jsonPost(uri));
        try (InputStream body = response.body()) {
            assertThat(readUntil(body, "data: [1]\n\n")).endsWith("data: [1]\n\n");
            gate.countDown();
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("data: [1,2]\n\nevent: done\ndata: [1,2]\n\n");
        }
    }

    @Test
    void format_queryParameterWinsOverAccept() throws Exception {
        URI uri = start(
                UNPACED,
                null,
                format -> new FakePartialStream(new Script().partials("[1]").finish("[1]")));

        HttpResponse<String> response = send(
                jsonPost(URI.create(uri + "?format=snapshot")).header("Accept", "text/event-stream; format=delta"));

        assertThat(response.headers().firstValue("X-Instructor-Format")).contains("snapshot");
        assertThat(response.body()).startsWith("data: [1]\n\n");
    }

    @Test
    void format_queryParameterInAnyCase_readAsAcceptsIs() throws Exception {
        URI uri = start(
                UNPACED,
                null,
                format -> new FakePartialStream(new Script().partials("[1]").finish("[1]")));

        HttpResponse<String> response =
                send(jsonPost(URI.create(uri + "?format=DELTA")).header("Accept", "text/event-stream"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Instructor-Format")).contains("delta");
    }

    @Test
    void format_acceptOnASecondHeaderLine_counts() throws Exception {
        URI uri = start(UNPACED, null, format -> new FakePartialStream(new Script().finish("[1]")));

        // HTTP allows a list header on several lines, each as if joined to the first with a comma.
        HttpResponse<String> response =
                send(jsonPost(uri).header("Accept", "text/plain").header("Accept", "text/event-stream; format=delta"));

        assertThat(response.headers().firstValue("X-Instructor-Format")).contains("delta");
    }

    @Test
    void accept_everyTypeRefused_406BeforeStreamStarts() throws Exception {
        URI uri = start(UNPACED, null, counting(format -> new FakePartialStream(new Script().finish("1"))));

        HttpResponse<String> refused =
                send(jsonPost(uri).header("Accept", "text/event-stream; format=delta; q=0, */*;q=0"));
        HttpResponse<String> anyType = send(jsonPost(uri).header("Accept", "*/*"));

        assertThat(refused.statusCode()).isEqualTo(406);
        assertThat(refused.body()).startsWith("{\"error\":");
        assertThat(anyType.statusCode()).isEqualTo(200);
        assertThat(streamsOpened).hasValue(1);
    }

    /**
     * RFC 9110, section 12.5.1: the most specific range that matches {@code text/event-stream} gives its quality, and
     * a type no range matches is not acceptable either. This endpoint sends nothing else, so either way is a 406.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/event-stream;q=0, application/json",
                "application/json",
                "text/event-stream;q=0, */*",
                "text/*;q=0, */*",
                "text/event-stream;format=delta;q=0"
            })
    void accept_eventStreamRefusedOrUnlisted_406EvenWhenOtherTypesAreAccepted(String accept) throws Exception {
        URI uri = start(UNPACED, null, counting(format -> new FakePartialStream(new Script().finish("1"))));

        HttpResponse<String> refused = send(jsonPost(uri).header("Accept", accept));

        assertThat(refused.statusCode()).isEqualTo(406);
        assertThat(refused.body()).startsWith("{\"error\":");
        assertThat(streamsOpened).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/*, */*;q=0",
                "text/event-stream;q=0.001, */*;q=0",
                "application/json;q=0, text/*;q=0.5",
                "text/event-stream;format=delta;q=0, */*"
            })
    void accept_eventStreamAllowedByItsMostSpecificRange_streams(String accept) throws Exception {
        URI uri = start(UNPACED, null, counting(format -> new FakePartialStream(new Script().finish("1"))));

        HttpResponse<String> served = send(jsonPost(uri).header("Accept", accept));

        assertThat(served.statusCode()).isEqualTo(200);
        // A refused delta leaves the snapshot, which */* allows.
        assertThat(served.headers().firstValue("X-Instructor-Format")).contains("snapshot");
        assertThat(streamsOpened).hasValue(1);
    }

    /**
     * RFC 9110, section 12.5.5: an answer chosen by a request header names it in {@code Vary}, or a shared cache keyed
     * on the URL could hand the {@code 406} to a browser that accepts the stream.
     */
    @Test
    void accept_refused_406VariesOnAcceptAndOrigin() throws Exception {
        URI uri = start(UNPACED, CORS, format -> new FakePartialStream(new Script().finish("1")));

        HttpResponse<String> refused =
                send(jsonPost(uri).header("Accept", "application/json").header("Origin", "https://app.example.com"));

        assertThat(refused.statusCode()).isEqualTo(406);
        assertThat(namesListed(refused, "Vary")).contains("accept", "origin").doesNotHaveDuplicates();
    }

    /**
     * With {@code GET} allowed, whether a {@code GET} streams or gets {@code 403} turns on {@code Origin} and {@code
     * Sec-Fetch-Site}, with or without a CORS policy: every answer to one names both in {@code Vary}.
     */
    @Test
    void get_allowed_answersVaryOnOriginAndFetchSite() throws Exception {
        URI uri = startAnyMethod(null, true, format -> new FakePartialStream(new Script().finish("1")));

        HttpResponse<String> served = send(get(uri, null, null));
        HttpResponse<String> refused = send(get(uri, null, "cross-site"));
        HttpResponse<String> notAcceptable =
                send(HttpRequest.newBuilder(uri).GET().header("Accept", "text/html"));

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(namesListed(served, "Vary"))
                .contains("accept", "origin", "sec-fetch-site")
                .doesNotHaveDuplicates();
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(namesListed(refused, "Vary")).contains("origin", "sec-fetch-site");
        assertThat(notAcceptable.statusCode()).isEqualTo(406);
        assertThat(namesListed(notAcceptable, "Vary")).contains("accept", "origin", "sec-fetch-site");
    }

    @Test
    void format_unknownQueryValue_400BeforeStreamStarts() throws Exception {
        URI uri = start(UNPACED, null, counting(format -> new FakePartialStream(new Script().finish("1"))));

        HttpResponse<String> response = send(jsonPost(URI.create(uri + "?format=xml")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/json");
        assertThat(response.body())
                .isEqualTo("{\"error\":\"format must be \\\"snapshot\\\" or \\\"delta\\\", got \\\"xml\\\"\","
                        + "\"field\":\"format\"}");
        assertThat(streamsOpened).hasValue(0);
    }

    @Test
    void badRequest_fromApplication() throws Exception {
        URI uri = startRejecting(null, "count: must be at most 20", "count");

        HttpResponse<String> response = send(jsonPost(uri));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"count: must be at most 20\",\"field\":\"count\"}");
    }

    @Test
    void badRequest_fromApplication_readableByAnAllowedOrigin() throws Exception {
        URI uri = startRejecting(CORS, "count: must be at most 20", "count");

        assertErrorReadableByAnAllowedOriginOnly(
                uri, 400, "{\"error\":\"count: must be at most 20\",\"field\":\"count\"}");
    }

    @Test
    void errorFromApplication_jsonBodyReadableByAnAllowedOrigin() throws Exception {
        // wire-format.md, section 6: a 413 (or 429, ...) SHOULD carry the JSON body, readable by an allowed page.
        URI uri = startAnswering(CORS, 413, "the request body is too large");

        assertErrorReadableByAnAllowedOriginOnly(uri, 413, "{\"error\":\"the request body is too large\"}");
    }

    /** Posts from an allowed page and from another: both get {@code status}, only the allowed page may read it. */
    private void assertErrorReadableByAnAllowedOriginOnly(URI uri, int status, String body) throws Exception {
        HttpResponse<String> allowed = send(jsonPost(uri).header("Origin", "https://app.example.com"));
        HttpResponse<String> stranger = send(jsonPost(uri).header("Origin", "https://evil.example"));

        assertThat(allowed.statusCode()).isEqualTo(status);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");
        assertThat(allowed.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/json");
        assertThat(allowed.body()).isEqualTo(body);
        assertThat(stranger.statusCode()).isEqualTo(status);
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void streamsThrows_500WithCorsAndJsonBody_exceptionLogged() throws Exception {
        IllegalStateException boom = new IllegalStateException("database password rejected");
        URI uri = start(UNPACED, CORS, format -> {
            throw boom;
        });
        List<LogRecord> logged = captureLog();

        HttpResponse<String> allowed = send(jsonPost(uri).header("Origin", "https://app.example.com"));

        assertAnswered500(allowed, logged, boom);
    }

    @Test
    void streamsThrows_async_500WithCorsAndJsonBody_exceptionLogged() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        URI uri = startAsync(UNPACED, CORS, format -> {
            throw boom;
        });
        List<LogRecord> logged = captureLog();

        HttpResponse<String> response = send(jsonPost(uri).header("Origin", "https://app.example.com"));

        assertAnswered500(response, logged, boom);
    }

    /** The answer to an allowed page's request whose {@code streams} function threw {@code boom}, and the log. */
    private static void assertAnswered500(HttpResponse<String> response, List<LogRecord> logged, Throwable boom) {
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/json");
        // The message is the adapter's own: what the application threw stays on the server.
        assertThat(response.body()).isEqualTo("{\"error\":\"Something went wrong while starting the answer.\"}");
        assertThat(logged).anySatisfy(record -> assertThat(record.getThrown()).isSameAs(boom));
    }

    @Test
    void cors_preflightAndExposedFormatHeader() throws Exception {
        assumeFalse(frameworkAnswersOptions(), "the framework in front answers OPTIONS itself");
        URI uri = start(UNPACED, CORS, format -> new FakePartialStream(new Script().finish("1")));

        HttpResponse<String> preflight = send(options(uri, "https://app.example.com", "POST"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("https://app.example.com");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                .contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(headers -> assertThat(headers).startsWith("Content-Type"));

        HttpResponse<String> stranger = send(options(uri, "https://evil.example", "POST"));
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> response = send(jsonPost(uri).header("Origin", "https://app.example.com"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers"))
                .contains("X-Instructor-Format, Retry-After");
        assertThat(response.body()).isEqualTo("event: done\ndata: 1\n\n");
    }

    /**
     * With {@code GET} served, the preflight of an allowed page's {@code fetch} {@code GET} that sends a header of its
     * own lists {@code GET} among the methods. Browsers let a CORS-safelisted method through without it, but the
     * answer should say what the endpoint serves.
     */
    @Test
    void cors_preflight_getAllowed_listsGetAmongTheMethods() throws Exception {
        assumeFalse(frameworkAnswersOptions(), "the framework in front answers OPTIONS itself");
        URI uri = startAnyMethod(CORS, true, format -> new FakePartialStream(new Script().finish("1")));

        HttpResponse<String> preflight = send(options(uri, "https://app.example.com", "GET")
                .header("Access-Control-Request-Headers", "content-type"));

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                .contains("GET, HEAD, POST");
    }

    /**
     * A client library that reads the stream with {@code fetch} and retries with {@code Last-Event-ID}, as the wire
     * format expects, sends a header that is not CORS-safelisted: across origins the browser first asks the preflight,
     * and a preflight that does not allow it fails as a network error, after which the library retries again and again
     * without ever getting the answer that would stop it ({@code 204} to a {@code GET}, {@code 400} to a {@code POST}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void cors_preflight_allowsLastEventIdSoThatARetryCanGetItsAnswer(String method) throws Exception {
        assumeFalse(frameworkAnswersOptions(), "the framework in front answers OPTIONS itself");
        URI uri = startAnyMethod(CORS, true, format -> new FakePartialStream(new Script().finish("1")));

        HttpResponse<String> preflight = send(options(uri, "https://app.example.com", method)
                .header("Access-Control-Request-Headers", "last-event-id"));

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(namesListed(preflight, "Access-Control-Allow-Headers")).contains("last-event-id", "content-type");
    }

    /**
     * RFC 9110, section 9.3.7: an {@code OPTIONS} that is no CORS preflight (no {@code Origin}, or no {@code
     * Access-Control-Request-Method}) asks what the endpoint serves, and gets {@code 204} with {@code Allow}.
     */
    @Test
    void options_notAPreflight_204WithAllow() throws Exception {
        assumeFalse(frameworkAnswersOptions(), "the framework in front answers OPTIONS itself");
        URI uri = startAnyMethod(CORS, true, counting(format -> new FakePartialStream(new Script().finish("1"))));

        HttpResponse<String> plain = send(options(uri, null, null));
        HttpResponse<String> noOrigin = send(options(uri, null, "GET"));
        HttpResponse<String> noRequestMethod = send(options(uri, "https://app.example.com", null));

        for (HttpResponse<String> response : List.of(plain, noOrigin, noRequestMethod)) {
            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD, POST, OPTIONS");
            assertThat(response.body()).isEmpty();
        }
        assertThat(noRequestMethod.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("https://app.example.com");
        assertThat(streamsOpened).hasValue(0);
    }

    @Test
    void options_notAPreflight_noCorsPolicy_204WithAllow() throws Exception {
        assumeFalse(frameworkAnswersOptions(), "the framework in front answers OPTIONS itself");
        URI uri = start(UNPACED, null, format -> new FakePartialStream(new Script().finish("1")));

        HttpResponse<String> plain = send(options(uri, null, null));
        HttpResponse<String> preflight = send(options(uri, "https://app.example.com", "POST"));

        assertThat(plain.statusCode()).isEqualTo(204);
        assertThat(plain.headers().firstValue("Allow")).contains("POST, OPTIONS");
        assertThat(preflight.statusCode()).isEqualTo(403);
    }

    @Test
    void post_simpleCrossOriginRequest_415BeforeStreamStarts() throws Exception {
        URI uri = start(UNPACED, CORS, counting(format -> new FakePartialStream(new Script().finish("1"))));

        // What fetch(url, {method: "POST", mode: "no-cors", body: "{...}"}) sends from any page: no preflight.
        HttpResponse<String> noCors = send(
                post(uri, "{\"topic\":\"x\"}", "text/plain;charset=UTF-8").header("Origin", "https://evil.example"));
        HttpResponse<String> form = send(
                post(uri, "topic=x", "application/x-www-form-urlencoded").header("Origin", "https://app.example.com"));
        HttpResponse<String> untyped = send(post(uri, "{}", null));

        assertThat(noCors.statusCode()).isEqualTo(415);
        assertThat(noCors.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(noCors.body()).isEqualTo("{\"error\":\"Content-Type must be application/json, got text/plain\"}");
        assertThat(form.statusCode()).isEqualTo(415);
        // An allowed page can read why.
        assertThat(form.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");
        assertThat(form.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(untyped.statusCode()).isEqualTo(415);
        assertThat(untyped.body()).contains("got none");
        assertThat(streamsOpened).hasValue(0);
    }

    @Test
    void post_jsonWithParameters_streams() throws Exception {
        URI uri = start(UNPACED, null, format -> new FakePartialStream(new Script().finish("1")));

        HttpResponse<String> response = send(post(uri, "{}", " Application/JSON ; charset=utf-8"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("event: done\ndata: 1\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE"})
    void method_otherThanPost_405BeforeStreamStarts(String method) throws Exception {
        URI uri = startAnyMethod(null, false, counting(format -> new FakePartialStream(new Script().finish("1"))));

        HttpResponse<String> response = send(request(uri, method).header("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST, OPTIONS");
        assertThat(response.body()).startsWith("{\"error\":\"" + method + " cannot start a stream");
        assertThat(streamsOpened).hasValue(0);
    }

    @Test
    void get_allowed_streamsUnlessTheBrowserSaysCrossOrigin() throws Exception {
        URI uri = startAnyMethod(CORS, true, counting(format -> new FakePartialStream(new Script().finish("1"))));

        // Neither Origin nor Sec-Fetch-Site: indistinguishable from a same-origin page, so served by design.
        HttpResponse<String> plain = send(get(uri, null, null));
        HttpResponse<String> sameOrigin = send(get(uri, null, "same-origin"));
        HttpResponse<String> allowedPage = send(get(uri, "https://app.example.com", "cross-site"));
        int opened = streamsOpened.get();
        // An <img src> or no-cors fetch from another site: no Origin, but fetch metadata says cross-site.
        HttpResponse<String> image = send(get(uri, null, "cross-site"));
        // An EventSource on another origin: no preflight, so the model would run for a page that cannot read it.
        HttpResponse<String> strangerEventSource = send(get(uri, "https://evil.example", null));
        HttpResponse<String> sameSite = send(get(uri, "https://other.example.com", "same-site"));

        assertThat(plain.statusCode()).isEqualTo(200);
        // The start event's id is what an EventSource sends back when it reconnects.
        assertThat(plain.body()).isEqualTo(StructuredSse.GET_STREAM_PRELUDE + "event: done\ndata: 1\n\n");
        assertThat(sameOrigin.statusCode()).isEqualTo(200);
        assertThat(allowedPage.statusCode()).isEqualTo(200);
        assertThat(allowedPage.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("https://app.example.com");
        assertThat(opened).isEqualTo(3);
        assertThat(image.statusCode()).isEqualTo(403);
        assertThat(strangerEventSource.statusCode()).isEqualTo(403);
        assertThat(sameSite.statusCode()).isEqualTo(403);
        assertThat(streamsOpened).hasValue(3);
    }

    @Test
    void head_getAllowed_streamHeadersWithoutStartingTheModel() throws Exception {
        URI uri = startAnyMethod(CORS, true, counting(format -> new FakePartialStream(new Script().finish("1"))));

        HttpResponse<String> head = send(request(URI.create(uri + "?format=delta"), "HEAD")
                .header("Origin", "https://app.example.com")
                .header("Sec-Fetch-Site", "cross-site"));
        HttpResponse<String> stranger = send(request(uri, "HEAD").header("Origin", "https://evil.example"));
        HttpResponse<String> put = send(request(uri, "PUT"));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).contains("text/event-stream");
        assertThat(head.headers().firstValue("X-Instructor-Format")).contains("delta");
        assertThat(head.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");
        assertThat(head.body()).isEmpty();
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(put.headers().firstValue("Allow")).contains("GET, HEAD, POST, OPTIONS");
        assertThat(streamsOpened).hasValue(0);
    }

    /**
     * A browser's {@code EventSource} (WHATWG HTML, server-sent events) keeps the last event id it read and, when the
     * connection drops, sends the same request again with it in {@code Last-Event-ID}. A stream cannot be resumed, and
     * a new one would mix a second answer into the first, so the reconnect is {@code 204}, which stops the
     * {@code EventSource}; an allowed page must be able to read it, or the browser takes it for a network error and
     * tries again.
     */
    @Test
    void get_eventSourceReconnectingAfterACut_204WithoutAnotherModelCall() throws Exception {
        URI uri = startAnyMethod(
                CORS,
                true,
                counting(format ->
                        new FakePartialStream(new Script().partials("[1").silentUntilClosed())));

        String lastEventId = readAsEventSourceUntilFirstPartialThenDrop(uri);
        HttpResponse<String> reconnect = send(eventSourceRequest(uri).header("Last-Event-ID", lastEventId));

        assertThat(lastEventId).isNotEmpty();
        assertThat(reconnect.statusCode()).isEqualTo(204);
        assertThat(reconnect.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("https://app.example.com");
        assertThat(reconnect.body()).isEmpty();
        // A 204 is cacheable by default, and a cache keys on the URL alone: it must not answer a fresh EventSource.
        assertThat(reconnect.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(streamsOpened).hasValue(1);
    }

    /**
     * Firefox's {@code EventSource} drops an event without data whole, its id with it, and Safari's keeps that id only
     * until an event with data is dispatched: so the event that gives a {@code GET} stream its id must carry data, or a
     * cut while the model is still silent reconnects without {@code Last-Event-ID} and starts a second model call.
     */
    @Test
    void get_cutBeforeTheFirstPartial_idKeptByEveryBrowserAnd204WithoutAnotherModelCall() throws Exception {
        URI uri =
                startAnyMethod(CORS, true, counting(format -> new FakePartialStream(new Script().silentUntilClosed())));

        String lastEventId = readFirstEventAsFirefoxThenDrop(uri);
        // Without an id the browser reconnects without the header, which starts a second, silent stream.
        assertThat(lastEventId).isNotEmpty();
        HttpResponse<String> reconnect = send(eventSourceRequest(uri).header("Last-Event-ID", lastEventId));

        assertThat(reconnect.statusCode()).isEqualTo(204);
        assertThat(streamsOpened).hasValue(1);
    }

    /**
     * Only a {@code GET} can be an {@code EventSource}'s reconnect. A {@code POST} carrying {@code Last-Event-ID} (a
     * fetch-based client resuming, or a proxy adding the header) cannot be resumed either, and a new stream would mix a
     * second answer into the first; but a {@code 204} is a success to {@code fetch}, a silent stop. It gets a
     * {@code 400} that says why, readable by an allowed page, and no model call.
     */
    @Test
    void post_withLastEventId_400SayingWhyWithoutAModelCall() throws Exception {
        URI uri = start(UNPACED, CORS, counting(format -> new FakePartialStream(new Script().finish("1"))));

        HttpResponse<String> resumed =
                send(jsonPost(uri).header("Origin", "https://app.example.com").header("Last-Event-ID", "3"));

        assertThat(resumed.statusCode()).isEqualTo(400);
        assertThat(resumed.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(resumed.body()).contains("Last-Event-ID");
        assertThat(resumed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");
        assertThat(streamsOpened).hasValue(0);
    }

    /** A blank {@code Last-Event-ID} names no event: the request is a fresh one, as an {@code EventSource} sends. */
    @Test
    void post_withBlankLastEventId_streams() throws Exception {
        URI uri = start(UNPACED, null, counting(format -> new FakePartialStream(new Script().finish("1"))));

        HttpResponse<String> response = send(jsonPost(uri).header("Last-Event-ID", " "));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("event: done\ndata: 1\n\n");
    }

    @Test
    void timeLimit_endsResponseWithTimeoutErrorAndStopsModel() throws Exception {
        FakePartialStream stream =
                new FakePartialStream(new Script().partials("[1,").silentUntilClosed());
        StructuredSse sse =
                StructuredSse.builder().timeLimit(Duration.ofMillis(100)).build();
        URI uri = start(sse, null, format -> stream);

        HttpResponse<String> response = send(jsonPost(uri));

        assertThat(response.body())
                .isEqualTo("data: [1]\n\nevent: error\ndata: {\"error\":\"The answer took longer than the server"
                        + " allows.\",\"type\":\"timeout\",\"attempt\":1}\n\n");
        assertThat(stream.wasAborted()).isTrue();
    }

    // The bounds below are generous on purpose: they must hold on a loaded 2-core CI machine. What the tests prove
    // is that the disconnect, and nothing else, stops the model: a script that would run on for 10 seconds or more,
    // or never end, is closed early.
    @Test
    void disconnect_whileModelWrites_cancelsUpstreamWithin2s() throws Exception {
        Script script = new Script().partials("[\"");
        for (int i = 0; i < 2000; i++) {
            script.partials("w" + i + " ").pause(Duration.ofMillis(5));
        }
        FakePartialStream stream = new FakePartialStream(script.partials("\"]").finish("[]"));
        URI uri = start(UNPACED, null, format -> stream);

        connectReadAndDrop(uri);

        assertThat(stream.awaitClosed(2000)).isTrue();
        assertThat(stream.wasAborted()).isTrue();
    }

    @Test
    void clientStopsReading_writeTimeoutCancelsUpstream() throws Exception {
        // Snapshots of a growing value: many megabytes in all, more than the socket buffers hold.
        Script script = new Script().partials("[\"");
        for (int i = 0; i < 1000; i++) {
            script.partials("x".repeat(100));
        }
        FakePartialStream stream = new FakePartialStream(script.partials("\"]").finish("[]"));
        StructuredSse sse = StructuredSse.builder()
                .partialInterval(Duration.ZERO)
                .writeTimeout(Duration.ofMillis(300))
                .build();
        URI uri = start(sse, null, format -> stream);

        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
            postEmptyObject(socket, uri);
            // Never reads: the connection stays open, and the server's writes block once the buffers are full.
            assertThat(stream.awaitClosed(5000)).as("the model call stopped").isTrue();
        }
        assertThat(stream.wasAborted()).isTrue();
    }

    @Test
    void disconnect_whileModelSilent_heartbeatCancelsUpstreamWithin2s() throws Exception {
        FakePartialStream stream =
                new FakePartialStream(new Script().partials("[1,").silentUntilClosed());
        StructuredSse sse =
                StructuredSse.builder().heartbeat(Duration.ofMillis(5)).build();
        URI uri = start(sse, null, format -> stream);

        connectReadAndDrop(uri);

        assertThat(stream.awaitClosed(2000)).isTrue();
    }

    @Test
    void disconnect_whileModelSilent_theSecondPingAfterTheHeartbeatStopsTheModel() throws Exception {
        FakePartialStream stream =
                new FakePartialStream(new Script().partials("[1,").silentUntilClosed());
        StructuredSse sse =
                StructuredSse.builder().heartbeat(Duration.ofSeconds(3)).build();
        URI uri = start(sse, null, format -> stream);

        // All that was sent is read before the close, as a browser does, so the close is a FIN, not a reset.
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            postEmptyObject(socket, uri);
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            readUntil(in, "data: [1]\n\n");
            Thread.sleep(200); // the rest of the chunk's framing, if any
            in.readNBytes(in.available());
        }

        // TCP accepts the heartbeat at 3 s (the client's side answers it with a reset) and fails the ping a second
        // later; without that second ping the model ran on to the next heartbeat, at 6 s.
        assertThat(stream.awaitClosed(5_500)).isTrue();
    }

    /**
     * A page that aborts its request at once (React's StrictMode runs an effect's start, cleanup and start again): the
     * client is gone before the first byte of the answer, and the model call must still stop while partials flow.
     */
    @ParameterizedTest(name = "async: {0}")
    @ValueSource(booleans = {false, true})
    void disconnect_beforeTheAnswersFirstByte_stopsTheModel(boolean async) throws Exception {
        Script script = new Script();
        for (int i = 0; i < 200; i++) {
            script.partials(i == 0 ? "[" + i : "," + i).pause(Duration.ofMillis(10));
        }
        script.finish("[0]");
        FakePartialStream sync = new FakePartialStream(script);
        FakeAsyncPartialStream reactive = new FakeAsyncPartialStream(script);
        URI uri = async ? startAsync(UNPACED, format -> reactive) : start(UNPACED, null, format -> sync);

        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            postEmptyObject(socket, uri);
        }

        // The answer would run its 200 partials for 2 s and more: the model must be stopped well before its end.
        boolean stopped = async ? reactive.awaitCancelled(1500) : sync.awaitClosed(1500) && sync.wasAborted();
        assertThat(stopped).as("the model call stopped within 1.5 s").isTrue();
    }

    @Test
    void disconnect_async_cancelsUpstreamWithin2s() throws Exception {
        FakeAsyncPartialStream stream =
                new FakeAsyncPartialStream(new Script().partials("[1,").silentUntilClosed());
        StructuredSse sse =
                StructuredSse.builder().heartbeat(Duration.ofMillis(5)).build();
        URI uri = startAsync(sse, format -> stream);

        connectReadAndDrop(uri);

        assertThat(stream.awaitCancelled(2000)).isTrue();
    }

    /** Collects what the adapters log to {@code dev.instructor.Instructor} until the test ends. */
    private List<LogRecord> captureLog() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        LOGGER.addHandler(handler);
        LOGGER.setUseParentHandlers(false); // the test expects the stack trace; keep it out of the build output
        logHandlers.add(handler);
        return records;
    }

    /**
     * An {@code OPTIONS} with the given {@code Origin} and {@code Access-Control-Request-Method}, either may be null: a
     * CORS preflight when both are there.
     */
    private static HttpRequest.Builder options(URI uri, String origin, String requestMethod) {
        HttpRequest.Builder request = request(uri, "OPTIONS");
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (requestMethod != null) {
            request.header("Access-Control-Request-Method", requestMethod);
        }
        return request;
    }

    /** Returns the names every {@code header} line of {@code response} lists, in lower case. */
    private static List<String> namesListed(HttpResponse<?> response, String header) {
        return response.headers().allValues(header).stream()
                .flatMap(line -> Stream.of(line.split(",")))
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .toList();
    }

    private Function<SseFormat, PartialStream<?>> counting(Function<SseFormat, PartialStream<?>> streams) {
        return format -> {
            streamsOpened.incrementAndGet();
            return streams.apply(format);
        };
    }

    /** A {@code GET} of the stream with the given {@code Origin} and {@code Sec-Fetch-Site}, either may be null. */
    private static HttpRequest.Builder get(URI uri, String origin, String fetchSite) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream");
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (fetchSite != null) {
            request.header("Sec-Fetch-Site", fetchSite);
        }
        return request;
    }

    /** The request an allowed page's {@code EventSource} sends, less the {@code Last-Event-ID} of a reconnect. */
    private static HttpRequest.Builder eventSourceRequest(URI uri) {
        return HttpRequest.newBuilder(uri)
                .GET()
                .header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache")
                .header("Origin", "https://app.example.com")
                .header("Sec-Fetch-Site", "cross-site");
    }

    /**
     * Reads the stream as an {@code EventSource} does, until its first event with data, then drops the connection.
     *
     * @return the last event id the {@code EventSource} holds then, which it would send when reconnecting
     */
    private String readAsEventSourceUntilFirstPartialThenDrop(URI uri) throws Exception {
        HttpResponse<InputStream> response = open(eventSourceRequest(uri));
        assertThat(response.statusCode()).isEqualTo(200);
        String lastEventId = "";
        String idBuffer = "";
        StringBuilder data = new StringBuilder();
        try (InputStream body = response.body();
                java.io.BufferedReader lines =
                        new java.io.BufferedReader(new java.io.InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    lastEventId = idBuffer; // WHATWG: set at every dispatch, even of an event without data
                    if (data.length() > 0) {
                        return lastEventId;
                    }
                } else if (line.startsWith("id:")) {
                    String value = line.substring(line.startsWith("id: ") ? 4 : 3);
                    idBuffer = value.indexOf('\0') < 0 ? value : idBuffer;
                } else if (line.startsWith("data:")) {
                    data.append(line, 5, line.length());
                }
            }
        }
        throw new AssertionError("the stream ended before its first partial");
    }

    /**
     * Reads the stream's first event as Firefox's {@code EventSource} does (dom/base/EventSource.cpp: an event without
     * data is dropped before its id is kept), then drops the connection.
     *
     * @return the last event id the {@code EventSource} holds then, which it would send when reconnecting
     */
    private String readFirstEventAsFirefoxThenDrop(URI uri) throws Exception {
        HttpResponse<InputStream> response = open(eventSourceRequest(uri));
        assertThat(response.statusCode()).isEqualTo(200);
        String id = null;
        boolean data = false;
        try (InputStream body = response.body();
                java.io.BufferedReader lines =
                        new java.io.BufferedReader(new java.io.InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    return data && id != null ? id : "";
                } else if (line.startsWith("id:")) {
                    id = line.substring(line.startsWith("id: ") ? 4 : 3);
                } else if (line.startsWith("data:")) {
                    data = true;
                }
            }
        }
        throw new AssertionError("the stream ended before its first event");
    }

    /** Sends the request on a raw socket, reads until the first event and closes the socket. */
    private static void connectReadAndDrop(URI uri) throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            postEmptyObject(socket, uri);
            socket.setSoTimeout(5000);
            readUntil(socket.getInputStream(), "data:");
        }
    }

    /** Writes a {@code POST} of {@code {}} to {@code uri} on a raw socket, as a client that then reads at will. */
    private static void postEmptyObject(Socket socket, URI uri) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2\r\n\r\n{}")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads {@code in} until {@code marker} has been read, and returns all it read. */
    protected static String readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(StandardCharsets.UTF_8).contains(marker)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("ended before " + marker + ": " + seen.toString(StandardCharsets.UTF_8));
            }
            seen.write(b);
        }
        return seen.toString(StandardCharsets.UTF_8);
    }

    /** Sends {@code request} and reads the whole answer as text. */
    protected final HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code request} and returns once the answer's headers have arrived, its body still streaming. */
    private HttpResponse<InputStream> open(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** A {@code POST} of {@code {}} as JSON: the request a page sends to start a stream. */
    protected static HttpRequest.Builder jsonPost(URI uri) {
        return post(uri, "{}", "application/json");
    }

    /** A {@code POST} of {@code body} with the given {@code Content-Type}, or none if null. */
    private static HttpRequest.Builder post(URI uri, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return request;
    }

    /** A request with {@code method} and no body. */
    protected static HttpRequest.Builder request(URI uri, String method) {
        return HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
    }
}
