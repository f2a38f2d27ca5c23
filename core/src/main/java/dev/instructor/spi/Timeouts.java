package dev.instructor.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits of a call. A stream that keeps sending is never cut by default: only the opt-in {@link #total()}
 * limits a whole call, while {@link #idle()} limits the silence between events.
 *
 * @param connect opening the connection (a provider-level setting: per-request values are ignored)
 * @param firstEvent from sending the request to the first event, including waiting for the response headers
 * @param idle with no bytes received while the body streams
 * @param total the whole call including retries, or {@code null} for no limit
 */
public record Timeouts(Duration connect, Duration firstEvent, Duration idle, Duration total) {

    /** Ten seconds to connect, two minutes to the first event (reasoning models think first), one minute idle. */
    public static final Timeouts DEFAULT =
            new Timeouts(Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(1), null);

    /** Checks every limit is positive. */
    public Timeouts {
        positive(connect, "connect");
        positive(firstEvent, "firstEvent");
        positive(idle, "idle");
        if (total != null) {
            positive(total, "total");
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " timeout must be positive: " + value);
        }
    }

    /** Returns a copy with the given connect timeout. */
    public Timeouts withConnect(Duration value) {
        return new Timeouts(value, firstEvent, idle, total);
    }

    /** Returns a copy with the given first-event timeout. */
    public Timeouts withFirstEvent(Duration value) {
        return new Timeouts(connect, value, idle, total);
    }

    /** Returns a copy with the given idle timeout. */
    public Timeouts withIdle(Duration value) {
        return new Timeouts(connect, firstEvent, value, total);
    }

    /** Returns a copy with the given total timeout, {@code null} for none. */
    public Timeouts withTotal(Duration value) {
        return new Timeouts(connect, firstEvent, idle, value);
    }
}
