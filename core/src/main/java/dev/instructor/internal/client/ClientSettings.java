package dev.instructor.internal.client;

import dev.instructor.InstructorListener;
import dev.instructor.spi.LlmProvider;
import dev.instructor.spi.Mode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What an {@code Instructor} client was built with; immutable.
 *
 * @param provider where requests go
 * @param defaultMode the mode of requests that name none, or {@code null} for the provider's default
 * @param failFast whether streaming validation aborts attempts early, unless a request says otherwise
 * @param partialInterval the least time between partials, unless a request says otherwise; zero for none
 * @param startsInsideReasoning whether text answers start inside the model's reasoning, unless a request says otherwise
 * @param listener the client's listeners, already isolated from one another
 * @param nanoClock the clock of the partial throttle, {@link System#nanoTime} but in tests
 */
public record ClientSettings(
        LlmProvider provider,
        Mode defaultMode,
        boolean failFast,
        Duration partialInterval,
        boolean startsInsideReasoning,
        InstructorListener listener,
        LongSupplier nanoClock) {

    /** Checks the required parts. */
    public ClientSettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(partialInterval, "partialInterval");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * Returns settings with the given user listeners behind the logging listener, each isolated.
     *
     * @param listeners the user's listeners, in registration order
     */
    public static ClientSettings of(
            LlmProvider provider,
            Mode defaultMode,
            boolean failFast,
            Duration partialInterval,
            boolean startsInsideReasoning,
            List<InstructorListener> listeners,
            LongSupplier nanoClock) {
        return new ClientSettings(
                provider,
                defaultMode,
                failFast,
                partialInterval,
                startsInsideReasoning,
                Listeners.of(listeners),
                nanoClock);
    }
}
