package dev.instructor.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProviderEventTest {
    @Test
    void usage_negativeCount_rejectedNamingTheCounts() {
        assertThatThrownBy(() -> new ProviderEvent.Usage(3, -1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token counts must not be negative: 3, -1, 2");
        assertThatThrownBy(() -> new ProviderEvent.Usage(0, 0, -5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ProviderEvent.Usage(0, 0, 0).totalTokens()).isZero();
    }
}
