package dev.instructor.internal.client;

import java.util.concurrent.ConcurrentLinkedQueue;
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
        int missed = 1;
        do {
            for (Runnable next = tasks.poll(); next != null; next = tasks.poll()) {
                next.run();
            }
            missed = pending.addAndGet(-missed);
        } while (missed != 0);
    }
}
