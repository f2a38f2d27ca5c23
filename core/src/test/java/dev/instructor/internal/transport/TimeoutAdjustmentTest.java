package dev.instructor.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.spi.Timeouts;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutAdjustmentTest {
    private static final Timeouts PROVIDERS = Timeouts.DEFAULT.withFirstEvent(Duration.ofMinutes(5));

    @Test
    void resolve_noAdjustment_isTheProvidersOrTheReplacement() {
        Timeouts replacement = Timeouts.DEFAULT.withIdle(Duration.ofSeconds(5));

        assertThat(TimeoutAdjustment.resolve(PROVIDERS, null)).isEqualTo(PROVIDERS);
        assertThat(TimeoutAdjustment.resolve(PROVIDERS, replacement)).isEqualTo(replacement);
    }

    @Test
    void during_adjustsTheProvidersAndEndsWithTheCall() {
        Timeouts adjusted = TimeoutAdjustment.during(
                t -> t.withIdle(Duration.ofSeconds(5)), () -> TimeoutAdjustment.resolve(PROVIDERS, null));

        assertThat(adjusted).isEqualTo(PROVIDERS.withIdle(Duration.ofSeconds(5)));
        assertThat(TimeoutAdjustment.resolve(PROVIDERS, null)).isEqualTo(PROVIDERS);
    }

    @Test
    void during_nested_restoresTheOuterAdjustment() {
        Timeouts afterInner = TimeoutAdjustment.during(t -> t.withIdle(Duration.ofSeconds(5)), () -> {
            TimeoutAdjustment.during(t -> t.withIdle(Duration.ofSeconds(9)), () -> null);
            return TimeoutAdjustment.resolve(PROVIDERS, null);
        });

        assertThat(afterInner.idle()).isEqualTo(Duration.ofSeconds(5));
    }
}
