package dev.instructor.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A scheduler that was shut down refuses every timer: the response must still end, and the model call stop. */
class ShutDownSchedulerTest {

    private static StructuredSse withShutDownScheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.shutdown();
        return StructuredSse.builder()
                .scheduler(scheduler)
                .heartbeat(Duration.ofSeconds(15))
                .build();
    }

    @Test
    void async_start_endsWithAnError_andCancelsTheStream() throws Exception {
        HandoverStream stream = new HandoverStream();
        RecordingSink sink = new RecordingSink();

        var ended = withShutDownScheduler().streamAsync(stream, SseFormat.SNAPSHOT, sink);

        ended.get(5, TimeUnit.SECONDS);
        assertThat(stream.finalResponse()).isCancelled();
        assertThat(sink.isClosed()).isTrue();
        assertThat(sink.text())
                .isEqualTo("event: error\ndata: {\"error\":\"The server is too busy to keep this answer"
                        + " going.\",\"type\":\"internal\",\"attempt\":1}\n\n");
    }

    @Test
    void sync_start_endsWithTheBusyError() {
        FakePartialStream stream =
                new FakePartialStream(new Script().partials("[1", "]").finish("[1]"));
        RecordingSink sink = new RecordingSink();

        withShutDownScheduler().stream(stream, SseFormat.SNAPSHOT, sink);

        assertThat(sink.isClosed()).isTrue();
        assertThat(sink.text())
                .isEqualTo("event: error\ndata: {\"error\":\"The server is too busy to keep this answer"
                        + " going.\",\"type\":\"internal\",\"attempt\":1}\n\n");
    }
}
