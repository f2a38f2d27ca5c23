package dev.instructor.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The library's own threads: daemons, so that none keeps the caller's JVM alive, named after what they do. */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** Returns a factory of daemon threads named {@code prefix} and a count: {@code instructor-http-1}, ... */
    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
