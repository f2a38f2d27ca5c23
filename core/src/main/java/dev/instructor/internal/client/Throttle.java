package dev.instructor.internal.client;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Lets at most one partial through per interval. A partial held back is not kept: the next one supersedes it, and
 * the final value never passes through here, so it is never delayed.
 */
final class Throttle {
    private final long intervalNanos;
    private final LongSupplier clock;
    private boolean admittedAny;
    private long lastAdmitted;

    Throttle(Duration interval, LongSupplier clock) {
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
    }

    /** Returns true when a partial may be shown now, and counts it as shown. */
    boolean admit() {
        if (intervalNanos == 0) {
            return true;
        }
        long now = clock.getAsLong();
        if (admittedAny && now - lastAdmitted < intervalNanos) {
            return false;
        }
        admittedAny = true;
        lastAdmitted = now;
        return true;
    }
}
