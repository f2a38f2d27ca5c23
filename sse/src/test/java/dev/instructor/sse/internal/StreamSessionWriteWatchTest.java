package dev.instructor.sse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.json.PartialJsonParser;
import dev.instructor.sse.SseFormat;
import dev.instructor.sse.SseSink;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The write watch: a write blocked past the write timeout stops the model call, off the shared scheduler. */
class StreamSessionWriteWatchTest {
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "test-scheduler"));
    private final ExecutorService writer = Executors.newCachedThreadPool(task -> new Thread(task, "test-writer"));
    private final CountDownLatch released = new CountDownLatch(1);

    @AfterEach
    void shutDown() {
        released.countDown();
        scheduler.shutdownNow();
        writer.shutdownNow();
    }

    /**
     * Stopping the call runs the stream's cancel, and with it the caller's listeners (onError): on the writer, as the
     * time limit's does, not on the scheduler every response's timers share.
     */
    @Test
    void blockedWrite_pastTheWriteTimeout_cancelsUpstreamOnTheWriterNotTheScheduler() throws Exception {
        CompletableFuture<String> cancelledOn = new CompletableFuture<>();
        SessionSettings settings = new SessionSettings(
                0, 0, 0, Duration.ofMillis(50).toNanos(), false, scheduler, writer, System::nanoTime);
        StreamSession session = new StreamSession(
                new StalledSink(),
                SseFormat.SNAPSHOT,
                settings,
                () -> cancelledOn.complete(Thread.currentThread().getName()),
                () -> 1);
        session.start();
        PartialJsonParser parser = PartialJsonParser.strict();
        parser.feed("[1,");
        Thread reader = new Thread(() -> session.progress(parser.current(), 1), "test-reader");
        reader.start();

        assertThat(cancelledOn.get(5, TimeUnit.SECONDS)).isEqualTo("test-writer");
        released.countDown();
        reader.join(5000);
    }

    /**
     * A writer whose only thread is the one stuck in the write (here a heartbeat's) would hold the cancel queued
     * behind it for ever: the watch then stops the call itself, a write timeout later.
     */
    @Test
    void blockedWrite_onTheWritersOnlyThread_stillCancelsUpstream() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor(task -> new Thread(task, "test-single-writer"));
        try {
            CompletableFuture<String> cancelledOn = new CompletableFuture<>();
            SessionSettings settings = new SessionSettings(
                    Duration.ofMillis(20).toNanos(),
                    0,
                    0,
                    Duration.ofMillis(50).toNanos(),
                    false,
                    scheduler,
                    single,
                    System::nanoTime);
            StreamSession session = new StreamSession(
                    new StalledSink(),
                    SseFormat.SNAPSHOT,
                    settings,
                    () -> cancelledOn.complete(Thread.currentThread().getName()),
                    () -> 1);
            session.start();

            assertThat(cancelledOn.get(5, TimeUnit.SECONDS)).isEqualTo("test-scheduler");
        } finally {
            released.countDown();
            single.shutdownNow();
        }
    }

    /** A client that keeps the connection open and reads nothing: every write blocks until the test ends. */
    private final class StalledSink implements SseSink {
        @Override
        public void open(Map<String, String> headers) {}

        @Override
        public void write(byte[] bytes) throws java.io.IOException {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new java.io.IOException("the connection failed at last");
        }

        @Override
        public void close() {}
    }
}
