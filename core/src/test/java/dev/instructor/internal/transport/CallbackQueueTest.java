package dev.instructor.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.spi.ConnectionException;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderException;
import dev.instructor.spi.ProviderListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The order, seriality and end of a call's callbacks once they are made outside the call's lock. */
class CallbackQueueTest {
    private final Object lock = new Object();
    private final Recorder listener = new Recorder();
    private final AtomicInteger listenerThrew = new AtomicInteger();
    private final CallbackQueue queue = new CallbackQueue(listener, lock, listenerThrew::incrementAndGet);

    @Test
    void queuedUnderTheLock_madeAtTheOutermostExit_inOrder() {
        synchronized (lock) {
            queue.event(text("a"));
            queue.deliver(); // nested: the caller's own exit delivers
            queue.event(text("b"));
            queue.complete();
            assertThat(listener.calls).isEmpty();
        }
        queue.deliver();
        assertThat(listener.calls).containsExactly("a", "b", "complete");
    }

    @Test
    void threadsQueuingAndDeliveringAtOnce_callbacksNeverOverlapAndKeepTheLocksOrder() throws Exception {
        int threads = 4;
        int perThread = 2_000;
        List<String> queued = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            workers.add(new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perThread; i++) {
                    synchronized (lock) {
                        String name = worker + ":" + i;
                        queued.add(name); // the order the lock gave the queuing threads
                        queue.event(text(name));
                    }
                    queue.deliver();
                }
            }));
        }
        workers.forEach(Thread::start);
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        // No delivery here: each callback was made by the thread that queued it or by the one delivering then.
        assertThat(listener.overlapped).isFalse();
        assertThat(listener.calls).containsExactlyElementsOf(queued);
    }

    /**
     * The body's reader asks for more bytes through a step queued after its events: while another thread is busy
     * making callbacks, the step waits for them, so the reader does not read on ahead of a slow listener.
     */
    @Test
    void stepQueuedWhileAnotherThreadDelivers_runsOnlyAfterTheCallbacksBeforeIt() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        listener.onCall = name -> {
            if (name.equals("a")) {
                busy.countDown();
                awaitQuietly(release);
            }
        };
        synchronized (lock) {
            queue.event(text("a"));
        }
        Thread deliverer = new Thread(queue::deliver);
        deliverer.start();
        busy.await();
        List<String> seenByStep = new CopyOnWriteArrayList<>();
        synchronized (lock) {
            queue.event(text("b"));
            queue.then(() -> seenByStep.addAll(listener.calls));
        }
        queue.deliver(); // the other thread is delivering: it makes "b", then runs the step
        assertThat(seenByStep).isEmpty();
        release.countDown();
        deliverer.join();
        assertThat(seenByStep).containsExactly("a", "b");
    }

    @Test
    void closed_dropsWhatIsQueuedAndWhatComesLater() {
        synchronized (lock) {
            queue.event(text("a"));
            queue.failure(failure());
            queue.close();
        }
        queue.event(text("late"));
        queue.deliver();
        assertThat(listener.calls).isEmpty();
    }

    @Test
    void closedFromInsideACallback_nothingAfterIt() {
        CallbackQueue[] closingQueue = new CallbackQueue[1];
        ProviderListener closing = new ProviderListener() {
            @Override
            public void onEvent(ProviderEvent event) {
                listener.onEvent(event);
                closingQueue[0].close(); // as the listener's cancel() of its call does
            }

            @Override
            public void onComplete() {
                listener.onComplete();
            }

            @Override
            public void onFailure(ProviderException failure) {
                listener.onFailure(failure);
            }
        };
        closingQueue[0] = new CallbackQueue(closing, lock, () -> {});
        closingQueue[0].event(text("a"));
        closingQueue[0].event(text("b"));
        closingQueue[0].complete();
        closingQueue[0].deliver();
        assertThat(listener.calls).containsExactly("a");
    }

    @Test
    void listenerThrowingFromAnEvent_endsTheCall_throwingFromTheOutcome_onlyReported() {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
        try {
            listener.throwOn = "bad";
            queue.event(text("bad"));
            queue.deliver();
            assertThat(listenerThrew).hasValue(1);
            listener.throwOn = "complete";
            queue.complete();
            queue.deliver();
            assertThat(listenerThrew).hasValue(1);
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(before);
        }
        assertThat(uncaught).extracting(Throwable::getMessage).containsExactly("bad", "complete");
    }

    private static ProviderEvent text(String delta) {
        return new ProviderEvent.TextDelta(delta);
    }

    private static ProviderException failure() {
        return new ConnectionException("test", "", 1, new IOException("reset"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records each callback's name; notes whether two ever ran at once; throws on a named one. */
    private static final class Recorder implements ProviderListener {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final AtomicBoolean running = new AtomicBoolean();
        volatile boolean overlapped;
        volatile String throwOn;
        volatile Consumer<String> onCall = name -> {};

        @Override
        public void onEvent(ProviderEvent event) {
            record(((ProviderEvent.TextDelta) event).text());
        }

        @Override
        public void onComplete() {
            record("complete");
        }

        @Override
        public void onFailure(ProviderException failure) {
            record("failure");
        }

        private void record(String name) {
            if (!running.compareAndSet(false, true)) {
                overlapped = true;
            }
            try {
                calls.add(name);
                onCall.accept(name);
                if (name.equals(throwOn)) {
                    throw new IllegalStateException(name);
                }
            } finally {
                running.set(false);
            }
        }
    }
}
