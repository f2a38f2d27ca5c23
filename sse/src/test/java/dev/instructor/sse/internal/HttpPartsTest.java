package dev.instructor.sse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpPartsTest {

    @Test
    void refusesEveryType_everyRangeAtQZero() {
        assertThat(HttpParts.refusesEveryType("text/event-stream; q=0, */*;q=0.0"))
                .isTrue();
        assertThat(HttpParts.refusesEveryType("text/event-stream; q=0, */*")).isFalse();
    }

    /** Empty header lines, joined, list no media range at all: the client refuses nothing, as with no header. */
    @Test
    void refusesEveryType_noRangeListed_refusesNothing() {
        assertThat(HttpParts.refusesEveryType(HttpParts.joinLines(List.of("", ""))))
                .isFalse();
        assertThat(HttpParts.refusesEveryType(" , ,")).isFalse();
        assertThat(HttpParts.refusesEveryType(null)).isFalse();
    }
}
