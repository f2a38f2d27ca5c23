package dev.instructor.sse.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * How a {@link StreamSession} paces and guards its response.
 *
 * @param heartbeatNanos quiet time after which a {@code : ping} comment is written; 0 for none
 * @param pacingNanos least time between two progress events; 0 writes every partial
 * @param timeLimitNanos time after which the response ends with a {@code timeout} error; 0 for none
 * @param writeTimeoutNanos time one write may block before the client counts as gone; 0 for none
 * @param eventIds whether events carry {@code id:} lines
 * @param scheduler fires the timers of heartbeats, paced events, the time limit and the write timeout
 * @param writer runs what the timers do, which writes to the response and may block
 * @param clock a {@link System#nanoTime()}-like clock
 */
public record SessionSettings(
        long heartbeatNanos,
        long pacingNanos,
        long timeLimitNanos,
        long writeTimeoutNanos,
        boolean eventIds,
        ScheduledExecutorService scheduler,
        Executor writer,
        LongSupplier clock) {

    /** Returns the clock's time in nanoseconds. */
    public long nanoTime() {
        return clock.getAsLong();
    }
}
