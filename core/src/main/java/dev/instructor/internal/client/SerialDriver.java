package dev.instructor.internal.client;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time, in submission order, on whichever thread submits while no other is running them: a
 * trampoline, not a thread. Provider callbacks never wait here, so the transport's per-call lock and ours can never
 * deadlock: a callback that finds the driver busy leaves its task and returns.
 */
final class SerialDriver {
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    /**
     * Runs {@code task} now or hands it to the thread already running tasks; returns when it has been run or handed
     * over.
     */
    void submit(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() != 0) {
            return;
        }
        drain(1);
    }

    /**
     * Runs {@code task} now, or hands it over, as {@link #submit} does; but if tasks were handed to this thread while
     * it ran, leaves them to {@code handOff} instead of running them too. For a caller that must return promptly: a
     * provider that delivers its events faster than they are handled would otherwise keep the caller's thread until the
     * answer ended.
     */
    void submitThenHandOff(Runnable task, Executor handOff) {
        tasks.add(task);
        if (pending.getAndIncrement() != 0) {
            return;
        }
        // The first task queued: this one, one whose submitter has yet to count it, or none if the thread that was
        // running tasks took this one before it saw the count fall to zero.
        Throwable thrown = run(tasks.poll(), null);
        int left = pending.decrementAndGet();
        if (left != 0) {
            try {
                handOff.execute(() -> drain(left)); // this thread still counts as the one running tasks until then
            } catch (RuntimeException | Error e) {
                // No thread to hand them to (a pool that cannot start one, out of memory for its stack): late is better
                // than never.
                thrown = run(() -> drain(left), thrown);
            }
        }
        rethrow(thrown);
    }

    /**
     * Runs the queued tasks, and those submitted meanwhile, having {@code missed} submissions to account for. A task
     * that throws is the caller's to hear of, once the others are run: their submitters left them to this thread, and
     * a count left raised would keep every later task waiting.
     */
    private void drain(int missed) {
        Throwable thrown = null;
        do {
            for (Runnable next = tasks.poll(); next != null; next = tasks.poll()) {
                thrown = run(next, thrown);
            }
            missed = pending.addAndGet(-missed);
        } while (missed != 0);
        rethrow(thrown);
    }

    /** Runs {@code task} if there is one; returns what it threw, added to {@code thrown} before it if any. */
    private static Throwable run(Runnable task, Throwable thrown) {
        if (task == null) {
            return thrown;
        }
        try {
            task.run();
            return thrown;
        } catch (RuntimeException | Error e) {
            if (thrown == null) {
                return e;
            }
            if (thrown != e) {
                thrown.addSuppressed(e);
            }
            return thrown;
        }
    }

    private static void rethrow(Throwable thrown) {
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
    }
}
