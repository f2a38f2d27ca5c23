package dev.instructor.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderException;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.Timeouts;
import dev.instructor.testing.FakeProviderServer;
import dev.instructor.testing.FakeResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many concurrent calls against the loopback server, cancelled from other threads (or from inside a callback) at
 * random points, with listeners that sometimes take their time: per call, the listener's promises hold. Callbacks never
 * overlap and keep the wire's order; at most one outcome, and nothing after it; a call not cancelled ends with exactly
 * one; after {@code cancel()} returns at most one callback starts (one already on its way); {@code isDone()} is not
 * true inside an event callback unless the call was cancelled; and the body's reader never reads ahead of a listener
 * busy with what it read, whichever thread calls it.
 *
 * <p>The timing is random, the assertions are not: each holds for every interleaving. {@code -Dstress.calls=N} runs
 * more calls.
 */
class StreamingCallStressTest {
    private static final String FIRST_PART = "data: {\"t\":\"a\"}\n\ndata: {\"t\":\"b\"}\n\ndata: {\"t\":\"c\"}\n\n";
    private static final int FIRST_PART_EVENTS = 3;
    private static final String SECOND_PART =
            "data: {\"t\":\"d\"}\n\ndata: {\"t\":\"e\"}\n\ndata: {\"t\":\"f\"}\n\n" + "event: done\ndata: {}\n\n";
    private static final String TEXT = "abcdef";
    /** The second part is written this long after the first: a listener busy for longer is busy as it arrives. */
    private static final Duration GAP = Duration.ofMillis(5);

    private static final long SLOW_MILLIS = 15;
    private static final int CALLS = Integer.getInteger("stress.calls", 900);
    private static final int AT_ONCE = 60;

    private final FakeProviderServer server = FakeProviderServer.builder()
            .requestLogLimit(AT_ONCE)
            .dispatcher(request -> FakeResponse.sse(FIRST_PART + SECOND_PART)
                    .splitAt(FIRST_PART.length())
                    .pacing(GAP))
            .build();
    private final JdkHttpTransport transport = new JdkHttpTransport(
            "test", Timeouts.DEFAULT, new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50)));
    private final ScheduledExecutorService cancellers = Executors.newScheduledThreadPool(2);
    /** Orders callback starts and cancel returns across threads. */
    private final AtomicLong clock = new AtomicLong();

    @AfterEach
    void stop() {
        cancellers.shutdownNow();
        server.close();
    }

    @Test
    void manyCallsCancelledAtRandomPoints_eachKeepsTheListenersPromises() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> problems = new ArrayList<>();
        for (int done = 0; done < CALLS; done += AT_ONCE) {
            List<Checked> wave = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                wave.add(start(random));
            }
            for (Checked call : wave) {
                call.awaitSettled();
            }
            Thread.sleep(SLOW_MILLIS * 2); // a callback on its way as a cancel returned has started by now
            for (Checked call : wave) {
                problems.addAll(call.problems());
            }
        }
        assertThat(problems).as("seed " + seed).isEmpty();
    }

    private Checked start(Random random) {
        Checked listener = new Checked(
                random.nextInt(3) == 0, random.nextInt(8) == 0 ? random.nextInt(10) : -1, random.nextInt(2) == 0);
        AtomicInteger decoded = listener.decoded;
        ProviderCall call = transport.open(
                new OutgoingRequest(server.url("/stream"), Map.of(), Json.object()),
                JdkHttpTransport.Framing.SSE,
                () -> new JdkHttpTransportTest.TestDecoder() {
                    @Override
                    public void onEvent(SseEvent event, EventSink sink) {
                        decoded.incrementAndGet(); // under the call's lock, as the body is read
                        super.onEvent(event, sink);
                    }
                },
                listener,
                null);
        listener.call = call;
        if (listener.cancelledOutside) {
            cancellers.schedule(listener::cancelFromOutside, random.nextInt(40), TimeUnit.MILLISECONDS);
        }
        return listener;
    }

    /** Checks every callback of one call against the listener's promises, noting what breaks them. */
    private final class Checked implements ProviderListener {
        final boolean slowFirstEvent;
        final int cancelInsideAtEvent;
        final boolean cancelledOutside;
        final AtomicInteger decoded = new AtomicInteger();
        volatile ProviderCall call;

        private final List<String> problems = new CopyOnWriteArrayList<>();
        private final List<Long> starts = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean();
        private final StringBuffer text = new StringBuffer();
        private final CountDownLatch settled = new CountDownLatch(1);
        private volatile int events;
        private volatile String outcome;
        private volatile boolean lastWasFinish;
        private volatile boolean cancelIssued;
        private volatile boolean cancelledInside;
        private volatile long cancelReturnedAt = Long.MAX_VALUE;

        Checked(boolean slowFirstEvent, int cancelInsideAtEvent, boolean cancelledOutside) {
            this.slowFirstEvent = slowFirstEvent;
            this.cancelInsideAtEvent = cancelInsideAtEvent;
            this.cancelledOutside = cancelledOutside;
        }

        void cancelFromOutside() {
            cancelIssued = true;
            call.cancel();
            cancelReturnedAt = clock.incrementAndGet();
            settled.countDown();
        }

        @Override
        public void onEvent(ProviderEvent event) {
            begin("event");
            try {
                ProviderCall current = call;
                if (current != null && current.isDone() && !cancelIssued) {
                    problems.add("isDone() inside an event callback of a call not cancelled");
                }
                if (event instanceof ProviderEvent.TextDelta delta) {
                    text.append(delta.text());
                    if (!TEXT.startsWith(text.toString())) {
                        problems.add("text out of order: " + text);
                    }
                }
                lastWasFinish = event instanceof ProviderEvent.Finish;
                if (events++ == 0 && slowFirstEvent) {
                    busyFor(SLOW_MILLIS);
                }
                if (events - 1 == cancelInsideAtEvent && current != null) {
                    cancelIssued = true;
                    cancelledInside = true;
                    current.cancel();
                    settled.countDown();
                }
            } finally {
                running.set(false);
            }
        }

        /** Busy as a slow subscriber is; meanwhile the reader must not read on (the second part comes meanwhile). */
        private void busyFor(long millis) {
            int before = decoded.get();
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int after = decoded.get();
            if (before <= FIRST_PART_EVENTS && after > FIRST_PART_EVENTS && !cancelIssued) {
                problems.add("read ahead of a busy listener: " + before + " events decoded, then " + after);
            }
        }

        @Override
        public void onComplete() {
            begin("complete");
            if (!lastWasFinish || !text.toString().equals(TEXT)) {
                problems.add("completed after " + text + (lastWasFinish ? "" : " without a Finish event last"));
            }
            end("complete");
        }

        /** Not a problem in itself: what is checked is that the listener is told once, last. */
        @Override
        public void onFailure(ProviderException failure) {
            begin("failure");
            end("failure");
        }

        private void begin(String kind) {
            starts.add(clock.incrementAndGet());
            if (!running.compareAndSet(false, true)) {
                problems.add(kind + " overlapped another callback");
            }
            if (outcome != null) {
                problems.add(kind + " after the outcome, " + outcome);
            }
            if (cancelledInside) {
                problems.add(kind + " after a cancel from inside a callback");
            }
        }

        private void end(String kind) {
            outcome = kind;
            running.set(false);
            settled.countDown();
        }

        void awaitSettled() throws InterruptedException {
            if (!settled.await(30, TimeUnit.SECONDS)) {
                problems.add("neither an outcome nor a cancel in 30 s, after " + text);
            }
        }

        List<String> problems() {
            long returned = cancelReturnedAt;
            long startedAfterCancel =
                    starts.stream().filter(start -> start > returned).count();
            if (startedAfterCancel > 1) {
                problems.add(startedAfterCancel + " callbacks started after cancel() returned");
            }
            return problems;
        }
    }
}
