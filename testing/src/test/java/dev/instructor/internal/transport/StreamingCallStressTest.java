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
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
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
 * true inside an event callback unless the call was cancelled; the body's reader never reads ahead of a listener
 * busy with what it read, whichever thread calls it; and every callback runs on the client's executor, the shared pool
 * or the user's, but those of a call that executor refused work to: its failure, and the callbacks queued before it,
 * may come on the shared pool.
 *
 * <p>Some answers are retried (a 503 first). Calls on a user's executor also meet an executor shut down at a random
 * point: from another thread, from inside a callback, or never. Their timeouts are short, as a JDK 17 client
 * drops the work its executor refuses and such a call ends at its next timer.
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
    private static final RetryPolicy RETRY = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50));
    /** The transport's shared pool, where every callback of a call on a client without an executor of its own runs. */
    private static final String SHARED_THREADS = "instructor-http-";
    /**
     * Short enough that a call whose executor's refused work a JDK 17 client dropped ends soon; a timeout that fires
     * on a machine busy with other builds is one more failure, which is no problem.
     */
    private static final Timeouts SHORT =
            Timeouts.DEFAULT.withFirstEvent(Duration.ofSeconds(2)).withIdle(Duration.ofSeconds(1));

    /** Every so many requests one is answered 503, which its call retries after a wait on the timer thread. */
    private static final int UNAVAILABLE_EVERY = 7;

    private final AtomicInteger requests = new AtomicInteger();
    private final FakeProviderServer server = FakeProviderServer.builder()
            .requestLogLimit(AT_ONCE)
            .dispatcher(request -> requests.incrementAndGet() % UNAVAILABLE_EVERY == 0
                    ? FakeResponse.status(503).body("{\"error\":{\"message\":\"busy\"}}")
                    : FakeResponse.sse(FIRST_PART + SECOND_PART)
                            .splitAt(FIRST_PART.length())
                            .pacing(GAP))
            .build();
    private final JdkHttpTransport transport = new JdkHttpTransport("test", Timeouts.DEFAULT, RETRY);
    private final ScheduledExecutorService cancellers = Executors.newScheduledThreadPool(2);
    private final List<ExecutorService> executors = new CopyOnWriteArrayList<>();
    /** Orders callback starts and cancel returns across threads. */
    private final AtomicLong clock = new AtomicLong();

    @AfterEach
    void stop() {
        cancellers.shutdownNow();
        executors.forEach(ExecutorService::shutdownNow);
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
                wave.add(start(random, transport, SHARED_THREADS, null));
            }
            problems.addAll(settle(wave));
        }
        assertThat(problems).as("seed " + seed).isEmpty();
    }

    @Test
    void manyCallsOnUserExecutorsShutDownAtRandomPoints_eachKeepsTheListenersPromises() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> problems = new ArrayList<>();
        for (int done = 0; done < CALLS; done += AT_ONCE) {
            String threads = "user-" + done + "-";
            ExecutorService executor = Executors.newFixedThreadPool(2, named(threads));
            executors.add(executor);
            JdkHttpTransport onExecutor = new JdkHttpTransport("test", SHORT, RETRY, http -> http.executor(executor));
            int shutDownInside = random.nextInt(3) == 0 ? random.nextInt(AT_ONCE) : -1;
            List<Checked> wave = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                wave.add(start(random, onExecutor, threads, i == shutDownInside ? executor : null));
            }
            if (shutDownInside < 0 && random.nextInt(4) != 0) {
                cancellers.schedule(executor::shutdown, random.nextInt(60), TimeUnit.MILLISECONDS);
            }
            problems.addAll(settle(wave));
            executor.shutdown();
        }
        assertThat(problems).as("seed " + seed).isEmpty();
    }

    /** Waits for every call of {@code wave} to end or be cancelled, for a bounded time; returns what broke. */
    private List<String> settle(List<Checked> wave) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Checked call : wave) {
            call.awaitSettled(deadline);
        }
        Thread.sleep(SLOW_MILLIS * 2); // a callback on its way as a cancel returned has started by now
        List<String> problems = new ArrayList<>();
        for (Checked call : wave) {
            problems.addAll(call.problems());
        }
        return problems;
    }

    /**
     * Starts a call whose callbacks must run on threads named {@code threads}; {@code shutDownInside}, if not null, is
     * shut down from inside one of its event callbacks.
     */
    private Checked start(Random random, JdkHttpTransport transport, String threads, ExecutorService shutDownInside) {
        Checked listener = new Checked(
                random.nextInt(3) == 0, random.nextInt(8) == 0 ? random.nextInt(10) : -1, random.nextInt(2) == 0);
        listener.threads = threads;
        listener.executor = transport.callbackExecutor().orElse(null);
        listener.shutDownInside = shutDownInside;
        listener.shutDownAtEvent = random.nextInt(8);
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
        volatile String threads;
        volatile Executor executor;
        volatile ExecutorService shutDownInside;
        volatile int shutDownAtEvent;

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
        private final List<String> offExecutor = new CopyOnWriteArrayList<>();
        private volatile boolean refused;

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
                if (events - 1 == shutDownAtEvent && shutDownInside != null) {
                    shutDownInside.shutdown();
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

        /**
         * Not a problem in itself: what is checked is that the listener is told once, last, on the client's executor;
         * or, when that executor refused the call's work, on the shared pool, with the callbacks queued before it.
         */
        @Override
        public void onFailure(ProviderException failure) {
            begin("failure");
            refused = refusal(failure);
            end("failure");
        }

        private boolean refusal(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof RejectedExecutionException) {
                    return true;
                }
            }
            return false;
        }

        private void begin(String kind) {
            starts.add(clock.incrementAndGet());
            String thread = Thread.currentThread().getName();
            if (!thread.startsWith(threads)) {
                offExecutor.add(kind + " on " + thread + ", not on " + threads);
            }
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

        void awaitSettled(long deadlineNanos) throws InterruptedException {
            if (!settled.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                problems.add("neither an outcome nor a cancel in time, after " + text);
            }
        }

        List<String> problems() {
            long returned = cancelReturnedAt;
            long startedAfterCancel =
                    starts.stream().filter(start -> start > returned).count();
            if (startedAfterCancel > 1) {
                problems.add(startedAfterCancel + " callbacks started after cancel() returned");
            }
            // Cancelled (from inside one of the events its refusal took to the shared pool, say), a refused call is
            // never told of the refusal: that its executor was shut down is then all that shows it.
            boolean mayBeRefused =
                    refused || (cancelIssued && executor instanceof ExecutorService service && service.isShutdown());
            if (!mayBeRefused
                    || offExecutor.stream().anyMatch(callback -> !callback.contains(" on " + SHARED_THREADS))) {
                problems.addAll(offExecutor);
            }
            return problems;
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
