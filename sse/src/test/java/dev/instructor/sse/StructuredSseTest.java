package dev.instructor.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.instructor.FailedAttempt;
import dev.instructor.InstructorRetryException;
import dev.instructor.ResponseModel;
import dev.instructor.TypeRef;
import dev.instructor.Usage;
import dev.instructor.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

class StructuredSseTest {
    private static final StructuredSse UNPACED = StructuredSse.builder()
            .partialInterval(Duration.ZERO)
            .heartbeat(Duration.ZERO)
            .build();

    private static final String[] IDEA_CHUNKS = {
        "[{\"title\":\"", "Note", " Ninja", "\",\"blurb\":\"", "Capture", "\"}]"
    };
    private static final String IDEA = "[{\"title\":\"Note Ninja\",\"blurb\":\"Capture\"}]";

    @Test
    void snapshot_bytesAsTheGuideEndpoint() {
        RecordingSink sink = new RecordingSink();
        FakePartialStream stream =
                new FakePartialStream(new Script().partials(IDEA_CHUNKS).finish(IDEA));

        UNPACED.stream(stream, SseFormat.SNAPSHOT, sink);

        assertThat(sink.text())
                .isEqualTo("data: [{\"title\":\"\"}]\n\n"
                        + "data: [{\"title\":\"Note\"}]\n\n"
                        + "data: [{\"title\":\"Note Ninja\"}]\n\n"
                        + "data: [{\"title\":\"Note Ninja\",\"blurb\":\"\"}]\n\n"
                        + "data: [{\"title\":\"Note Ninja\",\"blurb\":\"Capture\"}]\n\n"
                        + "event: done\ndata: " + IDEA + "\n\n");
        assertThat(sink.isClosed()).isTrue();
    }

    @Test
    void headers_forEachFormat() {
        for (SseFormat format : SseFormat.values()) {
            RecordingSink sink = new RecordingSink();
            UNPACED.stream(new FakePartialStream(new Script().finish("1")), format, sink);
            assertThat(sink.headers())
                    .containsExactly(
                            Map.entry("Content-Type", "text/event-stream"),
                            // no-transform: compressing proxies (webpack's dev server, Traefik, Caddy) hold SSE
                            // in their buffer unless told not to transform it.
                            Map.entry("Cache-Control", "no-cache, no-transform"),
                            Map.entry("X-Accel-Buffering", "no"),
                            Map.entry("X-Instructor-Format", format.wireName()),
                            Map.entry("Vary", "Accept"));
        }
    }

    @Test
    void delta_patchesWithoutSpaceThenDoneWithSpace() {
        FakePartialStream stream =
                new FakePartialStream(new Script().partials(IDEA_CHUNKS).finish(IDEA));

        assertThat(written(UNPACED, stream, SseFormat.DELTA))
                .isEqualTo("data:{\"p\":\"\",\"v\":[{\"title\":\"\"}]}\n\n"
                        + "data:{\"p\":\"/0/title\",\"a\":\"Note\"}\n\n"
                        + "data:\" Ninja\"\n\n"
                        + "data:{\"p\":\"/0/blurb\",\"v\":\"\"}\n\n"
                        + "data:\"Capture\"\n\n"
                        + "event: done\ndata: " + IDEA + "\n\n");
    }

    @Test
    void restart_whenAttemptGrows_resetsDelta() {
        Script script = new Script()
                .partials("{\"a\":\"x", "y")
                .restart()
                .partials("{\"a\":\"z")
                .finish("{\"a\":\"z\"}");

        assertThat(written(UNPACED, new FakePartialStream(script), SseFormat.DELTA))
                .isEqualTo("data:{\"p\":\"\",\"v\":{\"a\":\"x\"}}\n\n"
                        + "data:{\"p\":\"/a\",\"a\":\"y\"}\n\n"
                        + "event: restart\ndata: {\"attempt\":2}\n\n"
                        + "data:{\"p\":\"\",\"v\":{\"a\":\"z\"}}\n\n"
                        + "event: done\ndata: {\"a\":\"z\"}\n\n");
    }

    @Test
    void restart_announcedBeforeFinalOfNewAttemptWithoutPartials() {
        Script script = new Script().partials("[1,").restart().finish("[2]");

        assertThat(written(UNPACED, new FakePartialStream(script), SseFormat.SNAPSHOT))
                .isEqualTo("data: [1]\n\nevent: restart\ndata: {\"attempt\":2}\n\nevent: done\ndata: [2]\n\n");
    }

    @Test
    void error_messageFromMapperWithTypeAndAttempt_noSecretsByDefault() {
        Script script = new Script()
                .partials("[1,")
                .restart()
                .partials("[2,")
                .fail(new IllegalStateException("key sk-secret leaked"));

        assertThat(written(UNPACED, new FakePartialStream(script), SseFormat.SNAPSHOT))
                .isEqualTo("data: [1]\n\n"
                        + "event: restart\ndata: {\"attempt\":2}\n\n"
                        + "data: [2]\n\n"
                        + "event: error\ndata: {\"error\":\"Something went wrong while writing the answer.\","
                        + "\"type\":\"internal\",\"attempt\":2}\n\n");
    }

    @Test
    void error_reaskFailingBeforeItsFirstPartial_reportsTheFailuresAttempt() {
        RecordingSink sync = new RecordingSink();
        RecordingSink async = new RecordingSink();
        InstructorRetryException spent = new InstructorRetryException(List.of(
                new FailedAttempt(1, "[", List.of(Violation.of("/0", "too long")), Usage.ZERO),
                new FailedAttempt(2, "[", List.of(Violation.of("/0", "too short")), Usage.ZERO)));

        UNPACED.stream(new FakePartialStream(new Script().partials("[1,").fail(spent)), SseFormat.SNAPSHOT, sync);
        UNPACED.streamAsync(
                        new FakeAsyncPartialStream(new Script().partials("[1,").fail(spent)), SseFormat.SNAPSHOT, async)
                .join();

        assertThat(sync.text())
                .startsWith("data: [1]\n\nevent: restart\ndata: {\"attempt\":2}\n\nevent: error\n")
                .contains(",\"type\":\"validation\",\"attempt\":2,");
        assertThat(async.text()).isEqualTo(sync.text());
    }

    record Pitch(String title, String blurb) {}

    /**
     * A validation failure's event lists the last attempt's violations at the paths of the value the client holds:
     * the list, not the {@code items} wrapper the model was asked for, so that a page can mark the broken item.
     */
    @Test
    void error_validation_listsTheViolationsAtTheClientsValuePaths() {
        ResponseModel<List<Pitch>> ideas = ResponseModel.of(new TypeRef<List<Pitch>>() {});
        InstructorRetryException spent = new InstructorRetryException(List.of(new FailedAttempt(
                1,
                "{\"items\":[",
                List.of(
                        Violation.of("/items/0/blurb", "size must be between 0 and 140"),
                        Violation.of("/items", "size must be between 1 and 3")),
                Usage.ZERO)));
        RecordingSink sync = new RecordingSink();
        RecordingSink async = new RecordingSink();

        UNPACED.stream(new FakePartialStream(new Script().fail(spent), ideas), SseFormat.SNAPSHOT, sync);
        UNPACED.streamAsync(new FakeAsyncPartialStream(new Script().fail(spent), ideas), SseFormat.SNAPSHOT, async)
                .join();

        assertThat(sync.text())
                .startsWith("event: error\ndata: {\"error\":")
                .endsWith(",\"type\":\"validation\",\"attempt\":1,\"violations\":["
                        + "{\"path\":\"/0/blurb\",\"message\":\"size must be between 0 and 140\"},"
                        + "{\"path\":\"\",\"message\":\"size must be between 1 and 3\"}]}\n\n");
        assertThat(async.text()).isEqualTo(sync.text());
    }

    @Test
    void error_notValidation_hasNoViolations() {
        RecordingSink sink = new RecordingSink();

        UNPACED.stream(
                new FakePartialStream(new Script().fail(new IllegalStateException("a bug"))), SseFormat.SNAPSHOT, sink);

        assertThat(sink.text()).contains("\"type\":\"internal\"").doesNotContain("violations");
    }

    @Test
    void error_failureInAnAttemptThatShowedNothing_reportsTheAttemptTheStreamStarted() {
        FakePartialStream stream = new FakePartialStream(
                        new Script().partials("[1,").fail(new IllegalStateException("provider gone")))
                .usagePerAttempt(() -> List.of(Usage.ZERO, Usage.ZERO));

        assertThat(written(UNPACED, stream, SseFormat.SNAPSHOT))
                .isEqualTo("data: [1]\n\n"
                        + "event: restart\ndata: {\"attempt\":2}\n\n"
                        + "event: error\ndata: {\"error\":\"Something went wrong while writing the answer.\","
                        + "\"type\":\"internal\",\"attempt\":2}\n\n");
    }

    @Test
    void error_ofAnAttemptNoUpdateAnnounced_dropsTheHeldPartialOfTheOldAttempt() {
        StructuredSse paced =
                StructuredSse.builder().partialInterval(Duration.ofSeconds(10)).build();
        FakePartialStream stream = new FakePartialStream(
                        new Script().partials("[1,", "2,").fail(new IllegalStateException("provider gone")))
                .usagePerAttempt(() -> List.of(Usage.ZERO, Usage.ZERO));

        // [1,2] was held back by pacing; it belongs to the rejected attempt, so the restart drops it.
        assertThat(written(paced, stream, SseFormat.DELTA))
                .isEqualTo("data:{\"p\":\"\",\"v\":[1]}\n\n"
                        + "event: restart\ndata: {\"attempt\":2}\n\n"
                        + "event: error\ndata: {\"error\":\"Something went wrong while writing the answer.\","
                        + "\"type\":\"internal\",\"attempt\":2}\n\n");
    }

    @Test
    void error_streamThatCannotCountItsAttempts_reportsTheLastAttemptSeen() {
        FakePartialStream stream = new FakePartialStream(
                        new Script().restart().partials("[1,").fail(new IllegalStateException()))
                .usagePerAttempt(() -> {
                    throw new UnsupportedOperationException();
                });

        assertThat(written(UNPACED, stream, SseFormat.SNAPSHOT))
                .startsWith("event: restart\n")
                .endsWith(",\"attempt\":2}\n\n");
    }

    @Test
    void error_failureCountingFewerAttemptsThanSeen_keepsTheSessionsAttempt() {
        InstructorRetryException one = new InstructorRetryException(
                List.of(new FailedAttempt(1, "[", List.of(Violation.of("/0", "too long")), Usage.ZERO)));

        FakePartialStream stream =
                new FakePartialStream(new Script().restart().partials("[1,").fail(one));

        assertThat(written(UNPACED, stream, SseFormat.SNAPSHOT)).contains(",\"type\":\"validation\",\"attempt\":2,");
    }

    @Test
    void error_customMapper_andFaultyMapperFallsBackToDefault() {
        StructuredSse custom = StructuredSse.builder()
                .partialInterval(Duration.ZERO)
                .errorMapper(failure -> failure instanceof ArithmeticException
                        ? new SseError("provider", "Daily \"limit\" reached")
                        : null)
                .build();
        FakePartialStream failing = new FakePartialStream(new Script().fail(new ArithmeticException()));
        assertThat(written(custom, failing, SseFormat.DELTA))
                .isEqualTo("event: error\ndata: {\"error\":\"Daily \\\"limit\\\" reached\",\"type\":\"provider\","
                        + "\"attempt\":1}\n\n");

        StructuredSse faulty = StructuredSse.builder()
                .errorMapper(failure -> {
                    throw new IllegalStateException();
                })
                .build();
        FakePartialStream failingAgain = new FakePartialStream(new Script().fail(new ArithmeticException()));
        assertThat(written(faulty, failingAgain, SseFormat.DELTA)).contains("\"type\":\"internal\"");
    }

    @Test
    void finalValueFromGetFinalResponse_whenUpdatesEndWithoutFinalUpdate() {
        // The fake's final value is null without a final update: Jackson writes it as null.
        assertThat(written(UNPACED, new FakePartialStream(new Script().partials("[1]")), SseFormat.SNAPSHOT))
                .isEqualTo("data: [1]\n\nevent: done\ndata: null\n\n");
    }

    @Test
    void eventIds_countEveryEvent() {
        StructuredSse sse = StructuredSse.builder()
                .partialInterval(Duration.ZERO)
                .eventIds(true)
                .build();
        FakePartialStream stream =
                new FakePartialStream(new Script().partials("[1,", "2]").finish("[1,2]"));
        assertThat(written(sse, stream, SseFormat.DELTA))
                .isEqualTo("id: 1\ndata:{\"p\":\"\",\"v\":[1]}\n\n"
                        + "id: 2\ndata:{\"p\":\"/1\",\"v\":2}\n\n"
                        + "id: 3\nevent: done\ndata: [1,2]\n\n");
    }

    @Test
    void heartbeat_writtenOnlyAfterQuietInterval() throws Exception {
        ManualTime time = new ManualTime();
        StructuredSse sse = heartbeatEvery50ms(time).build();
        CountDownLatch second = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        Script script = new Script()
                .partials("[1,")
                .await(second)
                .partials("2,")
                .await(end)
                .finish("[1,2]");
        RecordingSink sink = new RecordingSink();
        CompletableFuture<Void> serving =
                CompletableFuture.runAsync(() -> sse.stream(new FakePartialStream(script), SseFormat.SNAPSHOT, sink));
        awaitWrites(sink, 1);

        time.advance(Duration.ofMillis(49));
        assertThat(sink.writes()).hasSize(1);
        time.advance(Duration.ofMillis(1));
        assertThat(sink.writes()).hasSize(2).last().isEqualTo(": ping\n\n");
        // Half an interval later (a second at most), and again as long, a probe: the writes that fail if the browser
        // has gone (the first on most servers, the second where the server reports a reset one write late).
        time.advance(Duration.ofMillis(24));
        assertThat(sink.writes()).hasSize(2);
        time.advance(Duration.ofMillis(1));
        assertThat(sink.writes()).hasSize(3).last().isEqualTo(": ping\n\n");
        time.advance(Duration.ofMillis(24));
        assertThat(sink.writes()).hasSize(3);
        time.advance(Duration.ofMillis(1));
        assertThat(sink.writes()).hasSize(4).last().isEqualTo(": ping\n\n");
        time.advance(Duration.ofMillis(49));
        assertThat(sink.writes()).hasSize(4);
        time.advance(Duration.ofMillis(1));
        assertThat(sink.writes()).hasSize(5).last().isEqualTo(": ping\n\n");

        time.advance(Duration.ofMillis(10));
        second.countDown();
        awaitWrites(sink, 6);
        // The partial was the write after the ping (no probe), and it restarted the quiet interval.
        time.advance(Duration.ofMillis(49));
        assertThat(sink.writes()).hasSize(6);
        time.advance(Duration.ofMillis(1));
        assertThat(sink.writes()).hasSize(7).last().isEqualTo(": ping\n\n");

        end.countDown();
        serving.get(5, TimeUnit.SECONDS);
        assertThat(sink.text())
                .isEqualTo("data: [1]\n\n: ping\n\n: ping\n\n: ping\n\n: ping\n\ndata: [1,2]\n\n: ping\n\n"
                        + "event: done\ndata: [1,2]\n\n");
    }

    @Test
    void timeLimit_endsWithTimeoutErrorAndClosesStream() throws Exception {
        ManualTime time = new ManualTime();
        StructuredSse sse = StructuredSse.builder()
                .timeLimit(Duration.ofMillis(100))
                .scheduler(time)
                .time(time::nanoTime, time)
                .build();
        SilentServing serving = SilentServing.start(sse);
        RecordingSink sink = serving.sink();
        FakePartialStream stream = serving.stream();

        time.advance(Duration.ofMillis(99));
        assertThat(stream.closedAtNanos()).isZero();
        time.advance(Duration.ofMillis(1));
        serving.done().get(5, TimeUnit.SECONDS);

        assertThat(stream.wasAborted()).isTrue();
        assertThat(sink.text())
                .isEqualTo("data: [1]\n\nevent: error\ndata: {\"error\":\"The answer took longer than the server"
                        + " allows.\",\"type\":\"timeout\",\"attempt\":1}\n\n");
    }

    @Test
    void writer_runsTheTimersWrites() throws Exception {
        ManualTime time = new ManualTime();
        AtomicInteger tasks = new AtomicInteger();
        StructuredSse sse = heartbeatEvery50ms(time)
                .writer(task -> {
                    tasks.incrementAndGet();
                    task.run();
                })
                .build();
        CountDownLatch end = new CountDownLatch(1);
        RecordingSink sink = new RecordingSink();
        CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> sse.stream(
                new FakePartialStream(new Script().partials("[1,").await(end).finish("[1]")),
                SseFormat.SNAPSHOT,
                sink));
        awaitWrites(sink, 1);

        time.advance(Duration.ofMillis(50));
        assertThat(tasks).hasValue(1);
        assertThat(sink.writes()).last().isEqualTo(": ping\n\n");

        end.countDown();
        serving.get(5, TimeUnit.SECONDS);
        assertThat(sink.text()).isEqualTo("data: [1]\n\n: ping\n\nevent: done\ndata: [1]\n\n");
    }

    @Test
    void writer_rejectingATimersTask_stopsTheModelAndEndsWithError() throws Exception {
        ManualTime time = new ManualTime();
        StructuredSse sse = heartbeatEvery50ms(time)
                .writer(task -> {
                    throw new RejectedExecutionException("full");
                })
                .build();
        SilentServing serving = SilentServing.start(sse);
        RecordingSink sink = serving.sink();
        FakePartialStream stream = serving.stream();
        assertThat(stream.closedAtNanos()).isZero();

        time.advance(Duration.ofMillis(50));
        serving.done().get(5, TimeUnit.SECONDS);

        assertThat(stream.wasAborted()).isTrue();
        assertThat(sink.isClosed()).isTrue();
        assertThat(sink.text())
                .isEqualTo("data: [1]\n\nevent: error\ndata: {\"error\":\"The server is too busy to keep this answer"
                        + " going.\",\"type\":\"internal\",\"attempt\":1}\n\n");
    }

    @Test
    void writer_null_rejectedAtOnce() {
        assertThatThrownBy(() -> StructuredSse.builder().writer(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("writer");
    }

    @Test
    void clientGone_failedWriteClosesStreamAtOnce() throws Exception {
        RecordingSink sink = new RecordingSink().failFromWrite(3);
        CountDownLatch never = new CountDownLatch(1);
        Script script = new Script().partials("[\"a", "b", "c", "d").await(never);
        FakePartialStream stream = new FakePartialStream(script);

        UNPACED.stream(stream, SseFormat.SNAPSHOT, sink);

        assertThat(stream.wasAborted()).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(stream.closedAtNanos() - sink.failedAtNanos()))
                .isLessThan(100);
        assertThat(sink.writes()).hasSize(2);
        assertThat(sink.isClosed()).isTrue();
    }

    @Test
    void clientGone_heartbeatFailsWhileModelSilent_closesStream() throws Exception {
        StructuredSse sse =
                StructuredSse.builder().heartbeat(Duration.ofMillis(20)).build();
        RecordingSink sink = new RecordingSink();
        FakePartialStream stream =
                new FakePartialStream(new Script().partials("[1,").silentUntilClosed());
        CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> sse.stream(stream, SseFormat.DELTA, sink));
        awaitPing(sink);
        sink.goneNow();

        assertThat(stream.awaitClosed(1000)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(stream.closedAtNanos() - sink.failedAtNanos()))
                .isLessThan(100);
        serving.get(1, TimeUnit.SECONDS);
    }

    @Test
    void clientGone_whileModelSilent_probeASecondAfterTheHeartbeatStopsTheModel() throws Exception {
        ManualTime time = new ManualTime();
        SilentServing serving = SilentServing.start(heartbeatEvery15s(time));
        serving.sink().goneAfterOneMoreWrite();

        time.advance(Duration.ofSeconds(15));
        assertThat(serving.sink().writes()).as("the heartbeat, accepted").hasSize(2);
        assertThat(serving.stream().closedAtNanos()).isZero();
        time.advance(Duration.ofMillis(999));
        assertThat(serving.stream().closedAtNanos()).isZero();
        time.advance(Duration.ofMillis(1));
        serving.done().get(5, TimeUnit.SECONDS);

        assertThat(serving.stream().wasAborted()).isTrue();
        assertThat(serving.sink().isClosed()).isTrue();
    }

    /** Undertow swallows the failure of the first write after the reset and throws at the next: a second probe. */
    @Test
    void clientGone_whileModelSilent_serverReportingTheResetLate_secondProbeStopsTheModel() throws Exception {
        ManualTime time = new ManualTime();
        SilentServing serving = SilentServing.start(heartbeatEvery15s(time));
        serving.sink().goneAfterTwoMoreWrites();

        time.advance(Duration.ofSeconds(16));
        assertThat(serving.sink().writes())
                .as("the heartbeat and the first probe, accepted")
                .hasSize(3);
        assertThat(serving.stream().closedAtNanos()).isZero();
        time.advance(Duration.ofSeconds(1));
        serving.done().get(5, TimeUnit.SECONDS);

        assertThat(serving.stream().wasAborted()).isTrue();
        assertThat(serving.sink().isClosed()).isTrue();
    }

    /** A client still reading gets the heartbeat and two probes, then nothing until the next heartbeat is due. */
    @Test
    void heartbeat_clientStillThere_twoProbesThenTheNextHeartbeat() throws Exception {
        ManualTime time = new ManualTime();
        SilentServing serving = SilentServing.start(heartbeatEvery15s(time));

        time.advance(Duration.ofSeconds(17));
        assertThat(serving.sink().writes())
                .as("the partial, the heartbeat, two probes")
                .hasSize(4);
        time.advance(Duration.ofSeconds(14));
        assertThat(serving.sink().writes()).hasSize(4);
        time.advance(Duration.ofSeconds(1));
        assertThat(serving.sink().writes()).as("the next heartbeat").hasSize(5);
        serving.stream().close();
    }

    /** Returns settings pacing partials at 100 ms on {@code time}'s clock and timers. */
    private static StructuredSse pacedEvery100Ms(ManualTime time) {
        return StructuredSse.builder()
                .partialInterval(Duration.ofMillis(100))
                .scheduler(time)
                .time(time::nanoTime, time)
                .build();
    }

    @Test
    void pacing_holdsBurstAndWritesLatestWhenIntervalEnds() throws Exception {
        ManualTime time = new ManualTime();
        StructuredSse sse = pacedEvery100Ms(time);
        RecordingSink sink = new RecordingSink();
        CountDownLatch burstHandled = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Script script = new Script()
                .partials("[1,", "2,", "3,", "4,")
                .reached(burstHandled)
                .await(gate)
                .partials("5,")
                .finish("[1,2,3,4,5]");
        CompletableFuture<Void> serving =
                CompletableFuture.runAsync(() -> sse.stream(new FakePartialStream(script), SseFormat.DELTA, sink));
        assertThat(burstHandled.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(sink.writes()).containsExactly("data:{\"p\":\"\",\"v\":[1]}\n\n");
        time.advance(Duration.ofMillis(99));
        assertThat(sink.writes()).hasSize(1);
        time.advance(Duration.ofMillis(1));
        assertThat(sink.writes())
                .last()
                .isEqualTo("data:[{\"p\":\"/1\",\"v\":2},{\"p\":\"/2\",\"v\":3},{\"p\":\"/3\",\"v\":4}]\n\n");

        // After a quiet interval the next partial goes out at once.
        time.advance(Duration.ofMillis(100));
        gate.countDown();
        serving.get(5, TimeUnit.SECONDS);
        assertThat(sink.writes())
                .containsExactly(
                        "data:{\"p\":\"\",\"v\":[1]}\n\n",
                        "data:[{\"p\":\"/1\",\"v\":2},{\"p\":\"/2\",\"v\":3},{\"p\":\"/3\",\"v\":4}]\n\n",
                        "data:{\"p\":\"/4\",\"v\":5}\n\n",
                        "event: done\ndata: [1,2,3,4,5]\n\n");
    }

    @Test
    void pacing_afterARestart_theOldAttemptsTimerDoesNotCutTheNewInterval() throws Exception {
        ManualTime time = new ManualTime();
        StructuredSse sse = pacedEvery100Ms(time);
        RecordingSink sink = new RecordingSink();
        CountDownLatch firstHeld = new CountDownLatch(1);
        CountDownLatch reask = new CountDownLatch(1);
        CountDownLatch secondHeld = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Script script = new Script()
                .partials("[1,", "2,")
                .reached(firstHeld)
                .await(reask)
                .restart()
                .partials("[7,", "8,")
                .reached(secondHeld)
                .await(finish)
                .finish("[7,8]");
        CompletableFuture<Void> serving =
                CompletableFuture.runAsync(() -> sse.stream(new FakePartialStream(script), SseFormat.SNAPSHOT, sink));
        assertThat(firstHeld.await(5, TimeUnit.SECONDS)).isTrue();
        time.advance(Duration.ofMillis(60));
        reask.countDown();
        assertThat(secondHeld.await(5, TimeUnit.SECONDS)).isTrue();
        // [1,2] went with its attempt; [7] went out at once, 60 ms in, and starts a new interval.
        assertThat(sink.writes())
                .containsExactly("data: [1]\n\n", "event: restart\ndata: {\"attempt\":2}\n\n", "data: [7]\n\n");

        time.advance(Duration.ofMillis(40)); // when attempt 1's interval would have ended
        assertThat(sink.writes()).hasSize(3);
        time.advance(Duration.ofMillis(60));
        assertThat(sink.writes()).hasSize(4).last().isEqualTo("data: [7,8]\n\n");

        finish.countDown();
        serving.get(5, TimeUnit.SECONDS);
    }

    @Test
    void pacing_heldPartialDroppedBeforeDoneAndWrittenBeforeError() {
        StructuredSse sse =
                StructuredSse.builder().partialInterval(Duration.ofSeconds(10)).build();
        RecordingSink done = new RecordingSink();
        sse.stream(new FakePartialStream(new Script().partials("[1,", "2,").finish("[1,2]")), SseFormat.SNAPSHOT, done);
        assertThat(done.text()).isEqualTo("data: [1]\n\nevent: done\ndata: [1,2]\n\n");

        RecordingSink failed = new RecordingSink();
        sse.stream(
                new FakePartialStream(new Script().partials("[1,", "2,").fail(new IllegalStateException())),
                SseFormat.SNAPSHOT,
                failed);
        assertThat(failed.text()).startsWith("data: [1]\n\ndata: [1,2]\n\nevent: error\n");
    }

    /** An idea whose property name a snake_case mapper changes. */
    record Idea(String shortTitle) {}

    private static final JsonMapper SNAKE_CASE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final String SNAKE_IDEA = "{\"short_title\":\"Note Ninja\"}";

    private static Script snakeCaseScript() {
        return new Script().partials("{\"short_title\":\"Note", " Ninja\"}").finish(SNAKE_IDEA, new Idea("Note Ninja"));
    }

    @Test
    void done_writtenWithTheResponseModelsMapper_sameKeysAsProgress() throws Exception {
        ResponseModel<Idea> model =
                ResponseModel.builder(Idea.class).mapper(SNAKE_CASE).build();
        RecordingSink sync = new RecordingSink();
        RecordingSink async = new RecordingSink();

        UNPACED.stream(new FakePartialStream(snakeCaseScript(), model), SseFormat.SNAPSHOT, sync);
        UNPACED.streamAsync(new FakeAsyncPartialStream(snakeCaseScript(), model), SseFormat.SNAPSHOT, async)
                .get(2, TimeUnit.SECONDS);

        assertThat(sync.text())
                .isEqualTo("data: {\"short_title\":\"Note\"}\n\n"
                        + "data: " + SNAKE_IDEA + "\n\n"
                        + "event: done\ndata: " + SNAKE_IDEA + "\n\n");
        assertThat(async.text()).isEqualTo(sync.text());
    }

    @Test
    void done_writtenWithTheBuildersMapper_whenOneIsSet() {
        ResponseModel<Idea> model =
                ResponseModel.builder(Idea.class).mapper(SNAKE_CASE).build();
        StructuredSse camelCase = StructuredSse.builder()
                .partialInterval(Duration.ZERO)
                .heartbeat(Duration.ZERO)
                .mapper(JsonMapper.builder().build())
                .build();

        assertThat(written(camelCase, new FakePartialStream(snakeCaseScript(), model), SseFormat.SNAPSHOT))
                .endsWith("event: done\ndata: {\"shortTitle\":\"Note Ninja\"}\n\n");
    }

    @Test
    void done_loneSurrogate_escapedAsInTheProgressEvents() {
        // The model escaped half a pair: the engine keeps it and writes it as \\ud83d; raw, UTF-8 would make it "?".
        String text = "{\"a\":\"x\\ud83dy\"}";
        FakePartialStream stream =
                new FakePartialStream(new Script().partials(text).finish(text));

        assertThat(written(UNPACED, stream, SseFormat.SNAPSHOT))
                .isEqualTo("data: {\"a\":\"x\\ud83dy\"}\n\n" + "event: done\ndata: {\"a\":\"x\\ud83dy\"}\n\n");
    }

    @Test
    void async_sameBytesAndOneUpdateRequestedAtATime() throws Exception {
        RecordingSink sink = new RecordingSink();
        FakeAsyncPartialStream stream =
                new FakeAsyncPartialStream(new Script().partials(IDEA_CHUNKS).finish(IDEA));

        UNPACED.streamAsync(stream, SseFormat.DELTA, sink).get(2, TimeUnit.SECONDS);

        RecordingSink sync = new RecordingSink();
        UNPACED.stream(new FakePartialStream(new Script().partials(IDEA_CHUNKS).finish(IDEA)), SseFormat.DELTA, sync);
        assertThat(sink.text()).isEqualTo(sync.text());
        assertThat(stream.maxDemand()).isEqualTo(1);
        assertThat(stream.cancelledAtNanos()).isZero();
    }

    @Test
    void async_failureBecomesErrorEvent() throws Exception {
        RecordingSink sink = new RecordingSink();
        FakeAsyncPartialStream stream =
                new FakeAsyncPartialStream(new Script().partials("[1,").fail(new IllegalStateException("x")));
        UNPACED.streamAsync(stream, SseFormat.SNAPSHOT, sink).get(2, TimeUnit.SECONDS);
        assertThat(sink.text()).startsWith("data: [1]\n\nevent: error\ndata: {\"error\":");
    }

    @Test
    void async_clientGone_cancelsAtOnce() throws Exception {
        StructuredSse sse =
                StructuredSse.builder().heartbeat(Duration.ofMillis(20)).build();
        RecordingSink sink = new RecordingSink();
        FakeAsyncPartialStream stream =
                new FakeAsyncPartialStream(new Script().partials("[1,").silentUntilClosed());
        CompletableFuture<Void> ended = sse.streamAsync(stream, SseFormat.DELTA, sink);
        awaitPing(sink);
        sink.goneNow();

        assertThat(stream.awaitCancelled(1000)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(stream.cancelledAtNanos() - sink.failedAtNanos()))
                .isLessThan(100);
        ended.get(1, TimeUnit.SECONDS);
    }

    @Test
    void builder_rejectsNegativeDurations() {
        assertThatThrownBy(() -> StructuredSse.builder().heartbeat(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heartbeat")
                .hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> StructuredSse.builder().partialInterval(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partialInterval must not be negative");
        assertThatThrownBy(() -> StructuredSse.builder().mapper(null)).hasMessage("mapper");
    }

    /** A snapshot response being served in the background from a stream that sent "[1," and then went silent. */
    private record SilentServing(RecordingSink sink, FakePartialStream stream, CompletableFuture<Void> done) {
        /** Starts serving and returns once the first partial is written. */
        static SilentServing start(StructuredSse sse) throws InterruptedException {
            RecordingSink sink = new RecordingSink();
            FakePartialStream stream =
                    new FakePartialStream(new Script().partials("[1,").silentUntilClosed());
            CompletableFuture<Void> done =
                    CompletableFuture.runAsync(() -> sse.stream(stream, SseFormat.SNAPSHOT, sink));
            awaitWrites(sink, 1);
            return new SilentServing(sink, stream, done);
        }
    }

    /** An unpaced stream's settings with the default heartbeat, every 15 s of the manual clock. */
    private static StructuredSse heartbeatEvery15s(ManualTime time) {
        return StructuredSse.builder()
                .partialInterval(Duration.ZERO)
                .heartbeat(Duration.ofSeconds(15))
                .scheduler(time)
                .time(time::nanoTime, time)
                .build();
    }

    /** An unpaced stream's settings with a heartbeat every 50 ms of the manual clock, which also runs the writes. */
    private static StructuredSse.Builder heartbeatEvery50ms(ManualTime time) {
        return StructuredSse.builder()
                .partialInterval(Duration.ZERO)
                .heartbeat(Duration.ofMillis(50))
                .scheduler(time)
                .time(time::nanoTime, time);
    }

    private static void awaitPing(RecordingSink sink) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!sink.text().contains(": ping") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(sink.text()).as("heartbeats before the client leaves").contains(": ping");
    }

    private static void awaitWrites(RecordingSink sink, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sink.writes().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(sink.writes()).hasSizeGreaterThanOrEqualTo(count);
    }

    /** Streams {@code stream} through {@code sse} in {@code format} and returns the text it wrote. */
    private static String written(StructuredSse sse, FakePartialStream stream, SseFormat format) {
        RecordingSink sink = new RecordingSink();
        sse.stream(stream, format, sink);
        return sink.text();
    }
}
