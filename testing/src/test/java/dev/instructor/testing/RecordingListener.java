package dev.instructor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderException;
import dev.instructor.spi.ProviderListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Records a call's callbacks and checks the listener contract (one outcome, nothing after it, no overlap). */
public final class RecordingListener implements ProviderListener {
    private final List<ProviderEvent> events = new ArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicInteger inCallback = new AtomicInteger();
    private final Set<String> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean completed;
    private volatile ProviderException failure;
    private volatile String violation;

    @Override
    public void onEvent(ProviderEvent event) {
        enter();
        synchronized (events) {
            events.add(event);
        }
        leave();
    }

    @Override
    public void onComplete() {
        enter();
        completed = true;
        ended.countDown();
        leave();
    }

    @Override
    public void onFailure(ProviderException failure) {
        enter();
        this.failure = failure;
        ended.countDown();
        leave();
    }

    private void enter() {
        threads.add(Thread.currentThread().getName());
        if (ended.getCount() == 0) {
            violation = "callback after the outcome";
        }
        if (inCallback.incrementAndGet() != 1) {
            violation = "overlapping callbacks";
        }
    }

    private void leave() {
        inCallback.decrementAndGet();
    }

    /** Waits for the outcome. */
    public RecordingListener await(Duration timeout) {
        try {
            assertThat(ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS))
                    .as("call ended within " + timeout)
                    .isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(violation).isNull();
        return this;
    }

    /** Returns whether an outcome arrived. */
    public boolean ended() {
        return ended.getCount() == 0;
    }

    /** Waits for success and returns the events. */
    public List<ProviderEvent> awaitSuccess() {
        await(Duration.ofSeconds(10));
        if (failure != null) {
            throw new AssertionError("expected success", failure);
        }
        assertThat(completed).isTrue();
        return events();
    }

    /** Waits for a failure of the given type and returns it. */
    public <T extends ProviderException> T awaitFailure(Class<T> type) {
        await(Duration.ofSeconds(10));
        assertThat(completed).as("completed instead of failing").isFalse();
        assertThat(failure).isInstanceOf(type);
        return type.cast(failure);
    }

    /** Returns the events so far, without the raw ones. */
    public List<ProviderEvent> events() {
        synchronized (events) {
            return events.stream()
                    .filter(e -> !(e instanceof ProviderEvent.Raw))
                    .toList();
        }
    }

    /** Returns the concatenated text deltas. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (ProviderEvent event : events()) {
            if (event instanceof ProviderEvent.TextDelta delta) {
                text.append(delta.text());
            }
        }
        return text.toString();
    }

    /** Returns the failure, or {@code null}. */
    public ProviderException failure() {
        return failure;
    }

    /** Returns the last usage event, or {@code null}. */
    public dev.instructor.spi.ProviderEvent.Usage usage() {
        dev.instructor.spi.ProviderEvent.Usage last = null;
        for (ProviderEvent event : events()) {
            if (event instanceof ProviderEvent.Usage usage) {
                last = usage;
            }
        }
        return last;
    }

    /** Returns the finish event, or {@code null}. */
    public ProviderEvent.Finish finish() {
        return events().stream()
                .filter(e -> e instanceof ProviderEvent.Finish)
                .map(ProviderEvent.Finish.class::cast)
                .findFirst()
                .orElse(null);
    }

    /** Returns the names of the threads the callbacks were made on. */
    public Set<String> threads() {
        return Set.copyOf(threads);
    }

    /** Returns the violation of the listener contract seen, or {@code null}. */
    public String violation() {
        return violation;
    }
}
