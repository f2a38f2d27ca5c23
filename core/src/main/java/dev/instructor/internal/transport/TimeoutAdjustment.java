package dev.instructor.internal.transport;

import dev.instructor.spi.Timeouts;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Carries a request's adjustment of the provider's timeouts ({@code ChatRequest.Builder.timeouts(UnaryOperator)})
 * from the client to the transport, the one place that knows the provider's own timeouts.
 *
 * <p>Implementation notes: the provider SPI hands the transport only a request's full replacement
 * ({@code ProviderRequest.timeouts()}), so the adjustment travels on the opening thread instead. That works because
 * {@code LlmProvider.open} opens its transport call before it returns, on the caller's thread; a provider that opened
 * it later, on another thread, would get its own timeouts unadjusted.
 */
public final class TimeoutAdjustment {
    private static final ThreadLocal<UnaryOperator<Timeouts>> PENDING = new ThreadLocal<>();

    private TimeoutAdjustment() {}

    /**
     * Runs {@code open} with {@code adjust} applied to the provider's timeouts of every transport call it opens.
     *
     * @param adjust maps the provider's timeouts to this call's; its {@code connect} is ignored
     * @param open opens the provider call
     * @return what {@code open} returned
     */
    public static <T> T during(UnaryOperator<Timeouts> adjust, Supplier<T> open) {
        Objects.requireNonNull(adjust, "adjust");
        UnaryOperator<Timeouts> outer = PENDING.get();
        PENDING.set(adjust);
        try {
            return open.get();
        } finally {
            if (outer == null) {
                PENDING.remove();
            } else {
                PENDING.set(outer);
            }
        }
    }

    /**
     * Returns the timeouts of a call: the request's full replacement when it has one, else the provider's as adjusted
     * by the pending adjustment, else the provider's.
     */
    static Timeouts resolve(Timeouts providers, Timeouts replacement) {
        if (replacement != null) {
            return replacement;
        }
        UnaryOperator<Timeouts> adjust = PENDING.get();
        if (adjust == null) {
            return providers;
        }
        return Objects.requireNonNull(adjust.apply(providers), "the timeouts adjustment returned null");
    }
}
