package dev.instructor.internal.client;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Lets at most one partial through per interval. The run keeps the latest partial held back and shows it when the
 * interval is over (see {@link #nanosUntilOpen()}) unless a newer one or the final value comes first; the final value
 * never passes through here, so it is never delayed.
 */
final class Throttle {
    private final long intervalNanos;
    private final LongSupplier clock;
    private boolean admittedAny;
    private long lastAdmitted;

    /**
     * The longest interval counted, about 146 years: a longer one (a {@code ChronoUnit.FOREVER} meaning "no partials")
     * overflows a long of nanoseconds, and half the range keeps the callers' deadline arithmetic within it too.
     */
    private static final long LONGEST_NANOS = Long.MAX_VALUE / 2;

    Throttle(Duration interval, LongSupplier clock) {
        this.intervalNanos =
                interval.compareTo(Duration.ofNanos(LONGEST_NANOS)) > 0 ? LONGEST_NANOS : interval.toNanos();
        this.clock = clock;
    }

    /** Returns how long until a partial may be shown, zero when one may be shown now. */
    long nanosUntilOpen() {
        if (intervalNanos == 0 || !admittedAny) {
            return 0;
        }
        return Math.max(0, intervalNanos - (clock.getAsLong() - lastAdmitted));
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
