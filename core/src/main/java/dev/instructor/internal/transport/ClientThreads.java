package dev.instructor.internal.transport;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one call's work on its HTTP client's executor, where the body's events reach the listener: what the response
 * future and the call's timers decide. An executor that refuses a task (shut down) ends the call as refused.
 *
 * <p>The timer thread, which every call shares, only hands a timer's task over, so that a listener that takes its
 * time over a failure a timer decided (a timeout, a held error's wait) holds up no other call's timers, and runs on
 * the threads the caller chose for it. A task handed to an {@link ExecutorService} of the caller's is watched until it
 * starts: {@code shutdownNow()} drops the tasks the executor had queued (returning them to its caller), and a call
 * whose last timer's task was dropped would never end.
 */
final class ClientThreads {
    /** How long after handing a timer's task to the caller's executor the timer thread checks that it started. */
    private static final Duration HAND_OFF_CHECK = Duration.ofSeconds(1);

    private final Executor executor;
    private final BooleanSupplier callEnded;
    private final Consumer<RejectedExecutionException> refused;

    /**
     * @param callEnded whether the call has ended, when a dropped task no longer matters
     * @param refused ends the call because the executor refused its work
     */
    ClientThreads(Executor executor, BooleanSupplier callEnded, Consumer<RejectedExecutionException> refused) {
        this.executor = executor;
        this.callEnded = callEnded;
        this.refused = refused;
    }

    /** Runs {@code task} on the client's executor; if it refuses (shut down), the call is refused. */
    void run(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            refused.accept(e);
        }
    }

    /** Runs {@code task} after {@code delay} on the client's executor; returns the timer, to cancel. */
    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return JdkHttpTransport.TIMERS.schedule(
                () -> handOff(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** On the timer thread. */
    private void handOff(Runnable task) {
        if (executor instanceof ExecutorService service && service != JdkHttpTransport.CALLBACKS) {
            WatchedTask watched = new WatchedTask(task, service);
            run(watched);
            watched.checkLater();
        } else {
            run(task);
        }
    }

    /**
     * A timer's task handed to the caller's executor, which the timer thread checks back on until it has started.
     * Found dropped, its call fails as one whose executor refused work does; so does one whose executor was shut down
     * with {@code shutdown()} while the task still waited in its queue, as that executor takes none of the call's later
     * work either.
     */
    private final class WatchedTask implements Runnable {
        private final Runnable task;
        private final ExecutorService service;
        private volatile boolean started;

        WatchedTask(Runnable task, ExecutorService service) {
            this.task = task;
            this.service = service;
        }

        @Override
        public void run() {
            started = true;
            task.run();
        }

        void checkLater() {
            JdkHttpTransport.TIMERS.schedule(this::check, HAND_OFF_CHECK.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** On the timer thread. */
        private void check() {
            if (started || callEnded.getAsBoolean()) {
                return;
            }
            if (service.isShutdown()) {
                refused.accept(new RejectedExecutionException(
                        "the executor was shut down with a timer's task of the call queued"));
            } else {
                checkLater(); // only busy
            }
        }
    }
}
