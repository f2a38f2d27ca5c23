package dev.instructor.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits of one provider request. A stream that keeps sending is never cut by default: only the opt-in
 * {@link #total()} limits a whole request, while {@link #idle()} limits the silence between events.
 *
 * <p>Every limit applies to one provider request. A structured call that re-asks the model after a failed validation
 * sends a new request per attempt, and each one gets these limits afresh: with {@code total} set, a call with two
 * re-asks can last up to three times {@code total}. To bound a whole structured call, time it yourself (for example
 * {@code AsyncPartialStream.finalResponse().orTimeout(...)}, which cancels the stream).
 *
 * @param connect opening the connection (a provider-level setting: per-request values are ignored)
 * @param firstEvent from sending the request to the first event, including waiting for the response headers; an event
 *     that only acknowledges the request does not count (OpenAI Responses' {@code response.created} and
 *     {@code response.in_progress}, and the reasoning item added as the model starts to think in silence)
 * @param idle with no bytes received while the body streams, from its first event on (before it, {@code firstEvent}
 *     alone applies)
 * @param total one provider request from when it is started to its last event, including the transport's retries
 *     of it before the provider accepts it (back-off waits included; an HTTP error or connection failure whose retry
 *     would wait past this limit ends the request at once, with that failure), but not the re-asks of the structured
 *     call, each of which is a new request timed afresh; {@code null} for no limit
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
