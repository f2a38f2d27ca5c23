package dev.instructor.sse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A clock and a scheduler that move only when a test says so: {@link #advance} runs the timers that fall due, in
 * time order, on the test's thread. Makes heartbeat, pacing and time-limit tests exact on a loaded machine.
 */
final class ManualTime extends AbstractExecutorService implements ScheduledExecutorService {
    private final List<Timer> timers = new ArrayList<>();
    private long now = 1_000_000_000L;

    /** Returns the current time in nanoseconds. */
    synchronized long nanoTime() {
        return now;
    }

    /** Moves the clock forward, running each timer when its time comes. */
    void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = now + duration.toNanos();
        }
        while (true) {
            Timer next;
            synchronized (this) {
                next = timers.stream()
                        .filter(timer -> timer.at <= target)
                        .min(Comparator.comparingLong(timer -> timer.at))
                        .orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                timers.remove(next);
                now = Math.max(now, next.at);
            }
            next.task.run();
        }
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Timer timer = new Timer(now + unit.toNanos(delay), command);
        timers.add(timer);
        return timer;
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    private final class Timer implements ScheduledFuture<Object> {
        final long at;
        final Runnable task;

        Timer(long at, Runnable task) {
            this.at = at;
            this.task = task;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (ManualTime.this) {
                return timers.remove(this);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
